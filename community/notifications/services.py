"""Telling a member what happened: one function for every area (`tell`), and reading them back.

In a worker job, `tell` writes the notification in the job's own transaction, so it exists exactly when the
decision does. In a web request (a moderator's decision, a mentor's answer) it only enqueues: once the
request's transaction commits, the worker writes it. If Redis cannot take the job, it is written at once
instead, so nothing is lost.
"""

from __future__ import annotations

from typing import Any

from rq import get_current_job
from sqlalchemy import bindparam, delete, event, func, insert, select, update
from sqlalchemy.orm import Session

from community import queue
from community.accounts import lifecycle
from community.errors import invalid, not_found
from community.extensions import db
from community.models import isoformat, utcnow
from community.notifications.models import KINDS, Notification, NotificationMail
from community.pagination import paginate


def notify(
    user_id: int,
    kind: str,
    text: str,
    link: str | None = None,
    *,
    subject_key: str | None = None,
    own_mail: bool = False,
) -> Notification:
    """Adds a notification for the member (not committed: the caller's transaction decides). With a
    `subject_key`, an unread notification of the same subject that no mail has carried yet is brought up to
    date instead of repeated. `own_mail` when the caller mails this event itself, so the hourly mail of its
    kind (`community.notifications.mailing`) leaves it out."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if subject_key is not None:
        existing = db.session.scalar(
            select(Notification).where(
                Notification.user_id == user_id,
                Notification.subject_key == subject_key,
                Notification.read_at.is_(None),
                Notification.mail_id.is_(None),
            )
        )
        if existing is not None:
            existing.text, existing.link = text, link
            existing.count += 1
            existing.created_at = utcnow()
            return existing
    note = Notification(
        user_id=user_id, kind=kind, text=text, link=link, subject_key=subject_key, own_mail=own_mail
    )
    db.session.add(note)
    return note


# Notifications a web request asked for, sent to the worker when its transaction commits.
_AFTER_COMMIT = "notifications_after_commit"


def tell(
    user_id: int,
    kind: str,
    text: str,
    link: str | None = None,
    *,
    subject_key: str | None = None,
    own_mail: bool = False,
) -> None:
    """Tell the member: written now inside a worker job, else handed to the worker once this commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if get_current_job() is not None:
        notify(user_id, kind, text, link, subject_key=subject_key, own_mail=own_mail)
        return
    session = db.session()
    if not session.in_transaction():
        # Its fate is the next commit's or rollback's, so there has to be a transaction to follow.
        session.begin()
    session.info.setdefault(_AFTER_COMMIT, []).append((user_id, kind, text, link, subject_key, own_mail))


@event.listens_for(Session, "after_commit")
def _hand_to_worker(session: Session) -> None:
    for user_id, kind, text, link, subject_key, own_mail in session.info.pop(_AFTER_COMMIT, ()):
        if queue.enqueue(
            "default",
            "worker.jobs.notify",
            user_id,
            kind,
            text,
            link,
            subject_key=subject_key,
            own_mail=own_mail,
        ):
            continue
        # Redis is away: written here, on a connection of its own (this session's transaction has ended).
        with db.engine.begin() as conn:
            conn.execute(
                insert(Notification).values(
                    user_id=user_id,
                    kind=kind,
                    text=text,
                    link=link,
                    subject_key=subject_key,
                    own_mail=own_mail,
                )
            )


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, previous_transaction) -> None:
    # A savepoint rolled back inside the transaction leaves the transaction's own notifications to it.
    if previous_transaction.parent is None:
        session.info.pop(_AFTER_COMMIT, None)


def notify_now(
    user_id: int,
    kind: str,
    text: str,
    link: str | None = None,
    subject_key: str | None = None,
    own_mail: bool = False,
) -> None:
    """The worker's side of `tell` for a web request: written and committed."""
    notify(user_id, kind, text, link, subject_key=subject_key, own_mail=own_mail)
    db.session.commit()


def notification_json(note: Notification) -> dict[str, Any]:
    return {
        "id": note.id,
        "kind": note.kind,
        "text": note.text,
        "link": note.link,
        "created_at": isoformat(note.created_at),
        "read": note.read_at is not None,
    }


def list_notifications(user_id: int, unread: bool = False, page: int = 1, per_page: int = 20) -> dict:
    stmt = select(Notification).where(Notification.user_id == user_id)
    if unread:
        stmt = stmt.where(Notification.read_at.is_(None))
    stmt = stmt.order_by(Notification.created_at.desc(), Notification.id.desc())
    return paginate(stmt, page, per_page, lambda rows: [notification_json(n) for n in rows])


# A constant Core statement: every signed-in page runs it for the badge, and the ORM's per-call work would
# cost several times the query itself.
_NOTIFICATIONS = Notification.__table__
_UNREAD = (
    select(func.count())
    .select_from(_NOTIFICATIONS)
    .where(_NOTIFICATIONS.c.user_id == bindparam("user_id"), _NOTIFICATIONS.c.read_at.is_(None))
)


def unread_count(user_id: int) -> int:
    return db.session.execute(_UNREAD, {"user_id": user_id}).scalar_one()


def mark_read(user_id: int, ids: list[int] | None = None, everything: bool = False) -> None:
    """Marks the member's own notifications read; ids of anyone else's are 404, and change nothing."""
    if not everything and not ids:
        raise invalid(ids="Name the notifications to mark read, or send all: true.")
    stmt = update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    if not everything:
        wanted = set(ids or [])
        own = set(
            db.session.scalars(
                select(Notification.id).where(Notification.user_id == user_id, Notification.id.in_(wanted))
            )
        )
        if wanted - own:
            raise not_found("That notification")
        stmt = stmt.where(Notification.id.in_(own))
    db.session.execute(stmt.values(read_at=utcnow()))
    db.session.commit()


def export(user_id: int) -> list[dict]:
    rows = db.session.scalars(
        select(Notification).where(Notification.user_id == user_id).order_by(Notification.id)
    )
    return [notification_json(n) for n in rows]


def erase(user_id: int) -> None:
    db.session.execute(delete(Notification).where(Notification.user_id == user_id))
    db.session.execute(delete(NotificationMail).where(NotificationMail.user_id == user_id))


lifecycle.register_export("notifications", export)
lifecycle.register_erase(erase)
