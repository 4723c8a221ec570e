"""What a process keeps in memory between requests, and one call that lets go of all of it.

Each keeper registers how to forget what it keeps (`forgets`). Everything kept is checked against the
database or Redis before it is used, so forgetting is never needed for correctness; it is for tests, which
start each case afresh, and for a process whose data was changed behind the app's back.
"""

from __future__ import annotations

from collections.abc import Callable

_forgetters: list[Callable[[], None]] = []


def forgets(fn: Callable[[], None]) -> Callable[[], None]:
    """Register `fn`, which empties one per-process store (usable as a decorator)."""
    if fn not in _forgetters:
        _forgetters.append(fn)
    return fn


def forget_all() -> None:
    """Empty every per-process store: pages, counts, compiled rules, digest weeks, rendered fragments."""
    for fn in _forgetters:
        fn()
