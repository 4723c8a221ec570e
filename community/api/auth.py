"""Bearer-token authentication for /api/v1, and the token endpoints.

The API ignores the session cookie: only a token authenticates, so no page can be tricked into
making API calls on a member's behalf.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, request
from flask_login import AnonymousUserMixin, current_user
from pydantic import BaseModel
from spectree import Response

from community import limits
from community.accounts import services
from community.api import bp
from community.api.spec import BEARER, ErrorResponse, api_document, spec
from community.errors import ServiceError
from community.extensions import (
    failed_login_account_key,
    failed_login_address_key,
    limiter,
    login_failed,
    login_limit_key,
)
from community.models import isoformat
from community.permissions import require_moderator


@bp.before_request
def load_token_user() -> None:
    auth = request.headers.get("Authorization", "")
    user = None
    if auth[:7].lower() == "bearer ":
        user = services.user_for_token(auth[7:].strip())
        if user is None:
            raise ServiceError(401, "The token is invalid or has expired.")
    g._login_user = user or AnonymousUserMixin()


def member_required(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            raise ServiceError(401, "Sign in first: send Authorization: Bearer TOKEN.")
        return view(*args, **kwargs)

    return wrapper


def moderator_required(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            raise ServiceError(401, "Sign in first: send Authorization: Bearer TOKEN.")
        require_moderator(current_user)
        return view(*args, **kwargs)

    return wrapper


class TokenOut(BaseModel):
    token: str
    expires_at: str


@bp.post("/tokens")
@limiter.limit(limits.SIGN_IN_BURST, key_func=login_limit_key)
@limiter.limit(
    limits.FAILED_SIGN_INS_PER_ADDRESS, key_func=failed_login_address_key, deduct_when=login_failed
)
@limiter.limit(
    limits.FAILED_SIGN_INS_PER_ACCOUNT, key_func=failed_login_account_key, deduct_when=login_failed
)
@spec.validate(
    resp=Response(HTTP_200=TokenOut, HTTP_401=ErrorResponse, HTTP_403=ErrorResponse, HTTP_429=ErrorResponse),
    tags=["accounts"],
    security={"basic": []},
)
def create_token():
    creds = request.authorization
    if creds is None or creds.type != "basic":
        raise ServiceError(401, "Send your email and password with HTTP Basic authentication.")
    user = services.authenticate(creds.username or "", creds.password or "")
    if user is None:
        raise ServiceError(401, "That email and password do not match an account.")
    if user.email_confirmed_at is None:
        raise ServiceError(
            403,
            "Please confirm your email first: open the link we sent you, or ask for a new one.",
            code="email_unconfirmed",
        )
    token, expires = services.issue_token(user)
    return {"token": token, "expires_at": isoformat(expires)}


@bp.delete("/tokens")
@member_required
@spec.validate(resp=Response("HTTP_204", HTTP_401=ErrorResponse), tags=["accounts"], security=BEARER)
def delete_token():
    services.revoke_token(request.headers["Authorization"][7:].strip())
    return "", 204


@bp.get("/openapi.json")
def openapi_document():
    return api_document()
