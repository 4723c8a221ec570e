"""The toolkit's words, read from the data files beside it: audit questions, feedback-request tones and the
suggested-actions library."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

from community.stories.models import CATEGORIES

DATA = Path(__file__).resolve().parent / "data"
# The self-audit covers every lesson category but "other".
AUDIT_CATEGORIES = tuple(c for c in CATEGORIES if c != "other")


def load_data(name: str) -> dict[str, Any]:
    with (DATA / name).open("rb") as handle:
        return tomllib.load(handle)


@functools.cache
def audit_questions() -> dict[str, dict[str, str]]:
    """{category: {"question", "hint", "low", "high", "ask_interviewer"}} in the walk-through's order."""
    data = load_data("audit.toml")
    missing = set(AUDIT_CATEGORIES) - set(data)
    if missing:
        raise RuntimeError(f"audit.toml lacks the categories {sorted(missing)}")
    return {category: data[category] for category in AUDIT_CATEGORIES}


@functools.cache
def feedback_templates() -> dict[str, Any]:
    return load_data("feedback_templates.toml")


def tones() -> dict[str, str]:
    """{tone: label}."""
    return {name: tone["label"] for name, tone in feedback_templates()["tones"].items()}


@functools.cache
def actions_library() -> dict[str, list[str]]:
    data = load_data("actions.toml")
    return {category: list(data.get(category, [])) for category in AUDIT_CATEGORIES}
