"""Keyword rules: folding text so disguised words look like the words they imitate, and matching many rules fast.

Text and patterns go through the same `fold`, so whatever folding does to a pattern it also does to the text.
Matching works on whole words: the folded text is split into words once, each word is looked up in dictionaries
built by `compile_rules`, so a scan costs about the same with ten rules as with ten thousand.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ACTIONS = ("block", "crisis", "hold", "flag", "censor")
MAX_PATTERN_LENGTH = 100

# '1' and '|' inside a word may stand for either 'i' or 'l'. Folding turns them into this marker, which nothing
# else folds to (dotless i is folded to 'i' below), and matching tries both letters in its place.
AMBIGUOUS = "ı"

# Letters from other scripts that look like Latin ones. NFKC already handles fullwidth and mathematical letters.
_LOOKALIKES = {
    # Cyrillic capitals, then small letters
    "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p", "С": "c", "Т": "t",
    "У": "y", "Х": "x", "Ѕ": "s", "І": "i", "Ј": "j", "Ԛ": "q", "Ԝ": "w", "Ү": "y", "Һ": "h", "Ӏ": "l",
    "Ь": "b", "Ԁ": "d", "Ԍ": "g", "Ꙇ": "l",
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԛ": "q", "ԝ": "w", "ү": "y", "һ": "h", "ӏ": "l",
    "ь": "b", "ԁ": "d", "ꙇ": "l",
    # Greek capitals, then small letters
    "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m", "Ν": "n", "Ο": "o",
    "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
    # Other look-alikes NFKC leaves alone
    "ı": "i", "ȷ": "j", "ℓ": "l", "ꞁ": "l", "օ": "o", "ɑ": "a", "ɡ": "g",
    # Typographic apostrophes, so "can’t" folds like "can't"
    "’": "'", "‘": "'", "ʼ": "'", "′": "'", "ʹ": "'",
}  # fmt: skip
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)

# Format characters (zero-width spaces and joiners, soft hyphen, bidi controls) and combining marks are
# invisible or decorative; dropping them undoes both hidden separators and accent stacking.
_DROPPED_CATEGORIES = frozenset({"Cf", "Mn", "Mc", "Me"})

_SUBSTITUTIONS = str.maketrans(
    {
        "4": "a",
        "@": "a",
        "3": "e",
        "0": "o",
        "5": "s",
        "$": "s",
        "7": "t",
        "!": "i",
        "1": AMBIGUOUS,
        "|": AMBIGUOUS,
    }
)

# A run of characters that may form one disguised word: letters and digits, '@' and '$' anywhere, and '!' or
# '|' only between two letters or digits so that "shit!" keeps its exclamation mark. Runs are found from the
# few characters that could be substituted rather than by scanning every word.
_SEED = re.compile(r"[0-9@$!|]")
_RUN_TAIL = re.compile(r"(?:[^\W_]|[@$]|[!|](?=[^\W_]))*")
_HAS_LETTER = re.compile(r"[^\W\d_]")
# Numbers with a unit or ordinal ("10k", "5am", "3rd", "1990s") are ordinary text, not disguised words.
_NUMBER_WITH_UNIT = re.compile(
    r"[$@]?[0-9]+(?:st|nd|rd|th|s|k|m|b|bn|mn|am|pm|h|hr|hrs|hours?|yr|yrs|years?|yo|mo|mos|months?|d|days?|w|wk"
    r"|wks|weeks?|min|mins|minutes?|sec|secs|seconds?|x|ms|gb|mb|kb|tb|px|pt|kg|km|cm|mm|g|ft|lb|lbs|usd|eur|gbp"
    r"|cad|aud|inr|fps|p|v)[$]?"
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_PATTERN_WORD = re.compile(r"(?:[^\W_]|\*)+(?:'(?:[^\W_]|\*)+)*")
_STARS = re.compile(r"\*+")

# Wildcard words are indexed by at most this many literal characters, so every word of the text costs a few
# dictionary lookups per index whatever the number of rules.
_INDEX_CHARS = 3
# Distinct words remembered per matcher; a community's vocabulary fits, a flood of random strings does not.
_ANCHORED_CACHE_LIMIT = 100_000
# A word with more ambiguous characters than this only tries all-'i' and all-'l' rather than every mix.
_MAX_AMBIGUOUS_MIX = 4

# Folding a character is costly and most texts reuse a small alphabet; the cap keeps a stream of unusual
# characters from growing a long-running worker's memory without bound.
_fold_cache: dict[str, str] = {}
_FOLD_CACHE_LIMIT = 20_000


def _fold_char(char: str) -> str:
    # Casefolding can produce decomposable letters ("İ" → "i̇"), so compatibility-decompose again after it.
    folded = unicodedata.normalize("NFKD", char.translate(_LOOKALIKE_TABLE)).translate(_LOOKALIKE_TABLE)
    folded = unicodedata.normalize("NFKD", folded.casefold())
    kept = "".join(part for part in folded if unicodedata.category(part) not in _DROPPED_CATEGORIES)
    return kept.translate(_LOOKALIKE_TABLE)


def _folded_char(char: str) -> str:
    folded = _fold_cache.get(char)
    if folded is None:
        folded = _fold_char(char)
        if len(_fold_cache) < _FOLD_CACHE_LIMIT:
            _fold_cache[char] = folded
    return folded


def _fold_chars(text: str) -> tuple[str, list[int] | None]:
    """Character-level folding; the index is None when every character kept its position."""
    if text.isascii():
        # ASCII has no look-alikes, invisible characters or compatibility forms: lowercasing is all it needs.
        return text.lower(), None
    parts: list[str] = []
    same_length = True
    pos = 0
    for run in _NON_ASCII.finditer(text):
        start, end = run.span()
        parts.append(text[pos:start].lower())
        for char in run.group():
            folded = _folded_char(char)
            same_length = same_length and len(folded) == 1
            parts.append(folded)
        pos = end
    parts.append(text[pos:].lower())
    # Most non-ASCII characters (quotes, dashes, accented letters of a name) fold to one character, so
    # positions only need mapping when one vanished or became several.
    return "".join(parts), None if same_length else _fold_index(text)


def _fold_index(text: str) -> list[int]:
    """For each character `_fold_chars` produces, the position of the character of text it came from."""
    index: list[int] = []
    for i, char in enumerate(text):
        if char.isascii():
            index.append(i)
        else:
            index.extend([i] * len(_folded_char(char)))
    return index


def _is_run_char(text: str, i: int) -> bool:
    char = text[i]
    if char.isalnum() or char in "@$":
        return True
    return char in "!|" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def _substitute(folded: str) -> str:
    """Undo digit and symbol substitutions in runs that contain a letter; same length in, same length out."""
    pieces = []
    emitted = scanned = 0
    for seed in _SEED.finditer(folded):
        position = seed.start()
        if position < scanned or not _is_run_char(folded, position):
            continue
        start = position
        while start > scanned and _is_run_char(folded, start - 1):
            start -= 1
        scanned = _RUN_TAIL.match(folded, position).end()
        run = folded[start:scanned]
        if _HAS_LETTER.search(run) and not _NUMBER_WITH_UNIT.fullmatch(run):
            pieces.append(folded[emitted:start])
            pieces.append(run.translate(_SUBSTITUTIONS))
            emitted = scanned
    if not pieces:
        return folded
    pieces.append(folded[emitted:])
    return "".join(pieces)


def _fold(text: str) -> tuple[str, list[int] | None]:
    folded, index = _fold_chars(text)
    return _substitute(folded), index


def fold(text: str) -> tuple[str, list[int]]:
    """Fold text for matching, with the original position of every folded character.

    Folding applies Unicode compatibility forms (fullwidth, mathematical and circled letters become plain
    ones), maps Cyrillic and Greek look-alikes to Latin, drops zero-width and other invisible characters and
    combining marks (so accents and stacked marks vanish), casefolds, and inside words that contain a letter
    undoes common substitutions (4 and @ → a, 3 → e, 0 → o, 5 and $ → s, 7 → t, ! → i). A '1' or '|' inside
    such a word becomes `AMBIGUOUS`, which matching reads as either 'i' or 'l'. Numbers on their own ("2026",
    "$500", "10 years", "5am") are left as they are.
    """
    folded, index = _fold(text)
    return folded, list(range(len(folded))) if index is None else index


def _ambiguous_variants(word: str) -> tuple[str, ...]:
    count = word.count(AMBIGUOUS)
    if not count:
        return (word,)
    if count > _MAX_AMBIGUOUS_MIX:
        return (word.replace(AMBIGUOUS, "i"), word.replace(AMBIGUOUS, "l"))
    pieces = word.split(AMBIGUOUS)
    return tuple(
        pieces[0] + "".join(letter + piece for letter, piece in zip(letters, pieces[1:], strict=True))
        for letters in itertools.product("il", repeat=count)
    )


def _word_keys(word: str) -> tuple[str, ...]:
    """Every spelling a folded word of the text may be matched as."""
    if "'" in word:
        # "can't" is looked up as "cant", and "shit's" also as "shit".
        spellings: tuple[str, ...] = (word.replace("'", ""), word[: word.index("'")])
    elif AMBIGUOUS not in word:
        return (word,)
    else:
        spellings = (word,)
    return tuple(dict.fromkeys(key for spelling in spellings for key in _ambiguous_variants(spelling)))


def _pattern_words(pattern: str) -> list[str]:
    """The folded words of a pattern; '*' survives folding because each piece around it is folded alone."""
    folded = "*".join(_fold(piece)[0] for piece in _STARS.split(pattern.strip()))
    return [word.replace("'", "") for word in _PATTERN_WORD.findall(folded)]


@dataclass(frozen=True)
class RuleSpec:
    id: int
    pattern: str
    action: str


@dataclass(frozen=True)
class Match:
    rule_id: int
    action: str
    start: int  # in the original text
    end: int
    text: str  # the original text that matched


def validate_pattern(pattern: str) -> str | None:
    """Why a pattern cannot be used as a rule, or None when it can."""
    stripped = pattern.strip()
    if not stripped:
        return "Enter a word or phrase."
    if len(stripped) > MAX_PATTERN_LENGTH:
        return f"Keep the pattern to {MAX_PATTERN_LENGTH} characters or fewer."
    if not any(word.strip("*") for word in _pattern_words(stripped)):
        return "The pattern needs at least one letter or digit besides wildcards."
    return None


# A word of a compiled pattern: the exact keys it accepts, or a regex a key must match in full.
_WordTest = frozenset[str] | re.Pattern[str]


@dataclass(frozen=True)
class _Rule:
    spec: RuleSpec
    words: tuple[_WordTest, ...]
    anchor: int  # which word the rule is indexed by


def _wildcard_regex(word: str) -> re.Pattern[str]:
    pieces = (re.escape(piece).replace(AMBIGUOUS, "[il]") for piece in word.split("*"))
    return re.compile(r"[^\W_]*".join(pieces))


def _literal_runs(word: str) -> tuple[str, str, str]:
    """A wildcard word's literal prefix, suffix and longest literal piece."""
    pieces = word.split("*")
    return pieces[0], pieces[-1], max(pieces, key=len)


