"""The weekly digest: loading a batch of members' digests, sending them exactly once, unsubscribing.

Exactly once rests on one `DigestDelivery` row per (member, week), unique in the database. A batch
claims rows (INSERT ... ON CONFLICT DO NOTHING: a row someone else holds is theirs) before any mail
leaves, and marks them sent once the SMTP server has accepted the mail, a chunk of members at a time.
In between, Redis holds a trace of each mail, written the moment before its final line goes to the
server: a worker killed before it could mark its chunk leaves that trace, and the attempt that takes
its claims over settles those members as sent instead of mailing them twice. A claim is retried when the
attempt that held it gave up (transient SMTP failure: `error` is set and the job raises so RQ's `Retry`
runs the batch again) or when it is older than `stale_claim()` (its worker died; the sweeper re-enqueues
it). Batch jobs time out long before a claim turns stale, so a claim still being worked on is never
taken over.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import Row, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from community import mail, queue
from community.accounts.models import User
from community.accounts.services import set_digest_off
from community.digest import compose, replies, sections
from community.digest.loading import load_week
from community.digest.models import DigestDelivery, DigestWeek
from community.errors import invalid
from community.extensions import db
from community.models import utcnow
from community.stories.labels import CATEGORY_LABELS, REACTION_LABELS, STAGE_LABELS
from community.stories.models import CONTENT_NOTE_LABELS
from community.sweeper import sweeps

log = logging.getLogger(__name__)

# After this many tries (RQ's retries, then the sweeper's) a delivery is given up as failed.
MAX_ATTEMPTS = 30
# Members claimed, sent and marked together, so a batch's queries are few, not per member.
CHUNK = 25
UNSUBSCRIBE_SALT = "digest-unsubscribe"
UNSUBSCRIBE_MAX_AGE = 365 * 24 * 3600

DELIVERY = DigestDelivery.__table__
WEEK = DigestWeek.__table__
# How long the sweeper keeps looking for members a week's digest missed.
LOOK_BACK = timedelta(days=14)


def stale_claim() -> timedelta:
    """Longer than a batch job may run (JOB_TIMEOUT), so only a dead worker's claim gets this old."""
    return timedelta(seconds=current_app.config["DIGEST_STALE_CLAIM"])


# --- weeks --------------------------------------------------------------------------------------------


def resolve_week(value: str | None, now: datetime | None = None) -> str:
    """The canonical ISO week for `value`, or the last complete week when none is given; 422 if malformed."""
    if value is None:
        return compose.last_complete_week(now or utcnow())
    try:
        return compose.parse_week(value)
    except ValueError as exc:
        raise invalid(week=str(exc)) from None


# --- loading a batch ----------------------------------------------------------------------------------


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def digest_for(user_id: int, week: str | None = None) -> dict:
    """One member's digest (the page and the API); `week` as given by the client, default last week."""
    week = resolve_week(week)
    members, rows = load_week(week, [user_id])
    if not members:
        return {"week": week, "stories": [], "lessons": [], "mentors": [], "groups": []}
    return compose.compose(members[0], rows, current_app.config["BASE_URL"])


# --- the email ----------------------------------------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user_id: int) -> str:
    return _serializer().dumps(user_id)


def unsubscribe_url(user_id: int) -> str:
    return f"{current_app.config['BASE_URL']}/digest/unsubscribe/{unsubscribe_token(user_id)}"


def user_for_unsubscribe(token: str) -> int | None:
    """The member a genuine, unexpired unsubscribe token names; None for anything else."""
    try:
        user_id = _serializer().loads(token, max_age=UNSUBSCRIBE_MAX_AGE)
    except BadData:
        return None
    return user_id if isinstance(user_id, int) and not isinstance(user_id, bool) else None


def unsubscribe(token: str) -> bool:
    """Turn the digest off for the token's member, without signing in; False if the token is not valid."""
    user_id = user_for_unsubscribe(token)
    if user_id is None or db.session.get(User, user_id) is None:
        return False
    set_digest_off(user_id)
    return True


def subject(digest: dict) -> str:
    count = len(digest["stories"])
    if count:
        news = f"{count} {'story' if count == 1 else 'stories'} of picking yourself up"
    elif digest["lessons"]:
        news = "lessons from the community"
    else:
        news = "new mentors in your field"
    return f"Your Rebound week: {news} ({compose.week_label(digest['week'])})"


def labels() -> dict[str, dict[str, str]]:
    """Readable names for categories, stages and reactions, for the page and the email alike."""
    return {
        "category_labels": CATEGORY_LABELS,
        "stage_labels": STAGE_LABELS,
        "reaction_labels": REACTION_LABELS,
        "note_labels": CONTENT_NOTE_LABELS,
    }


def _news(digest: dict, shared: dict) -> dict[str, str]:
    """The stories and lessons part of the email, rendered once per batch for every member it fits."""
    key = (
        tuple(story["id"] for story in digest["stories"]),
        tuple((lesson["story_id"], lesson["category"], lesson["text"]) for lesson in digest["lessons"]),
    )
    news = shared.get(key)
    if news is None:
        env = current_app.jinja_env
        context = {"digest": digest, "base_url": current_app.config["BASE_URL"], **labels()}
        news = {
            "text": env.get_template("email/digest_news.txt").render(context),
            "html": env.get_template("email/digest_news.html").render(context),
        }
        shared[key] = news
    return news


