"""Accounts: registering, signing in, API tokens and preferences."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import bindparam, delete, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from community import queue
from community.accounts import lifecycle
from community.accounts.models import DIGEST_CHOICES, NOTIFICATION_KINDS, ROLES, ApiToken, User, UserSession
from community.accounts.passwords import password_problem
from community.errors import ServiceError, conflict, invalid
from community.extensions import db
from community.industries import clean_industries, industries_problem
from community.models import utcnow

_dummy_hashes: dict[str, str] = {}


def _dummy_hash() -> str:
    """Compared against when the email is unknown, so both failures cost the same time."""
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in _dummy_hashes:
        _dummy_hashes[method] = generate_password_hash("not-a-real-password", method=method)
    return _dummy_hashes[method]


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def check_registration(email: str, password: str, display_name: str) -> dict[str, str]:
    """Field problems, by field name; empty when the input is fine."""
    fields: dict[str, str] = {}
    try:
        validate_email(normalize_email(email), check_deliverability=False)
    except EmailNotValidError:
        fields["email"] = "Enter a valid email address."
    problem = password_problem(password, normalize_email(email))
    if problem:
        fields["password"] = problem
    problem = display_name_problem(display_name)
    if problem:
        fields["display_name"] = problem
    return fields


def display_name_problem(display_name: str | None) -> str | None:
    """Why a display name (at registration or on change) cannot be used, or None."""
    name = (display_name or "").strip()
    if not name:
        return "Choose a display name."
    if len(name) > 60:
        return "Use at most 60 characters."
    return lifecycle.name_problem(name)


def create_account(
    email: str, password: str, display_name: str, role: str = "member", confirmed: bool = False
) -> User:
    """A new account; 409 when the address is taken. Only operators' tools say that: see `register`."""
    fields = check_registration(email, password, display_name)
    if role not in ROLES:
        fields["role"] = f"Choose one of {', '.join(ROLES)}."
    if fields:
        raise ServiceError(422, "Some fields need another look.", fields)
    email = normalize_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise conflict("An account with this email already exists.")
    user = User(email=email, display_name=display_name.strip(), role=role, digest="weekly", industries=[])
    user.email_confirmed_at = utcnow() if confirmed else None
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise conflict("An account with this email already exists.") from None
    return user


def register(email: str, password: str, display_name: str) -> None:
    """Sign-up as anyone may ask for it: the answer is the same whether or not the address has an account.

    A new address gets a confirmation link; the owner of a taken one is told someone tried to use it."""
    try:
        user = create_account(email, password, display_name)
    except ServiceError as err:
        if err.status != 409:
            raise
        existing = db.session.scalar(select(User.id).where(User.email == normalize_email(email)))
        # Hash as a new account would, so the answer takes as long for a taken address as for a free one.
        generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])
        if existing is not None:
            queue.enqueue_mail("signup_attempt", existing)
        return
    queue.enqueue_mail("confirm_email", user.id)


def start_session(user: User) -> User:
    """A new signed-in session for a browser; `user.get_id()` then names it for the cookie."""
    key = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, key_hash=hash_token(key)))
    db.session.commit()
    user.session_key = key
    return user


_USER_FOR_SESSION = (
    select(User)
    .join(UserSession, UserSession.user_id == User.id)
    .where(UserSession.key_hash == bindparam("key_hash"), User.id == bindparam("user_id"))
)


def user_for_session(session_id: str) -> User | None:
    """The member a session cookie names, if that session has not been ended on the server."""
    user_id, _, key = session_id.partition(":")
    if not user_id.isdigit() or not key:
        return None
    user = db.session.scalar(_USER_FOR_SESSION, {"key_hash": hash_token(key), "user_id": int(user_id)})
    if user is None or user.email_confirmed_at is None:
        return None
    user.session_key = key
    return user


def end_session(user: User) -> None:
    if user.session_key:
        db.session.execute(delete(UserSession).where(UserSession.key_hash == hash_token(user.session_key)))
        db.session.commit()


def authenticate(email: str, password: str) -> User | None:
    user = db.session.scalar(select(User).where(User.email == normalize_email(email)))
    if user is None:
        check_password_hash(_dummy_hash(), password or "")
        return None
    return user if user.check_password(password or "") else None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User) -> tuple[str, datetime]:
    token = secrets.token_urlsafe(32)
    expires = utcnow() + timedelta(days=current_app.config["API_TOKEN_TTL_DAYS"])
    db.session.add(ApiToken(user_id=user.id, token_hash=hash_token(token), expires_at=expires))
    db.session.commit()
    return token, expires


# Every API request a member makes starts here: one query, built once.
_USER_FOR_TOKEN = (
    select(User, ApiToken.expires_at)
    .join(ApiToken, ApiToken.user_id == User.id)
    .where(ApiToken.token_hash == bindparam("token_hash"))
)


def user_for_token(token: str) -> User | None:
    row = db.session.execute(_USER_FOR_TOKEN, {"token_hash": hash_token(token)}).first()
    if row is None or row.expires_at <= utcnow():
        return None
    return row.User


def revoke_token(token: str) -> None:
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if row is not None:
        db.session.delete(row)
        db.session.commit()


def update_preferences(
    user: User,
    digest: str | None = None,
    industries: list[str] | None = None,
    email_notifications: list[str] | None = None,
    show_content_notes: bool | None = None,
    display_name: str | None = None,
) -> User:
    """Change only the preferences given; 422 naming each one at fault, and nothing changes then."""
    fields: dict[str, str] = {}
    if display_name is not None and (problem := display_name_problem(display_name)):
        fields["display_name"] = problem
    if digest is not None and digest not in DIGEST_CHOICES:
        fields["digest"] = "Choose weekly or off."
    if email_notifications is not None and not set(email_notifications) <= set(NOTIFICATION_KINDS):
        fields["email_notifications"] = "Choose among: " + ", ".join(NOTIFICATION_KINDS) + "."
    if show_content_notes is not None and not isinstance(show_content_notes, bool):
        fields["show_content_notes"] = "Choose true or false."
    if industries is not None:
        cleaned = clean_industries(industries)
        if problem := industries_problem(cleaned):
            fields["industries"] = problem
    if fields:
        raise invalid(**fields)
    if digest is not None:
        user.digest = digest
    if industries is not None:
        user.industries = cleaned
    if email_notifications is not None:
        user.email_notifications = [kind for kind in NOTIFICATION_KINDS if kind in email_notifications]
    if show_content_notes is not None:
        user.show_content_notes = show_content_notes
    if display_name is not None:
        user.display_name = display_name.strip()
    db.session.commit()
    return user


def set_digest_off(user_id: int) -> None:
    user = db.session.get(User, user_id)
    if user is not None and user.digest != "off":
        user.digest = "off"
        db.session.commit()
