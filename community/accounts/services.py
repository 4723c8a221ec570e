"""Accounts: registering, signing in, API tokens and preferences."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from community import queue
from community.accounts.models import DIGEST_CHOICES, ROLES, ApiToken, User
from community.errors import ServiceError, conflict, invalid
from community.extensions import db
from community.models import utcnow

MIN_PASSWORD = 10
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
    if len(password or "") < MIN_PASSWORD:
        fields["password"] = f"Use at least {MIN_PASSWORD} characters."
    elif len(password) > 200:
        fields["password"] = "Use at most 200 characters."
    name = (display_name or "").strip()
    if not name:
        fields["display_name"] = "Choose a display name."
    elif len(name) > 60:
        fields["display_name"] = "Use at most 60 characters."
    return fields


def register(
    email: str, password: str, display_name: str, role: str = "member", welcome: bool = True
) -> User:
    fields = check_registration(email, password, display_name)
    if role not in ROLES:
        fields["role"] = f"Choose one of {', '.join(ROLES)}."
    if fields:
        raise ServiceError(422, "Some fields need another look.", fields)
    email = normalize_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise conflict("An account with this email already exists.")
    user = User(email=email, display_name=display_name.strip(), role=role, digest="weekly", industries=[])
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise conflict("An account with this email already exists.") from None
    if welcome:
        queue.enqueue_mail("welcome", user.id)
    return user


def authenticate(email: str, password: str) -> User | None:
    user = db.session.scalar(select(User).where(User.email == normalize_email(email)))
    if user is None:
        check_password_hash(_dummy_hash(), password or "")
        return None
    return user if user.check_password(password or "") else None


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User) -> tuple[str, datetime]:
    token = secrets.token_urlsafe(32)
    expires = utcnow() + timedelta(days=current_app.config["API_TOKEN_TTL_DAYS"])
    db.session.add(ApiToken(user_id=user.id, token_hash=_hash_token(token), expires_at=expires))
    db.session.commit()
    return token, expires


# Every API request a member makes starts here: one query, built once.
_USER_FOR_TOKEN = (
    select(User, ApiToken.expires_at)
    .join(ApiToken, ApiToken.user_id == User.id)
    .where(ApiToken.token_hash == bindparam("token_hash"))
)


def user_for_token(token: str) -> User | None:
    row = db.session.execute(_USER_FOR_TOKEN, {"token_hash": _hash_token(token)}).first()
    if row is None or row.expires_at <= utcnow():
        return None
    return row.User


def revoke_token(token: str) -> None:
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _hash_token(token)))
    if row is not None:
        db.session.delete(row)
        db.session.commit()


def clean_industries(industries: list[str]) -> list[str]:
    """Trimmed, de-duplicated ignoring case, order kept."""
    seen: dict[str, str] = {}
    for item in industries:
        name = " ".join(str(item).split())
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


def update_preferences(user: User, digest: str | None = None, industries: list[str] | None = None) -> User:
    fields: dict[str, str] = {}
    if digest is not None and digest not in DIGEST_CHOICES:
        fields["digest"] = "Choose weekly or off."
    if industries is not None:
        cleaned = clean_industries(industries)
        if len(cleaned) > 20:
            fields["industries"] = "Choose at most 20 industries."
        elif any(len(i) > 60 for i in cleaned):
            fields["industries"] = "Each industry has at most 60 characters."
    if fields:
        raise invalid(**fields)
    if digest is not None:
        user.digest = digest
    if industries is not None:
        user.industries = cleaned
    db.session.commit()
    return user


def member_industries(user: User) -> list[str]:
    """The member's chosen industries plus those of their own stories."""
    from community.stories.models import Story

    own = db.session.scalars(select(Story.industry).where(Story.author_id == user.id).distinct()).all()
    return clean_industries([*(user.industries or []), *own])


def set_digest_off(user_id: int) -> None:
    user = db.session.get(User, user_id)
    if user is not None and user.digest != "off":
        user.digest = "off"
        db.session.commit()
