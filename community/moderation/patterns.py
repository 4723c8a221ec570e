"""What a keyword rule may say: its actions, the syntax of its pattern and why a pattern is refused, and
the word sequences, wildcard words and emoji a pattern stands for once folded."""

from __future__ import annotations

import re
import unicodedata

import emoji

from community.moderation.folding import AMBIGUOUS, _fold

ACTIONS = ("block", "crisis", "hold", "flag", "censor", "allow")
MAX_PATTERN_LENGTH = 100
# `...` (or `…`) in a pattern stands for up to this many words, and a pattern has at most MAX_GAPS of them.
GAP_WORDS = 3
MAX_GAPS = 3
_GAP = re.compile(r"\s*(?:\.\.\.|…)\s*")
_PATTERN_WORD = re.compile(r"(?:[^\W_]|\*)+(?:'(?:[^\W_]|\*)+)*")
_STARS = re.compile(r"\*+")

# Typing slips a pattern word also matches: two letters swapped in a word this long ("myslef")...
_SWAP_FROM = 5
# ...and a doubled letter written once in a word this long ("kil", "sleping"); shorter words would meet
# other words ("off" is not "of").
_SINGLE_FROM = 4


# Words in nearly every post: a rule is looked up by another of its words when it has one ("the end for me"
# by "end"), so that each "the" of a story does not start a phrase check.
_COMMON_WORDS = frozenset({
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "back", "be",
    "because", "been", "before", "being", "but", "by", "can", "could", "day", "did", "do", "does", "down",
    "even", "ever", "every", "for", "from", "get", "go", "going", "got", "had", "has", "have", "he", "her",
    "here", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "know", "like", "make",
    "me", "more", "most", "much", "my", "no", "not", "now", "of", "off", "on", "one", "only", "or", "other",
    "our", "out", "over", "really", "said", "same", "see", "she", "should", "so", "some", "still", "such",
    "take", "than", "that", "the", "their", "them", "then", "there", "these", "they", "thing", "things",
    "think", "this", "those", "time", "to", "too", "up", "us", "very", "want", "was", "way", "we", "well",
    "were", "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your",
})  # fmt: skip


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


def _wildcard_regex(word: str) -> re.Pattern[str]:
    pieces = (re.escape(piece).replace(AMBIGUOUS, "[il]") for piece in word.split("*"))
    return re.compile(r"[^\W_]*".join(pieces))


def _literal_runs(word: str) -> tuple[str, str, str]:
    """A wildcard word's literal prefix, suffix and longest literal piece."""
    pieces = word.split("*")
    return pieces[0], pieces[-1], max(pieces, key=len)
