"""Notifications by email: at most one mail per member, kind and hour, gathering everything since the last one.

A worker job (`send_due_mails`, every minute) finds, for each member and kind they want mailed, the
notifications no mail has carried yet. If no mail of that kind went to them in the last hour, it claims a mail
row and those notifications in one committed transaction, then sends. The claim is what makes a mail go out at
most once: a retry, a second job or a worker killed half-way finds the notifications taken. Just before the
mail's final line goes to the server, `handed_over_at` is committed; a claim left behind by a dead worker is sent
again only if it never got that far (`retry_stale_mails`), so neither Redis nor SMTP going away can make a
member get a mail twice.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from functools import partial

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import func, select, update

from community import mail
from community.accounts.models import NOTIFICATION_LABELS, User
from community.extensions import db
from community.models import utcnow
from community.notifications.models import KINDS, Notification, NotificationMail

log = logging.getLogger(__name__)

# At most one mail per member and kind in this long.
QUIET = timedelta(hours=1)
# Notifications older than this are not mailed any more (a kind just turned on does not mail old news).
FRESH = timedelta(days=1)
# A mail gathers at most this many notifications (the rest are on the notifications page).
MOST = 20
# After this many failed tries a mail is given up.
MAX_ATTEMPTS = 10
STOP_SALT = "notification-mail-stop"
STOP_MAX_AGE = 365 * 24 * 3600

SUBJECTS = {
    "reply": "New replies on Rebound",
    "reactions": "Your story encouraged people",
    "moderation": "News about your post on Rebound",
    "mentorship": "Mentorship news on Rebound",
    "followup": "A reminder from your Rebound toolkit",
}


def _stale() -> timedelta:
    """Longer than a mail job may run, so only a dead worker's claim gets this old."""
    return timedelta(seconds=current_app.config["DIGEST_STALE_CLAIM"])


# --- the one-click stop link ---------------------------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=STOP_SALT)


def stop_url(user_id: int, kind: str) -> str:
    return f"{current_app.config['BASE_URL']}/notifications/stop/{_serializer().dumps([user_id, kind])}"


def read_stop_token(token: str) -> tuple[int, str] | None:
    """The member and kind a genuine, unexpired stop link names; None for anything else."""
    try:
        value = _serializer().loads(token, max_age=STOP_MAX_AGE)
    except BadData:
        return None
    if not (isinstance(value, list) and len(value) == 2):
        return None
    user_id, kind = value
    if not isinstance(user_id, int) or isinstance(user_id, bool) or kind not in KINDS:
        return None
    return user_id, kind


def stop(token: str) -> str | None:
    """Stop mailing the token's kind to its member, without signing in; the kind, or None if not valid."""
    named = read_stop_token(token)
    if named is None:
        return None
    user_id, kind = named
    user = db.session.get(User, user_id)
    if user is None:
        return None
    user.email_notifications = [k for k in user.email_notifications or [] if k != kind]
    db.session.commit()
    return kind


# --- sending -------------------------------------------------------------------------------------------


def _due() -> list[tuple[int, str]]:
    """Members and kinds with notifications no mail has carried yet, that the member wants mailed."""
    waiting = db.session.execute(
        select(Notification.user_id, Notification.kind)
        .where(
            Notification.mail_id.is_(None),
            Notification.own_mail.is_(False),
            Notification.created_at > utcnow() - FRESH,
        )
        .distinct()
    ).all()
    if not waiting:
        return []
    # Asked apart: PostgreSQL cannot compare JSON values, so a DISTINCT cannot carry the member's kinds.
    wanted = dict(
        db.session.execute(
            select(User.id, User.email_notifications).where(
                User.id.in_({user_id for user_id, _ in waiting}), User.email_confirmed_at.is_not(None)
            )
        ).all()
    )
    return sorted((user_id, kind) for user_id, kind in waiting if kind in (wanted.get(user_id) or []))