class RuleMatcher:
    """Rules compiled for scanning; build one with `compile_rules` and reuse it for every text."""

    def __init__(self) -> None:
        self._exact: dict[str, list[_Rule]] = {}
        self._prefix: dict[str, list[_Rule]] = {}
        self._suffix: dict[str, list[_Rule]] = {}
        self._infix: dict[str, list[_Rule]] = {}
        self._prefix_lengths: tuple[int, ...] = ()
        self._suffix_lengths: tuple[int, ...] = ()
        self._infix_lengths: tuple[int, ...] = ()
        # Word → rules anchored on it. Posts share most of their vocabulary, so after a few posts nearly every
        # word costs one lookup here, however many rules and indexes there are.
        self._anchored_cache: dict[str, tuple[_Rule, ...]] = {}
        self._hit_keys: set[str] = set()  # the words of the cache that have rules
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def _add(self, spec: RuleSpec) -> None:
        words = _pattern_words(spec.pattern)
        tests: list[_WordTest] = []
        for word in words:
            if "*" in word:
                tests.append(_wildcard_regex(word))
            else:
                tests.append(frozenset(_ambiguous_variants(word)))
        exact = [i for i, word in enumerate(words) if "*" not in word]
        if exact:
            # The longest exact word is the least likely to occur, so it triggers the fewest phrase checks.
            anchor = max(exact, key=lambda i: len(words[i]))
            rule = _Rule(spec, tuple(tests), anchor)
            for key in _ambiguous_variants(words[anchor]):
                self._exact.setdefault(key, []).append(rule)
        else:
            anchor = max(range(len(words)), key=lambda i: len(max(words[i].split("*"), key=len)))
            rule = _Rule(spec, tuple(tests), anchor)
            prefix, suffix, longest = _literal_runs(words[anchor])
            if prefix and len(prefix) >= len(suffix):
                index, keys = self._prefix, {v[:_INDEX_CHARS] for v in _ambiguous_variants(prefix)}
            elif suffix:
                index, keys = self._suffix, {v[-_INDEX_CHARS:] for v in _ambiguous_variants(suffix)}
            else:
                index, keys = self._infix, {v[:_INDEX_CHARS] for v in _ambiguous_variants(longest)}
            for key in keys:
                index.setdefault(key, []).append(rule)
        self._count += 1

    def forget_words(self) -> None:
        """Empty the per-word cache, as if no text had been scanned yet."""
        self._anchored_cache.clear()
        self._hit_keys.clear()

    def _finish(self) -> None:
        self._prefix_lengths = tuple(sorted({len(key) for key in self._prefix}))
        self._suffix_lengths = tuple(sorted({len(key) for key in self._suffix}))
        self._infix_lengths = tuple(sorted({len(key) for key in self._infix}))

    def _anchored(self, key: str) -> tuple[_Rule, ...]:
        """Rules whose anchor word matches this word of the text."""
        rules = list(self._exact.get(key, ()))
        candidates: list[_Rule] = []
        for length in self._prefix_lengths:
            candidates += self._prefix.get(key[:length], ())
        for length in self._suffix_lengths:
            candidates += self._suffix.get(key[-length:], ())
        for length in self._infix_lengths:
            for start in range(len(key) - length + 1):
                candidates += self._infix.get(key[start : start + length], ())
        rules += (rule for rule in candidates if rule.words[rule.anchor].fullmatch(key))
        return tuple(rules)

    def find(self, text: str) -> list[Match]:
        """Every rule match in text, by position in the original text, earliest first."""
        if not self._count or not text:
            return []
        folded, index = _fold(text)
        words = _WORD.findall(folded)
        # Only words with an apostrophe or an ambiguous character have more than one spelling.
        if "'" in folded or AMBIGUOUS in folded:
            spellings = {word: _word_keys(word) for word in set(words)}
            all_keys = {key for word_keys in spellings.values() for key in word_keys}
        else:
            spellings = None
            all_keys = set(words)
        cache = self._anchored_cache
        unseen = all_keys - cache.keys()
        if len(cache) + len(unseen) > _ANCHORED_CACHE_LIMIT:
            self.forget_words()
            unseen = all_keys
        for key in unseen:
            anchored = self._anchored(key)
            cache[key] = anchored
            if anchored:
                self._hit_keys.add(key)
        # Set operations in C decide whether any word can start a match; most posts stop here.
        hits = all_keys & self._hit_keys
        if not hits:
            return []
        keys = [(word,) for word in words] if spellings is None else [spellings[word] for word in words]
        found: dict[tuple[int, int], _Rule] = {}
        for position, word_keys in enumerate(keys):
            for key in word_keys:
                if key in hits:
                    self._collect(cache[key], keys, position, found)
        if not found:
            return []
        spans = [word.span() for word in _WORD.finditer(folded)]
        matches = []
        for (_, start), rule in found.items():
            first = spans[start][0]
            last = spans[start + len(rule.words) - 1][1]
            if index is not None:
                # Invisible characters and combining marks right after the word belong to it.
                first = index[first]
                last = len(text) if last == len(index) else max(index[last - 1] + 1, index[last])
            matches.append(Match(rule.spec.id, rule.spec.action, first, last, text[first:last]))
        matches.sort(key=lambda m: (m.start, m.end, m.rule_id))
        return matches

    @staticmethod
    def _collect(
        candidates: Sequence[_Rule],
        keys: Sequence[tuple[str, ...]],
        position: int,
        found: dict[tuple[int, int], _Rule],
    ) -> None:
        for rule in candidates:
            start = position - rule.anchor
            if (rule.spec.id, start) in found or start < 0 or start + len(rule.words) > len(keys):
                continue
            for offset, test in enumerate(rule.words):
                if offset == rule.anchor:
                    continue
                word_keys = keys[start + offset]
                if isinstance(test, frozenset):
                    if test.isdisjoint(word_keys):
                        break
                elif not any(test.fullmatch(key) for key in word_keys):
                    break
            else:
                found[(rule.spec.id, start)] = rule


def compile_rules(rules: Iterable[RuleSpec]) -> RuleMatcher:
    """Index rules for `RuleMatcher.find`.

    Rules with an unknown action or a pattern `validate_pattern` rejects are left out, so one bad stored rule
    cannot stop moderation of every post.
    """
    matcher = RuleMatcher()
    for spec in rules:
        if spec.action in ACTIONS and validate_pattern(spec.pattern) is None:
            matcher._add(spec)
    matcher._finish()
    return matcher


def mask(text: str, matches: Iterable[Match], char: str = "*") -> str:
    """Replace every censor match with `char`, one per character; whitespace is kept so lines stay lines."""
    chars = list(text)
    masked = False
    for match in matches:
        if match.action != "censor":
            continue
        masked = True
        for i in range(match.start, match.end):
            if not chars[i].isspace():
                chars[i] = char
    return "".join(chars) if masked else text
