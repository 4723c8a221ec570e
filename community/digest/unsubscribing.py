"""Leaving the digest from the email itself: a signed link per member, good for a year, that turns the digest
off without signing in (RFC 8058 one-click as well as the page that asks first)."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer

from community.accounts.models import User
from community.accounts.services import set_digest_off
from community.extensions import db

UNSUBSCRIBE_SALT = "digest-unsubscribe"
UNSUBSCRIBE_MAX_AGE = 365 * 24 * 3600


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
