"""Confirming an address, resetting and changing a password, changing the address, ending sessions.

Whatever is asked about an address answers alike whether or not it has an account; only the mail differs.
Each change is one conditional UPDATE on the state its token was made for, so two requests racing with one
token succeed once.
"""

from __future__ import annotations

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, select, update

from community import queue
from community.accounts.models import ApiToken, User, UserSession
from community.accounts.passwords import password_problem
from community.accounts.services import hash_token, normalize_email
from community.accounts.tokens import invalid_token, read_token
from community.errors import ServiceError, invalid
from community.extensions import db
from community.models import utcnow

WRONG_PASSWORD = "That is not your current password."


def _user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def confirm_email(token: str) -> int:
    """Confirms the address a link was mailed to; the member's id."""
    user, target = read_token(token, "confirm")
    if target:
        # A change of address: the new one replaces the old once its owner opens the link.
        taken = db.session.scalar(select(User.id).where(User.email == target, User.id != user.id))
        if taken is not None or user.pending_email != target:
            raise invalid_token()
        done = db.session.execute(
            update(User)
            .where(User.id == user.id, User.pending_email == target)
            .values(email=target, pending_email=None)
        )
    else:
        done = db.session.execute(
            update(User)
            .where(User.id == user.id, User.email_confirmed_at.is_(None))
            .values(email_confirmed_at=utcnow())
        )
    db.session.commit()
    if done.rowcount != 1:
        raise invalid_token()
    if not target:
        queue.enqueue_mail("welcome", user.id)
    return user.id


def resend_confirmation(email: str) -> None:
    user = _user_by_email(email)
    if user is not None and user.email_confirmed_at is None:
        queue.enqueue_mail("confirm_email", user.id)


def request_password_reset(email: str) -> None:
    user = _user_by_email(email)
    if user is not None:
        queue.enqueue_mail("password_reset", user.id)


def _check_new_password(user: User, password: str, field: str = "password") -> None:
    problem = password_problem(password, user.email)
    if problem:
        raise invalid(**{field: problem})


def _set_password(user: User, password: str, keep: Keep | None = None) -> bool:
    """Sets the password if it is still the one the caller saw; ends every session and token but `keep`."""
    old_hash = user.password_hash
    user.set_password(password)
    new_hash = user.password_hash
    db.session.expire(user)
    done = db.session.execute(
        update(User).where(User.id == user.id, User.password_hash == old_hash).values(password_hash=new_hash)
    )
    if done.rowcount == 1:
        _end_all(user.id, keep or Keep())
    db.session.commit()
    return done.rowcount == 1


@dataclass(frozen=True)
class Keep:
    """What survives ending a member's sessions: the browser session or API token the change came from."""

    session_key: str | None = None
    token_hash: str | None = None


def _end_all(user_id: int, keep: Keep) -> None:
    sessions = delete(UserSession).where(UserSession.user_id == user_id)
    if keep.session_key:
        sessions = sessions.where(UserSession.key_hash != hash_token(keep.session_key))
    tokens = delete(ApiToken).where(ApiToken.user_id == user_id)
    if keep.token_hash:
        tokens = tokens.where(ApiToken.token_hash != keep.token_hash)
    db.session.execute(sessions)
    db.session.execute(tokens)


def reset_password(token: str, password: str) -> None:
    user, _ = read_token(token, "reset")
    _check_new_password(user, password)
    if not _set_password(user, password):
        raise invalid_token()
    if user.email_confirmed_at is None:
        # The link reached the address: that confirms it as well.
        db.session.execute(
            update(User)
            .where(User.id == user.id, User.email_confirmed_at.is_(None))
            .values(email_confirmed_at=utcnow())
        )
        db.session.commit()


def change_password(user: User, current: str, new: str, keep: Keep | None = None) -> None:
    if not user.check_password(current or ""):
        raise invalid(**{"current_password": WRONG_PASSWORD})
    _check_new_password(user, new, "new_password")
    if not _set_password(user, new, keep):
        raise ServiceError(409, "Your password was changed meanwhile. Please sign in again.")


def change_email(user: User, email: str, password: str) -> None:
    """Asks the new address to confirm; the old one is told. The address changes once confirmed."""
    if not user.check_password(password or ""):
        raise invalid(**{"password": WRONG_PASSWORD})
    new = normalize_email(email)
    try:
        validate_email(new, check_deliverability=False)
    except EmailNotValidError:
        raise invalid(email="Enter a valid email address.") from None
    if new == user.email:
        raise invalid(email="That is already your address.")
    user.pending_email = new
    db.session.commit()
    # Whether the new address belongs to someone else is only found out when its link is opened.
    queue.enqueue_mail("confirm_new_email", user.id)
    queue.enqueue_mail("email_change_notice", user.id)


def end_sessions(user_id: int) -> None:
    """Every signed-in browser and API token of the member stops working."""
    _end_all(user_id, Keep())
    db.session.commit()