def _claim(user_id: int, kind: str) -> NotificationMail | None:
    """A committed mail row holding the notifications it will carry; None when a mail of the kind went out
    within the hour, or another job took them first."""
    now = utcnow()
    last = db.session.scalar(
        select(NotificationMail.claimed_at)
        .where(NotificationMail.user_id == user_id, NotificationMail.kind == kind)
        .order_by(NotificationMail.claimed_at.desc())
        .limit(1)
    )
    if last is not None and last > now - QUIET:
        return None
    item = NotificationMail(user_id=user_id, kind=kind, claimed_at=now)
    db.session.add(item)
    db.session.flush()
    taken = db.session.execute(
        update(Notification)
        .where(
            Notification.user_id == user_id,
            Notification.kind == kind,
            Notification.mail_id.is_(None),
            Notification.own_mail.is_(False),
            Notification.created_at > now - FRESH,
        )
        .values(mail_id=item.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not taken:
        db.session.rollback()
        return None
    db.session.commit()
    return item


def _message(item: NotificationMail, user: User, eight_bit: bool) -> bytes:
    notes = list(
        db.session.scalars(
            select(Notification)
            .where(Notification.mail_id == item.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(MOST)
        )
    )
    total = db.session.scalar(
        select(func.count()).select_from(Notification).where(Notification.mail_id == item.id)
    )
    stop = stop_url(user.id, item.kind)
    return mail.build_raw(
        user.email,
        SUBJECTS[item.kind],
        "notifications",
        headers={
            "Message-ID": f"<notifications-{item.id}@rebound.local>",
            "List-Unsubscribe": f"<{stop}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"Rebound notifications: {item.kind} <{item.kind}.notifications.rebound.local>",
        },
        eight_bit=eight_bit,
        user=user,
        notes=notes,
        more=total - len(notes),
        kind_label=NOTIFICATION_LABELS[item.kind],
        stop_url=stop,
    )


def _handed_over(mail_id: int) -> None:
    db.session.execute(
        update(NotificationMail).where(NotificationMail.id == mail_id).values(handed_over_at=utcnow())
    )
    db.session.commit()


def _settle(mail_id: int, **values: object) -> None:
    db.session.execute(update(NotificationMail).where(NotificationMail.id == mail_id).values(**values))
    db.session.commit()


def _send(conn: smtplib.SMTP, item: NotificationMail, options: list[str]) -> bool:
    """Send one claimed mail; True when the server took it. A permanent refusal fails it; a passing one
    leaves it claimed for `retry_stale_mails`."""
    user = db.session.get(User, item.user_id)
    if user is None or item.kind not in (user.email_notifications or []):
        _settle(item.id, status="failed", error="the member no longer wants this kind mailed")
        return False
    data = _message(item, user, eight_bit=bool(options))
    try:
        mail.begin_send(
            conn, mail.envelope_sender(), user.email, data, options, before_end=partial(_handed_over, item.id)
        )
        mail.end_send(conn)
    except smtplib.SMTPResponseException as exc:
        # Refused outright: the server did not take it.
        permanent = exc.smtp_code >= 500 or item.attempts >= MAX_ATTEMPTS
        _settle(
            item.id,
            status="failed" if permanent else "claimed",
            handed_over_at=None,
            error=f"{exc.smtp_code} {exc.smtp_error!r}"[:500],
        )
        log.warning("notification mail %s refused (%s)", item.id, exc.smtp_code)
        return False
    except smtplib.SMTPRecipientsRefused as exc:
        _settle(item.id, status="failed", handed_over_at=None, error=str(exc)[:500])
        return False
    _settle(item.id, status="sent", sent_at=utcnow())
    return True


def _send_all(items: list[NotificationMail]) -> int:
    if not items:
        return 0
    sent = 0
    with mail.smtp_connection() as conn:
        conn.ehlo_or_helo_if_needed()
        options = ["BODY=8BITMIME"] if conn.has_extn("8bitmime") else []
        for item in items:
            sent += _send(conn, item, options)
    return sent


def send_due_mails() -> int:
    """Mail every member the notifications gathered since their last mail of each kind; how many mails went.
    Safe to run at any moment and in several workers at once."""
    retried = retry_stale_mails()
    claimed = [item for item in (_claim(user_id, kind) for user_id, kind in _due()) if item is not None]
    return retried + _send_all(claimed)


def retry_stale_mails() -> int:
    """Claims a dead worker or a refusing server left behind: sent again if they never reached the server's
    final line, settled as sent if they did (the server may have them)."""
    cutoff = utcnow() - _stale()
    stale = list(
        db.session.scalars(
            select(NotificationMail).where(
                NotificationMail.status == "claimed", NotificationMail.claimed_at < cutoff
            )
        )
    )
    again: list[NotificationMail] = []
    for item in stale:
        if item.handed_over_at is not None:
            _settle(
                item.id, status="sent", sent_at=item.handed_over_at, error="settled: it may have gone out"
            )
            continue
        # Retaken only where nobody else retook it meanwhile.
        retaken = db.session.execute(
            update(NotificationMail)
            .where(NotificationMail.id == item.id, NotificationMail.claimed_at == item.claimed_at)
            .values(claimed_at=utcnow(), attempts=NotificationMail.attempts + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
        db.session.commit()
        if retaken:
            db.session.refresh(item)
            again.append(item)
    return _send_all(again)
