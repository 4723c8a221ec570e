"""What each area keeps about a member, for the export and for erasing an account.

Accounts sit below every other area, so the areas above register here instead of accounts reaching up
into them: each adds a named export section and an erase function when its services module is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_exports: dict[str, Callable[[int], Any]] = {}
_erasers: list[Callable[[int], None]] = []
_post_erasers: list[Callable[..., None]] = []


def register_export(name: str, fn: Callable[[int], Any]) -> None:
    """`fn(user_id)` returns the JSON-ready section `name` of that member's export."""
    _exports[name] = fn


def register_erase(fn: Callable[[int], None]) -> None:
    """`fn(user_id)` deletes what its area keeps about the member, inside the caller's transaction."""
    if fn not in _erasers:
        _erasers.append(fn)


def register_post_erase(fn: Callable[..., None]) -> None:
    """`fn(user_id, keep_posts=...)` for areas holding posts, which the member may keep published."""
    if fn not in _post_erasers:
        _post_erasers.append(fn)


_name_checks: list[Callable[[str], str | None]] = []


def register_name_check(fn: Callable[[str], str | None]) -> None:
    """`fn(display_name)` says why a display name may not be used, or None (moderation's keyword rules)."""
    if fn not in _name_checks:
        _name_checks.append(fn)


def name_problem(name: str) -> str | None:
    for fn in _name_checks:
        problem = fn(name)
        if problem:
            return problem
    return None


def export_sections(user_id: int) -> dict[str, Any]:
    return {name: fn(user_id) for name, fn in _exports.items()}


def erase_everywhere(user_id: int, keep_posts: bool) -> None:
    for fn in _post_erasers:
        fn(user_id, keep_posts=keep_posts)
    for fn in _erasers:
        fn(user_id)
