"""Enqueues every item that waits without a live job (Redis was down, or a worker died)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from community import queue

log = logging.getLogger(__name__)

# Each area registers a function that enqueues its own stragglers and returns how many.
SWEEPS: list[Callable[[], int]] = []


def sweeps(func: Callable[[], int]) -> Callable[[], int]:
    SWEEPS.append(func)
    return func


def sweep() -> int:
    if not queue.ping():
        log.warning("sweep skipped: Redis is unreachable")
        return 0
    total = 0
    for func in SWEEPS:
        total += func()
    if total:
        log.info("sweeper enqueued %d waiting items", total)
    return total
