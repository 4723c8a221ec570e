"""Enqueues every item that waits without a live job (Redis was down, or a worker died)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from community import queue
from community.extensions import db

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
    failed: Exception | None = None
    for func in SWEEPS:
        # Each area's stragglers apart: one sweep failing (Redis gone mid-way, a database error) leaves the
        # others to run, so urgent items are never left waiting behind a digest's; the job still fails.
        try:
            total += func()
        except Exception as exc:
            db.session.rollback()
            log.warning("sweep %s failed: %r", func.__qualname__, exc)
            failed = failed or exc
    if total:
        log.info("sweeper enqueued %d waiting items", total)
    if failed is not None:
        raise failed
    return total
