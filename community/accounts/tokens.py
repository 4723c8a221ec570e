"""Signed links for confirming an address and resetting a password (itsdangerous).

A token names the member and a fingerprint of the account's state it is meant to change: the address, the
pending address, whether it is confirmed, and the password hash. Using it changes that
state, so a token works once; the signature and its age limit keep it from being forged or kept.
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer

from community.accounts.models import User
from community.errors import ServiceError
from community.extensions import db

# Purpose → seconds a link stays valid.
LIFETIMES = {"confirm": 48 * 3600, "reset": 3600}


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"rebound-{purpose}")


def _fingerprint(user: User) -> str:
    state = "|".join(
        str(part)
        for part in (
            user.email,
            user.pending_email,
            user.email_confirmed_at is not None,
            user.password_hash,
        )
    )
    return hashlib.sha256(state.encode()).hexdigest()[:24]


def make_token(user: User, purpose: str, target: str | None = None) -> str:
    """A link token for `purpose`; `target` is the address a confirmation is for."""
    return _serializer(purpose).dumps([user.id, _fingerprint(user), target])


def invalid_token() -> ServiceError:
    return ServiceError(
        400, "This link is no longer valid. It may have expired or been used already.", code="invalid_token"
    )


def read_token(token: str, purpose: str) -> tuple[User, Any]:
    """The member and target a token names, or 400 `invalid_token` for anything expired, used or forged."""
    try:
        user_id, fingerprint, target = _serializer(purpose).loads(token, max_age=LIFETIMES[purpose])
        user = db.session.get(User, int(user_id))
    except (BadData, TypeError, ValueError, OverflowError):
        raise invalid_token() from None
    if user is None or _fingerprint(user) != fingerprint:
        raise invalid_token()
    return user, target
