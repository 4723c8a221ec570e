"""What a member typed into the search box, read the way web search reads it, and written out safely for
each database. Pure: text in, query text out.

`"quoted phrases"`, `-excluded` words or phrases and `prefix*` have their meaning; everything else is plain
words, all of which must match. Nothing a member types is ever handed to a query parser as syntax: each term is
re-written from its word characters alone, so unbalanced quotes, lone operators, backslashes or any Unicode
can only ever be words or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A quoted phrase (to the closing quote, or to the end when it is missing) or a run without spaces or quotes;
# either may start with "-".
_PIECE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
# The characters both databases' tokenizers keep inside a word (underscores separate words in both).
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False


@dataclass
class SearchQuery:
    wanted: list[Term] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing to look for: only exclusions, or no word at all (operators, punctuation, emoji)."""
        return not self.wanted


def parse(text: str) -> SearchQuery:
    query = SearchQuery()
    for match in _PIECE.finditer(text):
        phrase_minus, phrase, word_minus, raw = match.groups()
        if phrase is not None:
            words, prefix, minus = _WORD.findall(phrase), False, bool(phrase_minus)
        else:
            words, minus = _WORD.findall(raw), bool(word_minus)
            # "interv*" and "take-ho*": the last word is a prefix when the run ends with the star.
            prefix = raw.endswith("*") and bool(words) and raw.rstrip("*").endswith(words[-1])
        if not words:
            continue
        term = Term(tuple(word.lower() for word in words), prefix)
        (query.excluded if minus else query.wanted).append(term)
    return query


def _fts5_term(term: Term) -> str:
    # Word characters only, in a string: FTS5 reads the string as a phrase through the table's tokenizer.
    return '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")


def fts5(query: SearchQuery) -> str:
    """The SQLite FTS5 MATCH expression: every wanted term, none of the excluded ones."""
    wanted = " AND ".join(_fts5_term(term) for term in query.wanted)
    if not query.excluded:
        return wanted
    return f"({wanted}) NOT ({' OR '.join(_fts5_term(term) for term in query.excluded)})"


def websearch(query: SearchQuery) -> tuple[str, list[str]]:
    """PostgreSQL: the text for `websearch_to_tsquery` (each term quoted, so "or" is a word, not an operator)
    and the prefixes, for `to_tsquery(... ':*')`, that it cannot express."""
    parts: list[str] = []
    prefixes: list[str] = []
    for term in query.wanted:
        words = term.words[:-1] if term.prefix else term.words
        if words:
            parts.append('"' + " ".join(words) + '"')
        if term.prefix:
            prefixes.append(term.words[-1])
    parts.extend('-"' + " ".join(term.words) + '"' for term in query.excluded)
    return " ".join(parts), prefixes
