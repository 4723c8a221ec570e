"""Industries, as members, mentors, stories and debriefs name them: cleaned one way, limited one way.

Pure: no Flask, no database.
"""

from __future__ import annotations

from collections.abc import Iterable

INDUSTRY_MAX = 60  # characters in one industry's name
INDUSTRIES_MAX = 20  # industries a member or a mentor may choose


def clean_industries(industries: Iterable[str]) -> list[str]:
    """Trimmed, de-duplicated ignoring case, order kept."""
    seen: dict[str, str] = {}
    for item in industries:
        name = " ".join(str(item).split())
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


def industry_key(name: str) -> str:
    """How an industry is compared when filtering: white space squashed, case ignored."""
    return " ".join(name.split()).lower()


def industries_problem(cleaned: list[str]) -> str | None:
    """What is wrong with a cleaned list a member or mentor chose, in words for the form; None if nothing."""
    if len(cleaned) > INDUSTRIES_MAX:
        return f"Choose at most {INDUSTRIES_MAX} industries."
    if any(len(item) > INDUSTRY_MAX for item in cleaned):
        return f"Each industry has at most {INDUSTRY_MAX} characters."
    return None
