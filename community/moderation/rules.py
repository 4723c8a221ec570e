"""Keyword rules: folding text so disguised words look like the words they imitate, and matching many rules fast.

Text and patterns go through the same `fold`, so whatever folding does to a pattern it also does to the text.
Matching works on whole words: the folded text is split into words once, each word is looked up in dictionaries
built by `compile_rules`, so a scan costs about the same with ten rules as with ten thousand.

Evasions matching undoes besides folding: letters spaced or punctuated apart ("k i l l", "s.u.i.c.i.d.e",
"su-i-cide"), the words of a phrase run together ("killmyself" for "kill myself"), and letters stretched by
repetition ("diieee"). A pattern may leave room for a few words with `...` ("want ... die" also matches "want
to just die"), and an `allow` rule marks a figure of speech ("die of embarrassment") that no other rule matches
inside.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import emoji

ACTIONS = ("block", "crisis", "hold", "flag", "censor", "allow")
MAX_PATTERN_LENGTH = 100
# `...` (or `…`) in a pattern stands for up to this many words, and a pattern has at most MAX_GAPS of them.
GAP_WORDS = 3
MAX_GAPS = 3
_GAP = re.compile(r"\s*(?:\.\.\.|…)\s*")

# '1' and '|' inside a word may stand for either 'i' or 'l'. Folding turns them into this marker, which nothing
# else folds to (dotless i is folded to 'i' below), and matching tries both letters in its place.
AMBIGUOUS = "ı"
# A '*' between two letters ("d*e", "k*ll", "s*icide") hides one letter: it becomes this marker, which matching
# reads as any vowel.
HIDDEN_VOWEL = "ɐ"
_VOWELS = "aeiouy"

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
        "€": "e",
        "7": "t",
        "!": "i",
        "1": AMBIGUOUS,
        "|": AMBIGUOUS,
    }
)

# A run of characters that may form one disguised word: letters and digits, '@' and '$' anywhere, and '!' or
# '|' only between two letters or digits so that "shit!" keeps its exclamation mark. Runs are found from the
# few characters that could be substituted rather than by scanning every word.
_SEED = re.compile(r"[0-9@$€!|]")
_RUN_TAIL = re.compile(r"(?:[^\W_]|[@$€]|[!|](?=[^\W_]))*")
_HAS_LETTER = re.compile(r"[^\W\d_]")
# Numbers with a unit or ordinal ("10k", "5am", "3rd", "1990s") are ordinary text, not disguised words.
_NUMBER_WITH_UNIT = re.compile(
    r"[$@]?[0-9]*(?:1st|2nd|3rd|[0-9]th)|[$@]?[0-9]+(?:s|k|m|b|bn|mn|am|pm|h|hr|hrs|hours?|yr|yrs|years?|yo|mo|mos|months?|d|days?|w|wk"
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


# The text folded last: the scrubber and then the rules fold the same field one after the other.
_last_fold: tuple[str, tuple[str, list[int] | None]] = ("", ("", None))


def _fold_chars(text: str) -> tuple[str, list[int] | None]:
    """Character-level folding; the index is None when every character kept its position."""
    global _last_fold
    if _last_fold[0] is text or _last_fold[0] == text:
        folded, index = _last_fold[1]
        return folded, None if index is None else list(index)
    result = _fold_chars_anew(text)
    _last_fold = (text, result)
    return result[0], None if result[1] is None else list(result[1])


def _fold_chars_anew(text: str) -> tuple[str, list[int] | None]:
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


def fold_characters(text: str) -> tuple[str, list[int] | None]:
    """Folding character by character only (no digit or symbol substitution): what the scrubber reads personal
    data in. The index maps each character back (None when every character kept its position)."""
    return _fold_chars(text)


def _is_run_char(text: str, i: int) -> bool:
    char = text[i]
    if char.isalnum() or char in "@$€":
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
    if HIDDEN_VOWEL in word:
        head, _, tail = word.partition(HIDDEN_VOWEL)
        # A '*' hides a vowel ("k*ll") or is put between letters to break a word up ("sui*cide").
        return tuple(
            dict.fromkeys(v for vowel in (*_VOWELS, "") for v in _ambiguous_variants(head + vowel + tail))
        )
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


# Three of one letter in a row: no English word has that, so it is a stretched word ("diieee", "kiiill").
_STRETCHED = re.compile(r"([^\W\d_])\1\1")
_REPEATS = re.compile(r"(.)\1+")
# Keys of squeezed spellings start with this, so a squeezed word only ever meets a squeezed pattern word:
# "of" in the text is not "off" in a pattern, but "offfff" is.
_SQUEEZED = "~"
# Squeezed words longer than this are also looked up as plain words.
_SQUEEZED_ALONE = 5


def _squeezed(word: str) -> str:
    """Every run of one letter made a single letter, marked as such."""
    return _SQUEEZED + _REPEATS.sub(r"\1", word)


def _word_keys(word: str) -> tuple[str, ...]:
    """Every spelling a folded word of the text may be matched as."""
    if _STRETCHED.search(word):
        plain = _word_keys(_REPEATS.sub(r"\1\1", word))
        squeezed = [_squeezed(key) for key in plain]
        # A long squeezed word cannot be mistaken for another word ("suuuicide" is "suicide"), so it also meets
        # wildcard patterns, which have no squeezed spellings.
        unmarked = [key[1:] for key in squeezed if len(key) > _SQUEEZED_ALONE]
        return tuple(dict.fromkeys((*plain, *squeezed, *unmarked)))
    if "'" in word:
        # "can't" is looked up as "cant", and "shit's" also as "shit".
        spellings: tuple[str, ...] = (word.replace("'", ""), word[: word.index("'")])
    elif AMBIGUOUS not in word and HIDDEN_VOWEL not in word:
        return (word,)
    else:
        spellings = (word,)
    return tuple(dict.fromkeys(key for spelling in spellings for key in _ambiguous_variants(spelling)))


# Typing slips a pattern word also matches: two letters swapped in a word this long ("myslef")...
_SWAP_FROM = 5
# ...and a doubled letter written once in a word this long ("kil", "sleping"); shorter words would meet
# other words ("off" is not "of").
_SINGLE_FROM = 4


# Words in nearly every post: a rule is looked up by another of its words when it has one ("the end for me"
# by "end"), so that each "the" of a story does not start a phrase check.
_COMMON_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "again",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "back",
        "be",
        "because",
        "been",
        "before",
        "being",
        "but",
        "by",
        "can",
        "could",
        "day",
        "did",
        "do",
        "does",
        "down",
        "even",
        "ever",
        "every",
        "for",
        "from",
        "get",
        "go",
        "going",
        "got",
        "had",
        "has",
        "have",
        "he",
        "her",
        "here",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "know",
        "like",
        "make",
        "me",
        "more",
        "most",
        "much",
        "my",
        "no",
        "not",
        "now",
        "of",
        "off",
        "on",
        "one",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "really",
        "said",
        "same",
        "see",
        "she",
        "should",
        "so",
        "some",
        "still",
        "such",
        "take",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "thing",
        "things",
        "think",
        "this",
        "those",
        "time",
        "to",
        "too",
        "up",
        "us",
        "very",
        "want",
        "was",
        "way",
        "we",
        "well",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)


def _typos(variants: tuple[str, ...]) -> set[str]:
    slips: set[str] = set()
    for word in variants:
        if not word.isalpha():
            continue
        if len(word) >= _SWAP_FROM:
            slips.update(
                word[:i] + word[i + 1] + word[i] + word[i + 2 :]
                for i in range(len(word) - 1)
                if word[i] != word[i + 1]
            )
        if len(word) >= _SINGLE_FROM:
            slips.update(word[:i] + word[i + 1 :] for i in range(len(word) - 1) if word[i] == word[i + 1])
    return slips - set(variants)


def _pattern_words(pattern: str) -> list[str]:
    """The folded words of a pattern; '*' survives folding because each piece around it is folded alone."""
    folded = "*".join(_fold(piece)[0] for piece in _STARS.split(pattern.strip()))
    return [word.replace("'", "") for word in _PATTERN_WORD.findall(folded)]


def _pattern_variants(pattern: str) -> list[list[str]]:
    """The word sequences a pattern matches: each `...` becomes 0 to GAP_WORDS any-words, and a phrase of
    plain words also matches as one run-together word."""
    segments = [words for words in (_pattern_words(part) for part in _GAP.split(pattern.strip())) if words]
    if not segments:
        return []
    variants = [segments[0]]
    for segment in segments[1:]:
        variants = [v + ["*"] * gap + segment for v in variants for gap in range(GAP_WORDS + 1)]
    joined = [["".join(v)] for v in variants if len(v) > 1 and not any("*" in word for word in v)]
    return variants + joined


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


# Emoji and symbol patterns ("🎃", "💩💩", ":joy:") match as written, as Discourse's watched words do: the
# symbols in order, whatever skin tone or presentation selector comes with them; a shortcode also matches the
# emoji it stands for.
_SHORTCODE = re.compile(r":[a-z0-9_+-]{1,40}:", re.IGNORECASE)
_MODIFIERS = "\ufe0e\ufe0f\U0001f3fb-\U0001f3ff"
_MODIFIER = re.compile(f"[{_MODIFIERS}]")


def _symbol_forms(pattern: str) -> tuple[str, ...]:
    """The written forms of an emoji or symbol pattern, or () for a pattern of words."""
    stripped = pattern.strip()
    if _SHORTCODE.fullmatch(stripped):
        shown = _MODIFIER.sub("", emoji.emojize(stripped.lower(), language="alias"))
        return tuple(dict.fromkeys((stripped.lower(), shown)))
    if _pattern_words(stripped) or "..." in stripped:
        return ()
    symbols = _MODIFIER.sub("", "".join(stripped.split()))
    # At least one emoji or other pictographic symbol: "!!!" or "--" would be punctuation, not a rule.
    if not any(unicodedata.category(char) == "So" for char in symbols):
        return ()
    return (symbols,)


def validate_pattern(pattern: str) -> str | None:
    """Why a pattern cannot be used as a rule, or None when it can."""
    stripped = pattern.strip()
    if not stripped:
        return "Enter a word or phrase."
    if len(stripped) > MAX_PATTERN_LENGTH:
        return f"Keep the pattern to {MAX_PATTERN_LENGTH} characters or fewer."
    if _symbol_forms(stripped):
        return None
    parts = _GAP.split(stripped)
    if len(parts) - 1 > MAX_GAPS:
        return f"Use '...' at most {MAX_GAPS} times in a pattern."
    if not all(_pattern_words(part) for part in parts):
        return "Put a word before and after each '...'."
    if not any(word.strip("*") for word in _pattern_words(" ".join(parts))):
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


# Short words a run-together phrase may hold besides the patterns' own ("iwanttodie"), and the length from
# which a word of the text is tried as several run together.
_JOINING_WORDS = ("i", "im", "to", "my", "me", "a", "be", "so", "just", "it", "all", "want", "wanna")
_RUN_TOGETHER_MIN = 7
# Where letters are written apart: three single letters in a row, a word broken by punctuation with no space,
# or a '*' inside a word. A pattern spans a few words, so this many characters around such a spot are read
# again too.
_WRITTEN_APART = re.compile(
    r"(?P<run>(?<![^\W_])[^\W\d_](?:[ \t.\-_*·•,~+/\\]{1,3}[^\W\d_](?![^\W_])){2,})"
    r"|[^\W\d_](?P<gap>[.\-_*·•~+/\\]{1,3})(?=[^\W\d_])"
)
# Cheap first looks (three short words written apart, punctuation or '*' next to a letter, long words), then
# the exact forms where one is found.
_THREE_APART = re.compile(r"\b\w[ \t.\-_*·•,~+/\\]{1,3}\w[ \t.\-_*·•,~+/\\]{1,3}\w\b")
# The cheap first look for letters written apart: two one-character words in a row, found from the separator
# before them (a search that starts on a separator skips ahead fast); then `_SPACED_RUN` checks for three.
_TWO_APART = re.compile(r"[ \t.\-_*·•,~+/\\]\w[ \t.\-_*·•,~+/\\]{1,3}\w(?!\w)")
_JOINER_CHAR = re.compile(r"[.\-_*·•~+/\\]")
_LONG_WORD = re.compile(rf"\w{{{_RUN_TOGETHER_MIN},}}")
_SPACED_RUN = re.compile(r"[^\W\d_](?:[ \t.\-_*·•,~+/\\]{1,3}[^\W\d_](?![^\W_])){2,}")
_JOINER_CHARS = ".-_·•~+/\\"
_COMPOUND = re.compile(r"[^\W\d_]+(?:[.\-_·•~+/\\]{1,3}[^\W\d_]+)+")
_PUNCTUATION = re.compile(r"[^\w]|_")
_WINDOW = 80

# Between letters of one word written apart: spaces, dots, hyphens and the like (not line breaks).
_APART = re.compile(r"[ \t.\-_*·•,~+/\\]+")


def _run_gaps(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The gaps to take out of a run of single letters. Gaps with a space or comma and gaps without one make
    different runs: in "d-i-e, I can't" the "I" is a word of its own, and in "a d-i-e" so is the "a". Letters
    joined by punctuation alone close up; letters set apart by spaces only three or more in a row."""
    gaps = list(_APART.finditer(folded, start, end))
    cut: list[tuple[int, int]] = []
    for spaced, group in itertools.groupby(gaps, key=lambda gap: bool(_SPACED_GAP.search(gap.group()))):
        spans = [gap.span() for gap in group]
        if not spaced or len(spans) >= 2:
            cut += spans
    return cut


