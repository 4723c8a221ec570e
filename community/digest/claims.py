"""Each member gets a week's digest exactly once: the delivery rows a batch claims, marks and settles.

Exactly once rests on one `DigestDelivery` row per (member, week), unique in the database. A batch
claims rows (INSERT ... ON CONFLICT DO NOTHING: a row someone else holds is theirs) before any mail
leaves, and marks them sent once the SMTP server has accepted the mail, a chunk of members at a time.
In between, the row records that the server may have the mail (`handed_over_at`), committed the moment
before its final line goes to the server: a worker killed before it could mark its chunk leaves that
record, and the attempt that takes its claims over settles those members as sent instead of mailing them
twice. A claim is retried when the attempt that held it gave up (transient SMTP failure: `error` is set
and the job raises so RQ's `Retry` runs the batch again) or when it is older than `stale_claim()` (its
worker died; the sweeper re-enqueues it). Batch jobs time out long before a claim turns stale, so a claim
still being worked on is never taken over.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import Row, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from community.digest import compose
from community.digest.models import DigestDelivery
from community.extensions import db
from community.models import utcnow

# After this many tries (RQ's retries, then the sweeper's) a delivery is given up as failed.
MAX_ATTEMPTS = 30

DELIVERY = DigestDelivery.__table__


def stale_claim() -> timedelta:
    """Longer than a batch job may run (JOB_TIMEOUT), so only a dead worker's claim gets this old."""
    return timedelta(seconds=current_app.config["DIGEST_STALE_CLAIM"])


@dataclass
class BatchResult:
    sent: int = 0
    empty: int = 0
    failed: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"sent": self.sent, "empty": self.empty, "failed": self.failed, "skipped": self.skipped}


def insert_ignoring_conflicts(table=DELIVERY):
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def existing_deliveries(week: str, user_ids: list[int]) -> dict[int, Row]:
    return {
        row.user_id: row
        for row in db.session.execute(
            select(
                DELIVERY.c.user_id,
                DELIVERY.c.status,
                DELIVERY.c.error,
                DELIVERY.c.claimed_at,
                DELIVERY.c.attempts,
                DELIVERY.c.handed_over_at,
            ).where(DELIVERY.c.week == week, DELIVERY.c.user_id.in_(user_ids))
        )
    }


def claim(week: str, new: list[int], retake: list[int]) -> set[int]:
    """The members whose delivery this run now holds: fresh rows, and released or stale claims."""
    now = utcnow()
    owned: set[int] = set()
    if new:
        # Many rows, one statement (SQLAlchemy's "insertmanyvalues"); a row someone else holds is skipped.
        stmt = insert_ignoring_conflicts().on_conflict_do_nothing().returning(DELIVERY.c.user_id)
        rows = [
            {"user_id": u, "week": week, "status": "claimed", "attempts": 1, "claimed_at": now} for u in new
        ]
        owned.update(db.session.scalars(stmt, rows))
    if retake:
        # Conditional, so of two runs reaching for the same claim only one gets it.
        stmt = (
            update(DELIVERY)
            .where(
                DELIVERY.c.week == week,
                DELIVERY.c.user_id.in_(retake),
                DELIVERY.c.status == "claimed",
                DELIVERY.c.attempts < MAX_ATTEMPTS,
                or_(DELIVERY.c.error.is_not(None), DELIVERY.c.claimed_at < now - stale_claim()),
            )
            .values(claimed_at=now, error=None, attempts=DELIVERY.c.attempts + 1)
            .returning(DELIVERY.c.user_id)
        )
        owned.update(db.session.scalars(stmt))
    return owned


def mark(week: str, user_ids: Iterable[int], **values: object) -> None:
    ids = list(user_ids)
    if ids:
        db.session.execute(
            update(DELIVERY)
            .where(DELIVERY.c.week == week, DELIVERY.c.user_id.in_(ids), DELIVERY.c.status == "claimed")
            .values(**values)
        )


def sort_out(
    week: str, digests: list[tuple[compose.MemberRow, dict]], existing: dict[int, Row], result: BatchResult
) -> list[tuple[compose.MemberRow, dict]]:
    """The digests to send. Members already handled are skipped, those with nothing new are recorded as
    such (so reruns skip them cheaply), and claims an earlier attempt left that need no mail now are
    taken over and settled; all written with the first claims of the batch.
    """
    cutoff = utcnow() - stale_claim()
    to_send: list[tuple[compose.MemberRow, dict]] = []
    empty: list[int] = []
    settle: dict[int, tuple[str, str | None]] = {}
    for member, digest in digests:
        row = existing.get(member.id)
        if row is not None and (
            row.status != "claimed"
            or row.attempts >= MAX_ATTEMPTS
            or (row.error is None and row.claimed_at >= cutoff)
        ):
            result.skipped += 1
        elif member.digest != "weekly":
            if row is not None:
                settle[member.id] = ("failed", "the member turned the digest off")
        elif not compose.has_news(digest):
            if row is None:
                empty.append(member.id)
            else:
                settle[member.id] = ("empty", None)
        else:
            to_send.append((member, digest))
    # A claim taken over from an attempt that died after handing mails to the server: those are out.
    handed = {m.id for m, _ in to_send if m.id in existing and existing[m.id].handed_over_at is not None}
    if handed:
        to_send = [(m, d) for m, d in to_send if m.id not in handed]
        settle.update(dict.fromkeys(handed, ("sent", None)))
    if empty:
        db.session.execute(
            insert_ignoring_conflicts().on_conflict_do_nothing(),
            [{"user_id": u, "week": week, "status": "empty", "attempts": 0} for u in empty],
        )
    result.empty += len(empty)
    for user_id in claim(week, [], list(settle)):
        status, error = settle[user_id]
        mark(week, [user_id], status=status, error=error, sent_at=utcnow() if status == "sent" else None)
        result.empty += status == "empty"
        result.sent += status == "sent"
    return to_send


def note_handed_over(week: str, user_id: int) -> None:
    """Record, committed before the mail's last line goes, that the server may now have it: an attempt that
    takes over after a crash settles it as sent rather than sending it twice. Kept in the database, so it
    needs neither Redis nor the SMTP server to stay up; if the database cannot take it, nothing is sent and
    the batch is retried."""
    db.session.execute(
        update(DELIVERY)
        .where(DELIVERY.c.week == week, DELIVERY.c.user_id == user_id)
        .values(handed_over_at=utcnow())
    )
    db.session.commit()


def forget_handed_over(week: str, user_id: int) -> None:
    """The server refused the mail after all: it was not delivered."""
    db.session.execute(
        update(DELIVERY)
        .where(DELIVERY.c.week == week, DELIVERY.c.user_id == user_id)
        .values(handed_over_at=None)
    )
    db.session.commit()
