"""Folding text for keyword rules: disguised words (look-alike letters from other scripts, digits and symbols
for letters, invisible characters, accents) are made to look like the words they imitate, and each folded
word of a text is given every spelling it may be matched as."""

from __future__ import annotations

import itertools
import re
import unicodedata

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
