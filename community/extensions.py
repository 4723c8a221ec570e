"""Flask extensions, created unbound here and bound in create_app."""

from __future__ import annotations

import select

import psycopg
from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import Pool

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()


def rate_limit_key() -> str:
    """Per member when someone is signed in (API token or session), else per address."""
    from flask_login import current_user

    if current_user and current_user.is_authenticated:
        return f"user:{current_user.id}"
    return get_remote_address()


def _login_email() -> str:
    """The email a sign-in names: HTTP Basic's user name for the API, the form's field for the page."""
    if request.authorization and request.authorization.type == "basic":
        return (request.authorization.username or "").strip().lower()
    return request.form.get("email", "").strip().lower()


def login_limit_key() -> str:
    """Login attempts count per address and per email together."""
    return f"{get_remote_address()}|{_login_email()}"


def email_limit_key() -> str:
    """Mails asked for one address count together, from wherever they are asked."""
    body = request.get_json(silent=True) if request.is_json else None
    email = body.get("email") if isinstance(body, dict) else request.form.get("email")
    return f"mail-to|{str(email or '').strip().lower()}"


def failed_login_address_key() -> str:
    return f"failed-login-address|{get_remote_address()}"


def failed_login_account_key() -> str:
    return f"failed-login-account|{_login_email()}"


def login_failed(response) -> bool:
    """Only refused sign-ins count against the failed-login limits."""
    return response.status_code in (401, 422)


limiter = Limiter(key_func=get_remote_address, default_limits=[])


@event.listens_for(Pool, "checkout")
def _refuse_dropped_connection(dbapi_connection, connection_record, connection_proxy) -> None:
    """Replace a pooled PostgreSQL connection the server has dropped (a restart, pg_terminate_backend) before
    a request uses it, without pool_pre_ping's round trip to the server on every checkout.

    An idle connection hears from the server only when it goes away (it sends the reason, then closes): the
    socket is readable. Then the pool discards it and connects again; a rare notice costs a reconnection.
    """
    if not isinstance(dbapi_connection, psycopg.Connection):
        return  # SQLite has no server to lose
    try:
        readable = _readable(dbapi_connection.fileno())
    except (OSError, psycopg.Error) as exc:  # psycopg raises once it knows the connection is lost
        raise DisconnectionError(str(exc)) from exc
    if readable:
        raise DisconnectionError("the server closed the connection")


def _readable(fd: int) -> bool:
    if hasattr(select, "poll"):  # select.select refuses descriptors past 1023
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        return bool(poller.poll(0))
    return bool(select.select([fd], [], [], 0)[0])
