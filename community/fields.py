"""Reading one text field of what a client sent: one rule for trimming, a required value and its length.

A value that is not a string reads as empty, so a wrong type gets the same clear message as a missing one.
"""

from __future__ import annotations

from typing import Any

from community.errors import invalid


def squash(value: Any) -> str:
    """Trimmed, with runs of white space (newlines included) made single spaces: for one-line fields."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def trimmed(value: Any) -> str:
    """Trimmed at both ends, line breaks inside kept: for text people write in paragraphs."""
    return value.strip() if isinstance(value, str) else ""


def required_text(
    value: Any, field: str, most: int, *, missing: str, too_long: str | None = None, one_line: bool = False
) -> str:
    """The text, trimmed; 422 naming `field` when it is empty (`missing`) or longer than `most` characters."""
    text = squash(value) if one_line else trimmed(value)
    if not text:
        raise invalid(**{field: missing})
    if len(text) > most:
        raise invalid(**{field: too_long or f"Use at most {most:,} characters."})
    return text
