"""Private sections of a member's digest, added by areas above the digest (the toolkit's "your week").

Each area registers a builder at import time. A builder takes the week and a batch of member ids and returns
{member id: the section's data} for the members it has something for, in a few queries per batch. A section
is shown only in its own member's email and on their own digest page, never to anyone else, and never counts
as news (a digest with nothing new in the community is still not sent).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Builder = Callable[[str, Sequence[int]], dict[int, dict[str, Any]]]


@dataclass(frozen=True)
class Section:
    name: str
    build: Builder
    html_template: str  # a fragment for the digest page and the HTML email
    text_template: str  # the same for the plain-text email


_SECTIONS: list[Section] = []


def register(name: str, build: Builder, html_template: str, text_template: str) -> None:
    if all(section.name != name for section in _SECTIONS):
        _SECTIONS.append(Section(name, build, html_template, text_template))


def for_members(week: str, user_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """{member id: [{"html", "text", "data"}, ...]}: each member's own private sections."""
    found: dict[int, list[dict[str, Any]]] = {}
    if not user_ids:
        return found
    for section in _SECTIONS:
        for user_id, data in section.build(week, list(user_ids)).items():
            found.setdefault(user_id, []).append(
                {"html": section.html_template, "text": section.text_template, "data": data}
            )
    return found
