"""Sending the weekly digest: a week fanned out into batch jobs, each batch over one SMTP connection, and
the sweeps that find batches lost before they ran and claims whose worker died.

That nobody gets a week's digest twice is the delivery claims' part (claims.py).
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, suppress
from datetime import timedelta
from functools import partial

from flask import current_app
from sqlalchemy import select, update

from community import mail, queue
from community.accounts.models import User
from community.digest import sections
from community.digest.claims import (
    DELIVERY,
    MAX_ATTEMPTS,
    BatchResult,
    claim,
    existing_deliveries,
    forget_handed_over,
    insert_ignoring_conflicts,
    mark,
    note_handed_over,
    sort_out,
    stale_claim,
)
from community.digest.compose import resolve_week
from community.digest.message import build_digests, build_message
from community.digest.models import DigestWeek
from community.extensions import db
from community.models import utcnow

log = logging.getLogger(__name__)

# Members claimed, sent and marked together, so a batch's queries are few, not per member.
CHUNK = 25

WEEK = DigestWeek.__table__
# How long the sweeper keeps looking for members a week's digest missed.
LOOK_BACK = timedelta(days=14)


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def is_permanent(exc: Exception) -> bool:
    """A refusal that will not change by trying again (5xx for this recipient or this message)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPDataError):
        return exc.smtp_code >= 500
    return False


class _Outcomes:
    """What the server said about a chunk's mails, written with the next chunk's claims: one commit each.
    Until then each delivery's hand-over record (`handing_over`) stands for the mails the server may have."""

    def __init__(self, week: str, result: BatchResult) -> None:
        self.week, self.result = week, result
        self.sent: list[int] = []
        self.failed: dict[int, str] = {}

    def handing_over(self, user_id: int) -> None:
        """Called by `mail.begin_send` before the message's final line: from then on the server may
        have the mail, so an attempt taking over after a crash must know."""
        note_handed_over(self.week, user_id)

    def hear(self, conn: smtplib.SMTP, user_id: int) -> None:
        """The server's verdict on the member's mail handed over by `mail.begin_send`. Without one (the
        connection broke) the record stays: the mail may be out, and is not sent a second time."""
        try:
            mail.end_send(conn)
        except smtplib.SMTPResponseException as exc:
            forget_handed_over(self.week, user_id)
            self.refused(exc, user_id)
        else:
            self.sent.append(user_id)

    def refused(self, exc: smtplib.SMTPException, user_id: int) -> None:
        """A refusal for good is noted and the batch goes on; anything else stops it for a retry."""
        if not is_permanent(exc):
            raise exc
        log.warning("digest %s to user %s refused for good: %s", self.week, user_id, exc)
        self.failed[user_id] = str(exc)[:500]

    def write(self) -> None:
        mark(self.week, self.sent, status="sent", sent_at=utcnow(), error=None)
        for user_id, error in self.failed.items():
            mark(self.week, [user_id], status="failed", error=error)

    def committed(self) -> None:
        self.result.sent += len(self.sent)
        self.result.failed += len(self.failed)
        self.sent, self.failed = [], {}


def send_digest_batch(week: str, user_ids: Sequence[int]) -> BatchResult:
    """Send the week's digest to those of these members who want it and have not had it: one SMTP
    connection, a few queries per chunk of members. Raises on a transient SMTP failure (after recording
    what was sent) so the job is retried; a permanently refused address is marked failed and skipped.
    """
    week = resolve_week(week)
    result = BatchResult()
    digests = build_digests(week, user_ids)
    existing = existing_deliveries(week, [m.id for m, _ in digests])
    to_send = sort_out(week, digests, existing, result)
    # Each member's own private sections ("your week"), loaded once for the batch.
    private = sections.for_members(week, [m.id for m, _ in to_send])

    sender = mail.envelope_sender()
    shared: dict = {}
    options: list[str] = []
    outcomes = _Outcomes(week, result)
    owned: set[int] = set()
    # The member whose mail the server has, but has not yet accepted or refused.
    waiting: int | None = None
    with ExitStack() as stack:
        conn: smtplib.SMTP | None = None
        try:
            for chunk in _chunks(to_send, CHUNK):
                outcomes.write()
                owned = claim(
                    week,
                    [m.id for m, _ in chunk if m.id not in existing],
                    [m.id for m, _ in chunk if m.id in existing],
                )
                db.session.commit()
                outcomes.committed()
                result.skipped += sum(1 for m, _ in chunk if m.id not in owned)
                for member, digest in chunk:
                    if member.id not in owned:
                        continue
                    if conn is None:
                        conn = stack.enter_context(mail.smtp_connection())
                        conn.ehlo_or_helo_if_needed()
                        options = ["BODY=8BITMIME"] if conn.has_extn("8bitmime") else []
                    # Built while the server is still taking in the previous mail.
                    msg = build_message(
                        member, digest, shared, eight_bit=bool(options), private=private.get(member.id)
                    )
                    if waiting is not None:
                        previous, waiting = waiting, None
                        outcomes.hear(conn, previous)
                    try:
                        mail.begin_send(
                            conn,
                            sender,
                            member.email,
                            msg,
                            options,
                            before_end=partial(outcomes.handing_over, member.id),
                        )
                    except smtplib.SMTPException as exc:
                        outcomes.refused(exc, member.id)
                        continue
                    waiting = member.id
                if waiting is not None:
                    previous, waiting = waiting, None
                    outcomes.hear(conn, previous)
            outcomes.write()
            db.session.commit()
            outcomes.committed()
        except BaseException as exc:
            if waiting is not None and conn is not None:
                # The server may have taken it: hear its answer, or the retry would send it again.
                with suppress(Exception):
                    outcomes.hear(conn, waiting)
            # Keep what went out, and hand the rest back so the retry can take it at once.
            db.session.rollback()
            outcomes.write()
            mark(
                week,
                owned.difference(outcomes.sent, outcomes.failed),
                error=f"{type(exc).__name__}: {exc}"[:500],
            )
            db.session.commit()
            outcomes.committed()
            log.warning("digest %s batch stopped after %d sent: %s", week, result.sent, exc)
            raise
    return result


