"""Who counts as an established member: confirmed their email at least TRUST_MIN_AGE_DAYS ago.

Established members' stories count towards showing a company, and their reports hold a post. New
accounts cost nothing to make, so they may only ask for a look.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, select

from community.accounts.models import User
from community.extensions import db
from community.models import utcnow


def established_before() -> datetime:
    return utcnow() - timedelta(days=current_app.config["TRUST_MIN_AGE_DAYS"])


def established_clause() -> ColumnElement[bool]:
    """True for rows of `User` that are established, for use in a query joined to the user table."""
    return User.email_confirmed_at <= established_before()


def is_established(user_id: int) -> bool:
    return db.session.scalar(select(User.id).where(User.id == user_id, established_clause())) is not None