_SPACED_GAP = re.compile(r"[ \t,]")


def _close_up(folded: str) -> tuple[str, list[int]] | None:
    """`folded` with the gaps taken out of words written apart, and the position in `folded` of each character
    kept; None when there is nothing to close. Closed: runs of three or more single letters ("k i l l",
    "s.u.i.c.i.d.e") and words broken by punctuation with no space ("su-i-cide", "self-harm"); a '*' between
    letters stands for a hidden vowel ("d*e")."""
    cut: list[tuple[int, int]] = []  # gaps to take out, as spans of `folded`
    hidden: set[int] = set()  # positions of a '*' standing for a letter
    for spot in _WRITTEN_APART.finditer(folded):
        if spot.group("run"):
            cut += _run_gaps(folded, spot.start(), spot.end())
        elif spot.group("gap") == "*":
            hidden.add(spot.start("gap"))
        else:
            cut.append(spot.span("gap"))
    if not cut and not hidden:
        return None
    kept: list[int] = []
    pieces: list[str] = []
    position = 0
    for start, end in cut:
        pieces.append(folded[position:start])
        kept.extend(range(position, start))
        position = end
    pieces.append(folded[position:])
    kept.extend(range(position, len(folded)))
    closed = "".join(pieces)
    if hidden:
        # Every hidden letter's '*' stays where it was, as the marker (`kept` maps positions back to it).
        closed = "".join(HIDDEN_VOWEL if kept[n] in hidden else char for n, char in enumerate(closed))
    return closed, kept


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
        # The plain words of every pattern: a long word of the text made only of them ("iwanttodie") is also
        # read as those words.
        self._vocabulary: set[str] = set(_JOINING_WORDS)
        self._longest_word = 0
        self._splits: dict[str, tuple[str, ...] | None] = {}
        self._split_words: set[str] = set()  # the words of `_splits` that do split
        # Emoji and symbol rules, by written form; one regex finds every form in a text.
        self._symbols: dict[str, list[RuleSpec]] = {}
        self._symbol_regex: re.Pattern[str] | None = None

    def __len__(self) -> int:
        return self._count

    def _add(self, spec: RuleSpec) -> None:
        forms = _symbol_forms(spec.pattern)
        for form in forms:
            self._symbols.setdefault(form.casefold(), []).append(spec)
        for words in () if forms else _pattern_variants(spec.pattern):
            self._add_words(spec, words)
        self._count += 1

    def _add_words(self, spec: RuleSpec, words: list[str]) -> None:
        tests: list[_WordTest] = []
        for word in words:
            if "*" in word:
                tests.append(_wildcard_regex(word))
            else:
                variants = _ambiguous_variants(word)
                # A last letter written twice is a stretched word too ("diee", "wannaa"); three or more are
                # squeezed in the text.
                doubled = (v + v[-1] for v in variants if len(v) > 1 and v[-1].isalpha())
                tests.append(
                    frozenset((*variants, *(_squeezed(v) for v in variants), *doubled, *_typos(variants)))
                )
                if len(words) > 1 or len(word) > 1:
                    self._vocabulary.update(variants)
        exact = [i for i, word in enumerate(words) if "*" not in word]
        if exact:
            # The longest exact word is the least likely to occur, so it triggers the fewest phrase checks.
            anchor = max(exact, key=lambda i: (words[i] not in _COMMON_WORDS, len(words[i])))
            rule = _Rule(spec, tuple(tests), anchor)
            for key in tests[anchor]:
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

    def forget_words(self) -> None:
        """Empty the per-word cache, as if no text had been scanned yet."""
        self._anchored_cache.clear()
        self._hit_keys.clear()

    def _finish(self) -> None:
        if self._symbols:
            between = f"[{_MODIFIERS}]*"
            alternatives = sorted(self._symbols, key=len, reverse=True)
            self._symbol_regex = re.compile(
                "|".join(between.join(re.escape(char) for char in form) + between for form in alternatives),
                re.IGNORECASE,
            )
        self._longest_word = max(map(len, self._vocabulary), default=0)
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
        matches = self._scan(text, folded, index, words=words)
        if self._symbol_regex is not None and (":" in text or not text.isascii()):
            for found in self._symbol_regex.finditer(text):
                for spec in self._symbols.get(_MODIFIER.sub("", found.group()).casefold(), ()):
                    matches.append(Match(spec.id, spec.action, found.start(), found.end(), found.group()))
            matches.sort(key=lambda m: (m.start, m.end, m.rule_id))
        windows = self._windows(folded, words)
        if not windows:
            return matches
        # Around letters written apart or words run together, the text is read again, closed up and split
        # apart; only those stretches, so an ordinary post costs one pass.
        seen = {(m.rule_id, m.start) for m in matches}
        for start, end in windows:
            part = folded[start:end]
            positions = list(range(start, end))
            closed = _close_up(part)
            if closed is not None:
                part, kept = closed
                positions = [positions[i] for i in kept]
            split = self._split_run_together(part)
            if split is not None:
                part, kept = split
                positions = [positions[i] for i in kept]
            if closed is None and split is None:
                continue
            mapped = positions if index is None else [index[i] for i in positions]
            for match in self._scan(text, part, mapped, whole=end == len(folded)):
                if (match.rule_id, match.start) not in seen:
                    seen.add((match.rule_id, match.start))
                    matches.append(match)
        matches.sort(key=lambda m: (m.start, m.end, m.rule_id))
        return matches

    def _windows(self, folded: str, words: list[str]) -> list[tuple[int, int]]:
        """Stretches of `folded` worth reading again: around letters written apart and words run together
        that may spell a pattern, widened by `_WINDOW` characters each way to whole words, merged."""
        spots: list[tuple[int, int]] = []
        starts = [1 + look.start() for look in _TWO_APART.finditer(folded)]
        if _THREE_APART.match(folded):
            starts.insert(0, 0)
        for start in starts:
            run = _SPACED_RUN.match(folded, start)
            if run and (not spots or run.start() >= spots[-1][1]):
                spots.append(run.span())
        done = 0
        for joiner in _JOINER_CHAR.finditer(folded):
            at = joiner.start()
            if at < done or at == 0 or at + 1 >= len(folded) or not folded[at - 1].isalpha():
                continue
            after = folded[at + 1]
            if folded[at] == "*" and after.isalpha():
                spots.append((at - 1, at + 2))  # a letter hidden by '*' ("d*e")
                continue
            if not (after.isalpha() or after in _JOINER_CHARS):
                continue
            start = at
            while start > 0 and (folded[start - 1].isalpha() or folded[start - 1] in _JOINER_CHARS):
                start -= 1
            compound = _COMPOUND.match(folded, start)
            if compound is None:
                continue
            done = compound.end()
            # "self-harm" and "su-i-cide" are worth reading closed up; "well-known" is not.
            closed = _PUNCTUATION.sub("", compound.group())
            if closed in self._vocabulary or self._anchored_key(closed) or self._split(closed) is not None:
                spots.append(compound.span())
        if "_" in folded:
            long_words = set(_LONG_WORD.findall(folded))
        else:
            # The long runs of word characters, from the words already found (an apostrophe ends a run).
            long_words = {
                part for word in words if len(word) >= _RUN_TOGETHER_MIN for part in word.split("'")
            }
            long_words = {word for word in long_words if len(word) >= _RUN_TOGETHER_MIN}
        long_words -= self._vocabulary
        for word in long_words - self._splits.keys():
            self._split(word)
        for word in long_words & self._split_words:
            spots += (m.span() for m in re.finditer(rf"(?<![^\W_]){word}(?![^\W_])", folded))
        if not spots:
            return []
        spots.sort()
        windows: list[tuple[int, int]] = []
        for first, last in spots:
            start = folded.rfind(" ", 0, max(0, first - _WINDOW)) + 1
            end = folded.find(" ", min(len(folded), last + _WINDOW))
            end = len(folded) if end == -1 else end
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
            else:
                windows.append((start, end))
        return windows

    def _anchored_key(self, key: str) -> bool:
        """Whether some rule is anchored on this word (cached like the words of a scan)."""
        anchored = self._anchored_cache.get(key)
        if anchored is None:
            if len(self._anchored_cache) >= _ANCHORED_CACHE_LIMIT:
                self.forget_words()
            anchored = self._anchored_cache[key] = self._anchored(key)
            if anchored:
                self._hit_keys.add(key)
        return bool(anchored)

    def _split(self, word: str) -> tuple[str, ...] | None:
        """`word` as two or more words of the patterns' vocabulary, fewest first; None if it is not one."""
        if word in self._splits:
            return self._splits[word]
        vocabulary, longest = self._vocabulary, self._longest_word
        best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
        for end in range(1, len(word) + 1):
            for start in range(max(0, end - longest), end):
                before = best[start]
                if before is not None and word[start:end] in vocabulary:
                    candidate = (*before, word[start:end])
                    if best[end] is None or len(candidate) < len(best[end]):
                        best[end] = candidate
        found = best[-1] if best[-1] is not None and len(best[-1]) > 1 else None
        if found is not None and len(found) < 3 and not self._scan(" ".join(found), " ".join(found), None):
            # Two words that match nothing by themselves ("back end", "week end") are taken for the ordinary
            # compound they are; three or more run together ("i want to...") are read apart whatever follows.
            found = None
        if len(self._splits) >= _ANCHORED_CACHE_LIMIT:
            self._splits.clear()
            self._split_words.clear()
        self._splits[word] = found
        if found is not None:
            self._split_words.add(word)
        return found

    def _split_run_together(self, folded: str) -> tuple[str, list[int]] | None:
        """`folded` with each long word that is several pattern words run together spelled apart, and the
        position in `folded` of each character (an added space takes the position of the letter after it);
        None when no word splits."""
        pieces: list[str] = []
        positions: list[int] = []
        done = 0
        for word in _WORD.finditer(folded):
            text = word.group()
            if len(text) < _RUN_TOGETHER_MIN or text in self._vocabulary or "'" in text:
                continue
            parts = self._split(text)
            if parts is None:
                continue
            pieces.append(folded[done : word.start()])
            positions.extend(range(done, word.start()))
            at = word.start()
            for n, part in enumerate(parts):
                if n:
                    pieces.append(" ")
                    positions.append(at)
                pieces.append(part)
                positions.extend(range(at, at + len(part)))
                at += len(part)
            done = word.end()
        if not pieces:
            return None
        pieces.append(folded[done:])
        positions.extend(range(done, len(folded)))
        return "".join(pieces), positions

    def _scan(
        self,
        text: str,
        folded: str,
        index: list[int] | None,
        whole: bool = True,
        words: list[str] | None = None,
    ) -> list[Match]:
        """The matches in `folded`, whose character i came from `text[index[i]]` (or `text[i]`); `whole` says
        whether `folded` runs to the end of the text; `words` are its words when already found."""
        if words is None:
            words = _WORD.findall(folded)
        # Only words with an apostrophe, an ambiguous character or stretched letters have more than one
        # spelling.
        if "'" in folded or AMBIGUOUS in folded or HIDDEN_VOWEL in folded or _STRETCHED.search(folded):
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
                if last < len(index):
                    last = max(index[last - 1] + 1, index[last])
                else:
                    last = len(text) if whole else index[last - 1] + 1
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