def pending_member_ids(week: str) -> list[int]:
    """Members who want the digest and whose delivery for the week is not settled (sent, failed, empty)."""
    settled = select(DELIVERY.c.user_id).where(DELIVERY.c.week == week, DELIVERY.c.status != "claimed")
    return list(
        db.session.scalars(
            select(User.id).where(User.digest == "weekly", User.id.not_in(settled)).order_by(User.id)
        )
    )


def member_batches(week: str) -> list[list[int]]:
    size = current_app.config["DIGEST_BATCH_SIZE"]
    return [list(chunk) for chunk in _chunks(pending_member_ids(week), size)]


def request_week(week: str) -> None:
    """Record, and commit, that the week's digest is wanted, before any batch is queued (see `DigestWeek`)."""
    db.session.execute(
        insert_ignoring_conflicts(WEEK).values(week=week, requested_at=utcnow()).on_conflict_do_nothing()
    )
    db.session.commit()


def send_digest_week(week: str | None = None) -> int:
    """Fan the week's digest out into batch jobs (default: the last complete week); how many."""
    week = resolve_week(week)
    request_week(week)
    batches = member_batches(week)
    lost = sum(1 for batch in batches if not queue.enqueue_digest_batch(week, batch))
    if lost:
        # Raised so RQ retries the fan-out; batches already queued skip what they find done.
        raise RuntimeError(f"could not enqueue {lost} of {len(batches)} digest batches for {week}")
    log.info("digest %s: %d batches enqueued", week, len(batches))
    return len(batches)


def send_lost_batches() -> int:
    """Members a requested week's digest has not reached at all: its fan-out job died with its worker, or
    Redis lost the batch jobs before they ran. Once the week was asked for more than a stale claim ago, those
    who were members then and have no delivery row get a batch again; a week with none left is settled."""
    now = utcnow()
    weeks = db.session.execute(
        select(WEEK.c.week, WEEK.c.requested_at).where(
            WEEK.c.settled_at.is_(None),
            WEEK.c.requested_at < now - stale_claim(),
            WEEK.c.requested_at > now - LOOK_BACK,
        )
    ).all()
    count = 0
    for week, requested_at in weeks:
        delivered = select(DELIVERY.c.user_id).where(DELIVERY.c.week == week)
        missing = list(
            db.session.scalars(
                select(User.id)
                .where(User.digest == "weekly", User.created_at < requested_at, User.id.not_in(delivered))
                .order_by(User.id)
            )
        )
        if not missing:
            db.session.execute(update(WEEK).where(WEEK.c.week == week).values(settled_at=now))
            db.session.commit()
            continue
        for chunk in _chunks(missing, current_app.config["DIGEST_BATCH_SIZE"]):
            job_id = f"digest-lost-{week}-{chunk[0]}-{chunk[-1]}-{len(chunk)}"
            if not queue.job_is_live(job_id) and queue.enqueue_digest_batch(week, list(chunk), job_id=job_id):
                count += len(chunk)
    return count


def retry_stale_deliveries() -> int:
    """Re-enqueue deliveries whose claim went stale (a worker died, or a refusal outlasted RQ's retries)."""
    cutoff = utcnow() - stale_claim()
    stale = db.session.execute(
        select(DELIVERY.c.id, DELIVERY.c.user_id, DELIVERY.c.week, DELIVERY.c.attempts)
        .where(DELIVERY.c.status == "claimed", DELIVERY.c.claimed_at < cutoff)
        .order_by(DELIVERY.c.week, DELIVERY.c.user_id)
    ).all()
    given_up = [row.id for row in stale if row.attempts >= MAX_ATTEMPTS]
    if given_up:
        db.session.execute(
            update(DELIVERY)
            .where(DELIVERY.c.id.in_(given_up), DELIVERY.c.status == "claimed")
            .values(status="failed", error=f"gave up after {MAX_ATTEMPTS} attempts")
        )
        db.session.commit()
    by_week: dict[str, list[int]] = {}
    for row in stale:
        if row.attempts < MAX_ATTEMPTS:
            by_week.setdefault(row.week, []).append(row.user_id)
    size = current_app.config["DIGEST_BATCH_SIZE"]
    count = 0
    for week, user_ids in by_week.items():
        for chunk in _chunks(user_ids, size):
            # Named by its members, so a retry still waiting for a worker is not queued again each sweep.
            job_id = f"digest-retry-{week}-{chunk[0]}-{chunk[-1]}-{len(chunk)}"
            if not queue.job_is_live(job_id) and queue.enqueue_digest_batch(week, list(chunk), job_id=job_id):
                count += len(chunk)
    return count
