"""Transactional mail to one member (welcome, mentorship news)."""

from __future__ import annotations

from typing import Any

from community import mail
from community.accounts.models import User
from community.extensions import db
from community.models import utcnow

SUBJECTS = {
    "welcome": "Welcome to Rebound",
    "mentor_accepted": "You have a mentor",
    "new_mentee": "You have a new mentee",
    "mentorship_expired": "Your mentorship request expired",
    "mentorship_declined": "About your mentorship request",
}


def send_member_mail(template: str, user_id: int, **context: Any) -> None:
    user = db.session.get(User, user_id)
    if user is None:
        return
    if template == "welcome":
        # Welcome mail is sent once, however often the job runs.
        claimed = db.session.execute(
            User.__table__.update()
            .where(User.id == user_id, User.welcomed_at.is_(None))
            .values(welcomed_at=utcnow())
        )
        db.session.commit()
        if claimed.rowcount == 0:
            return
    msg = mail.build_message(
        user.email, SUBJECTS.get(template, "News from Rebound"), template, user=user, **context
    )
    try:
        mail.send([msg])
    except Exception:
        if template == "welcome":
            # Release the claim so RQ's retry can send it.
            db.session.execute(User.__table__.update().where(User.id == user_id).values(welcomed_at=None))
            db.session.commit()
        raise
