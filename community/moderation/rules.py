"""Keyword rules: matching many rules fast on text folded so disguised words look like the words they imitate.

Text and patterns go through the same `fold` (folding.py), so whatever folding does to a pattern it also does
to the text. Matching works on whole words: the folded text is split into words once, each word is looked up
in dictionaries built by `compile_rules`, so a scan costs about the same with ten rules as with ten thousand.

Evasions matching undoes besides folding: letters spaced or punctuated apart ("k i l l", "s.u.i.c.i.d.e",
"su-i-cide"), the words of a phrase run together ("killmyself" for "kill myself"), and letters stretched by
repetition ("diieee"). A pattern may leave room for a few words with `...` ("want ... die" also matches "want
to just die"), and an `allow` rule marks a figure of speech ("die of embarrassment") that no other rule matches
inside. What a pattern may say and the words it stands for are in patterns.py; letters written apart and words
run together are found and closed up in apart.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from community.moderation.apart import (
    _JOINING_WORDS,
    _close_up,
    _compounds,
    _long_words,
    _spaced_runs,
    _split_run_together,
    _widen,
)
from community.moderation.folding import (
    _STRETCHED,
    _WORD,
    AMBIGUOUS,
    HIDDEN_VOWEL,
    _ambiguous_variants,
    _fold,
    _squeezed,
    _word_keys,
)
from community.moderation.patterns import (
    _COMMON_WORDS,
    _MODIFIER,
    _MODIFIERS,
    ACTIONS,
    _literal_runs,
    _pattern_variants,
    _symbol_forms,
    _typos,
    _wildcard_regex,
    validate_pattern,
)

# Wildcard words are indexed by at most this many literal characters, so every word of the text costs a few
# dictionary lookups per index whatever the number of rules.
_INDEX_CHARS = 3
# Distinct words remembered per matcher; a community's vocabulary fits, a flood of random strings does not.
_ANCHORED_CACHE_LIMIT = 100_000


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


# A word of a compiled pattern: the exact keys it accepts, or a regex a key must match in full.
_WordTest = frozenset[str] | re.Pattern[str]


@dataclass(frozen=True)
class _Rule:
    spec: RuleSpec
    words: tuple[_WordTest, ...]
    anchor: int  # which word the rule is indexed by


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
            split = _split_run_together(part, self._vocabulary, self._split)
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
        spots = _spaced_runs(folded)
        spots += _compounds(folded, self._may_spell_pattern)
        long_words = _long_words(folded, words) - self._vocabulary
        for word in long_words - self._splits.keys():
            self._split(word)
        for word in long_words & self._split_words:
            spots += (m.span() for m in re.finditer(rf"(?<![^\W_]){word}(?![^\W_])", folded))
        return _widen(folded, spots)

    def _may_spell_pattern(self, closed: str) -> bool:
        """Whether a word closed up is a pattern word, anchors a rule or is pattern words run together."""
        return closed in self._vocabulary or self._anchored_key(closed) or self._split(closed) is not None

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
