from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from community.extensions import db
from community.models import HARD, ShownToVisitors, UTCDateTime, utcnow

ROLES = ("member", "moderator", "admin")
MODERATOR_ROLES = ("moderator", "admin")
DIGEST_CHOICES = ("weekly", "off")
# What a member can be told of (see `community.notifications`), and which of those a new member also gets
# by mail: all but the many small "reactions" ones.
NOTIFICATION_KINDS = ("reply", "reactions", "moderation", "mentorship", "followup")
MAILED_BY_DEFAULT = ("reply", "moderation", "mentorship", "followup")
NOTIFICATION_LABELS = {
    "reply": "Replies to stories I wrote or follow",
    "reactions": "Encouragement on my stories",
    "moderation": "What moderation decided about my posts",
    "mentorship": "Mentorship requests and answers",
    "followup": "Reminders from my toolkit",
}


class User(ShownToVisitors, UserMixin, db.Model):
    __tablename__ = "user"
    # The database deletes an account's stories with it.
    visitor_statements = frozenset({"delete"})
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so uniqueness ignores case.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(16), default="member")
    digest: Mapped[str] = mapped_column(String(8), default="weekly")
    industries: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Stories with content notes open at once for this member instead of behind their notice.
    show_content_notes: Mapped[bool] = mapped_column(default=False)
    email_notifications: Mapped[list[str]] = mapped_column(JSON, default=lambda: list(MAILED_BY_DEFAULT))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    welcomed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Null until the member opens the link mailed to them; a member counts as established
    # TRUST_MIN_AGE_DAYS after it.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # An address waiting to be confirmed before it replaces `email`.
    pending_email: Mapped[str | None] = mapped_column(String(254))

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user", cascade="all, delete-orphan")

    # The key of the signed-in session this object was loaded for (see UserSession).
    session_key: ClassVar[str | None] = None

    def get_id(self) -> str:
        """Flask-Login's alternative id: the member and the key of their signed-in session, so that a
        session ended on the server (sign-out, password change) is refused even with a copy of its cookie."""
        return f"{self.id}:{self.session_key}"

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(
            password, method=current_app.config["PASSWORD_HASH_METHOD"]
        )

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def visitor_change(self, session: Session, deleted: bool) -> str | None:
        return HARD if deleted else None

    @property
    def is_moderator(self) -> bool:
        return self.role in MODERATOR_ROLES


class ApiToken(db.Model):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # Only a SHA-256 of the token is kept: a leaked database does not leak live tokens.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="tokens")


class UserSession(db.Model):
    """A browser signed in as a member: one row per sign-in, deleted when that session ends."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    # Only a SHA-256 of the key the cookie carries, as for API tokens.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
