"""Checks every toolkit input goes through, shared by the pages and the API: each problem names its field."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from typing import Any

TEXT_MAX = 5_000


def text(
    value: Any, name: str, fields: dict[str, str], limit: int = TEXT_MAX, required: bool = False
) -> str | None:
    """A stripped text, None when empty (and allowed)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        fields[name] = "Must be text."
        return None
    value = value.strip()
    if not value:
        if required:
            fields[name] = "Please fill this in."
        return None
    if len(value) > limit:
        fields[name] = f"Keep it under {limit:,} characters (this is {len(value):,})."
        return None
    return value


def choice(
    value: Any, name: str, options: tuple[str, ...], fields: dict[str, str], required: bool
) -> str | None:
    if value in (None, ""):
        if required:
            fields[name] = f"Choose one of: {', '.join(options)}."
        return None
    if not isinstance(value, str) or value not in options:
        fields[name] = f"Choose one of: {', '.join(options)}."
        return None
    return value


def today() -> date:
    return datetime.now(UTC).date()


def past_date(value: Any, name: str, fields: dict[str, str], required: bool = True) -> date | None:
    """A date (ISO text or date) that is not in the future."""
    if value in (None, ""):
        if required:
            fields[name] = "Give a date, like 2026-11-20."
        return None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value).strip())
        except ValueError:
            fields[name] = "Give a date, like 2026-11-20."
            return None
    if value > today():
        fields[name] = "This date is in the future; give the day it happened."
        return None
    if value.year < 1970:
        fields[name] = "Give a date from 1970 on."
        return None
    return value


def whole(value: Any, name: str, fields: dict[str, str], low: int, high: int) -> int | None:
    """A whole number within [low, high]; text digits are accepted (forms send text)."""
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        fields[name] = f"Give a whole number from {low} to {high}."
        return None
    return value


def amount(value: Any, name: str, fields: dict[str, str], high: float) -> float | None:
    """A number from 0 to `high` (hours may be fractional); blank is 0."""
    if value in (None, ""):
        return 0
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            fields[name] = f"Give a number from 0 to {high:g}."
            return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        fields[name] = f"Give a number from 0 to {high:g}."
        return None
    if not 0 <= value <= high:
        fields[name] = f"Give a number from 0 to {high:g}."
        return None
    return int(value) if float(value).is_integer() else round(float(value), 1)
