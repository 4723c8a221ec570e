"""What makes a password too easy to guess: short, common, or built from the member's own address."""

from __future__ import annotations

from functools import cache

MIN_PASSWORD = 10
MAX_PASSWORD = 200


@cache
def _common() -> frozenset[str]:
    # zxcvbn's list of the 30,000 most used passwords, from real leaks, kept up by its maintainers.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def password_problem(password: str, email: str = "") -> str | None:
    """Why this password is refused, in words for the member, or None when it is fine."""
    password = password or ""
    if len(password) < MIN_PASSWORD:
        return f"Use at least {MIN_PASSWORD} characters."
    if len(password) > MAX_PASSWORD:
        return f"Use at most {MAX_PASSWORD} characters."
    lowered = password.lower()
    if lowered in _common() or lowered.replace(" ", "") in _common():
        return "That password is one of the most commonly used. Try a few unrelated words together."
    name = (email or "").strip().lower().partition("@")[0]
    if len(name) >= 3 and name in lowered:
        return "Leave your email address out of your password."
    return None
