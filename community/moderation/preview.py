"""What moderation would do with a post, before it is posted, storing nothing.

The story and reply forms ask as the member pauses typing, so support resources appear before anything is
posted, and the member sees what will be removed or masked and whether the post will wait for a moderator.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app

from community.errors import invalid
from community.moderation.keyword_rules import current_rules
from community.moderation.pipeline import moderate, without_allowed
from community.moderation.scrub import scrub
from community.statuses import PUBLISHED

# Generous bounds: a preview of text no post could hold would only cost the server.
FIELD_MAX = 20_000
LESSONS_MAX = 10
TEXT_FIELDS = ("title", "body", "industry", "company")


def _lesson_text(lesson: Any) -> str:
    if isinstance(lesson, Mapping):
        lesson = lesson.get("text")
    return lesson if isinstance(lesson, str) else ""


def preview(values: Mapping[str, Any]) -> dict:
    """`{"outcome", "removed", "masked", "reason", "resources"}` for these fields of a story or reply."""
    fields: dict[str, str] = {}
    for name in TEXT_FIELDS:
        value = values.get(name)
        if value is not None and not isinstance(value, str):
            raise invalid(**{name: "Give this as text."})
        if value:
            if len(value) > FIELD_MAX:
                raise invalid(**{name: f"Use at most {FIELD_MAX:,} characters."})
            fields[name] = value
    lessons = values.get("lessons") or []
    if not isinstance(lessons, list) or len(lessons) > LESSONS_MAX:
        raise invalid(lessons=f"Give a list of at most {LESSONS_MAX} lessons.")
    for i, lesson in enumerate(lessons):
        text = _lesson_text(lesson)
        if len(text) > FIELD_MAX:
            raise invalid(**{f"lessons.{i}": f"Use at most {FIELD_MAX:,} characters."})
        if text:
            fields[f"lesson {i}"] = text
    if not fields:
        return {
            "outcome": PUBLISHED,
            "removed": _no_removals(),
            "masked": [],
            "reason": None,
            "resources": None,
        }
    matcher = current_rules().matcher
    decision = moderate(fields, matcher)
    masked = [
        match.text
        for value in fields.values()
        for match in without_allowed(matcher.find(scrub(value)[0]))
        if match.action == "censor"
    ]
    return {
        "outcome": decision.outcome,
        "removed": dict(decision.removed),
        "masked": list(dict.fromkeys(masked)),
        "reason": decision.reason,
        "resources": current_app.config["CRISIS_RESOURCES"] if decision.urgent else None,
    }


def _no_removals() -> dict[str, int]:
    return {"email": 0, "phone": 0, "profile": 0}