def build_message(
    member: compose.MemberRow,
    digest: dict,
    shared: dict | None = None,
    eight_bit: bool = False,
    private: list[dict] | None = None,
) -> bytes:
    """The digest email, ready for SMTP: plain text and HTML, with RFC 8058 one-click unsubscribe.

    `shared` carries parts already rendered for other members of the same batch (stories are the
    same rows throughout a batch, so their ids say what was rendered); `eight_bit` when the server
    takes 8-bit mail.
    """
    unsubscribe = unsubscribe_url(member.id)
    return mail.build_raw(
        member.email,
        subject(digest),
        "digest",
        headers={
            # One id per member and week: a mail that ever did go out twice is recognisably the same one.
            "Message-ID": f"<digest-{digest['week']}-{member.id}@rebound.local>",
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": "Rebound weekly digest <digest.rebound.local>",
        },
        eight_bit=eight_bit,
        member=member,
        digest=digest,
        news=_news(digest, {} if shared is None else shared),
        week_label=compose.week_label(digest["week"]),
        unsubscribe_url=unsubscribe,
        private=private or [],
    )


def build_digests(week: str, user_ids: Iterable[int]) -> list[tuple[compose.MemberRow, dict]]:
    """Every member's digest in the batch (whatever their setting), composed from one batch load."""
    members, rows = load_week(week, user_ids)
    base_url = current_app.config["BASE_URL"]
    return [(member, compose.compose(member, rows, base_url)) for member in members]


# --- sending ------------------------------------------------------------------------------------------


@dataclass
class BatchResult:
    sent: int = 0
    empty: int = 0
    failed: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"sent": self.sent, "empty": self.empty, "failed": self.failed, "skipped": self.skipped}


def is_permanent(exc: Exception) -> bool:
    """A refusal that will not change by trying again (5xx for this recipient or this message)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPDataError):
        return exc.smtp_code >= 500
    return False


def _insert_ignoring_conflicts(table=DELIVERY):
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def _deliveries(week: str, user_ids: list[int]) -> dict[int, Row]:
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


def _claim(week: str, new: list[int], retake: list[int]) -> set[int]:
    """The members whose delivery this run now holds: fresh rows, and released or stale claims."""
    now = utcnow()
    owned: set[int] = set()
    if new:
        # Many rows, one statement (SQLAlchemy's "insertmanyvalues"); a row someone else holds is skipped.
        stmt = _insert_ignoring_conflicts().on_conflict_do_nothing().returning(DELIVERY.c.user_id)
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


def _mark(week: str, user_ids: Iterable[int], **values: object) -> None:
    ids = list(user_ids)
    if ids:
        db.session.execute(
            update(DELIVERY)
            .where(DELIVERY.c.week == week, DELIVERY.c.user_id.in_(ids), DELIVERY.c.status == "claimed")
            .values(**values)
        )


def _sort_out(
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
            _insert_ignoring_conflicts().on_conflict_do_nothing(),
            [{"user_id": u, "week": week, "status": "empty", "attempts": 0} for u in empty],
        )
    result.empty += len(empty)
    for user_id in _claim(week, [], list(settle)):
        status, error = settle[user_id]
        _mark(week, [user_id], status=status, error=error, sent_at=utcnow() if status == "sent" else None)
        result.empty += status == "empty"
        result.sent += status == "sent"
    return to_send


def _note_handed_over(week: str, user_id: int) -> None:
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


def _forget_handed_over(week: str, user_id: int) -> None:
    """The server refused the mail after all: it was not delivered."""
    db.session.execute(
        update(DELIVERY)
        .where(DELIVERY.c.week == week, DELIVERY.c.user_id == user_id)
        .values(handed_over_at=None)
    )
    db.session.commit()


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
        _note_handed_over(self.week, user_id)

    def hear(self, conn: smtplib.SMTP, user_id: int) -> None:
        """The server's verdict on the member's mail handed over by `mail.begin_send`. Without one (the
        connection broke) the record stays: the mail may be out, and is not sent a second time."""
        try:
            mail.end_send(conn)
        except smtplib.SMTPResponseException as exc:
            _forget_handed_over(self.week, user_id)
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
        _mark(self.week, self.sent, status="sent", sent_at=utcnow(), error=None)
        for user_id, error in self.failed.items():
            _mark(self.week, [user_id], status="failed", error=error)

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
    existing = _deliveries(week, [m.id for m, _ in digests])
    to_send = _sort_out(week, digests, existing, result)
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
                owned = _claim(
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
            _mark(
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
        _insert_ignoring_conflicts(WEEK).values(week=week, requested_at=utcnow()).on_conflict_do_nothing()
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


@sweeps
def send_lost_batches() -> int:
    """Members a requested week's digest has not reached at all: its fan-out job died with its worker, or Redis
    lost the batch jobs before they ran. Once the week was asked for more than a stale claim ago, those who were
    members then and have no delivery row get a batch again; a week with none left is settled."""
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


@sweeps
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


# The digest's own private section: replies to the member's stories that week.
sections.register("replies", replies.build, "digest/section_replies.html", "digest/section_replies.txt")
