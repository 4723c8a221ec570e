"""Transactional mail to one member (welcome, mentorship news)."""

from __future__ import annotations

from typing import Any

from flask import current_app

from community import mail
from community.accounts.models import User
from community.accounts.tokens import make_token
from community.extensions import db
from community.models import utcnow

SUBJECTS = {
    "welcome": "Welcome to Rebound",
    "mentor_accepted": "You have a mentor",
    "new_mentee": "You have a new mentee",
    "mentorship_expired": "Your mentorship request expired",
    "mentorship_declined": "About your mentorship request",
    "confirm_email": "Confirm your email for Rebound",
    "signup_attempt": "Someone tried to sign up to Rebound with your email",
    "password_reset": "Reset your Rebound password",
    "confirm_new_email": "Confirm your new email for Rebound",
    "email_change_notice": "Your Rebound email is being changed",
    "moderator_message": "A message from the Rebound moderators",
}


def _link_mail(template: str, user: User) -> tuple[str, dict[str, Any]] | None:
    """Recipient and links of the account mails that carry a signed link; None for other mails."""
    base = current_app.config["BASE_URL"]
    if template == "confirm_email":
        if user.email_confirmed_at is not None:
            return None
        return user.email, {"link": f"{base}/confirm/{make_token(user, 'confirm')}"}
    if template == "confirm_new_email":
        if not user.pending_email:
            return None
        token = make_token(user, "confirm", user.pending_email)
        return user.pending_email, {"link": f"{base}/confirm/{token}"}
    if template == "password_reset":
        return user.email, {"link": f"{base}/reset-password/{make_token(user, 'reset')}"}
    if template in ("signup_attempt", "email_change_notice"):
        return user.email, {"login": f"{base}/login", "forgot": f"{base}/forgot-password"}
    return user.email, {}


def send_member_mail(template: str, user_id: int, **context: Any) -> None:
    user = db.session.get(User, user_id)
    if user is None:
        return
    addressed = _link_mail(template, user)
    if addressed is None:
        return
    to, links = addressed
    context = {**links, **context}
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
    msg = mail.build_message(to, SUBJECTS.get(template, "News from Rebound"), template, user=user, **context)
    try:
        mail.send([msg])
    except Exception:
        if template == "welcome":
            # Release the claim so RQ's retry can send it.
            db.session.execute(User.__table__.update().where(User.id == user_id).values(welcomed_at=None))
            db.session.commit()
        raise
