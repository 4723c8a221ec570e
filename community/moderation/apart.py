"""Letters written apart ("k i l l", "s.u.i.c.i.d.e", "su-i-cide", "d*e") and words run together
("killmyself"): where a text has them, and the text with them closed up."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from community.moderation.folding import _WORD, HIDDEN_VOWEL

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


def _spaced_runs(folded: str) -> list[tuple[int, int]]:
    """Runs of three or more single letters written apart ("k i l l", "s.u.i.c.i.d.e"), as spans of `folded`."""
    spots: list[tuple[int, int]] = []
    starts = [1 + look.start() for look in _TWO_APART.finditer(folded)]
    if _THREE_APART.match(folded):
        starts.insert(0, 0)
    for start in starts:
        run = _SPACED_RUN.match(folded, start)
        if run and (not spots or run.start() >= spots[-1][1]):
            spots.append(run.span())
    return spots


def _compounds(folded: str, may_spell_pattern: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Letters hidden by '*' ("d*e") and words broken by punctuation that `may_spell_pattern` once closed up,
    as spans of `folded`."""
    spots: list[tuple[int, int]] = []
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
        if may_spell_pattern(closed):
            spots.append(compound.span())
    return spots


def _long_words(folded: str, words: list[str]) -> set[str]:
    """The words of `folded` long enough to be several words run together; `words` are its words."""
    if "_" in folded:
        long_words = set(_LONG_WORD.findall(folded))
    else:
        # The long runs of word characters, from the words already found (an apostrophe ends a run).
        long_words = {part for word in words if len(word) >= _RUN_TOGETHER_MIN for part in word.split("'")}
        long_words = {word for word in long_words if len(word) >= _RUN_TOGETHER_MIN}
    return long_words


def _widen(folded: str, spots: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of `folded` around `spots`, widened by `_WINDOW` characters each way to whole words,
    merged."""
    windows: list[tuple[int, int]] = []
    for first, last in sorted(spots):
        start = folded.rfind(" ", 0, max(0, first - _WINDOW)) + 1
        end = folded.find(" ", min(len(folded), last + _WINDOW))
        end = len(folded) if end == -1 else end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _split_run_together(
    folded: str, vocabulary: set[str], split: Callable[[str], tuple[str, ...] | None]
) -> tuple[str, list[int]] | None:
    """`folded` with each long word that `split` reads as several pattern words run together spelled apart
    (words of `vocabulary` stay whole), and the position in `folded` of each character (an added space takes
    the position of the letter after it); None when no word splits."""
    pieces: list[str] = []
    positions: list[int] = []
    done = 0
    for word in _WORD.finditer(folded):
        text = word.group()
        if len(text) < _RUN_TOGETHER_MIN or text in vocabulary or "'" in text:
            continue
        parts = split(text)
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
