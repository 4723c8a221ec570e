from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db
from community.models import UTCDateTime, utcnow

REQUEST_STATUSES = ("pending", "accepted", "declined", "closed", "expired")
OPEN_STATUSES = ("pending", "accepted")


class MentorProfile(db.Model):
    __tablename__ = "mentor_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    headline: Mapped[str] = mapped_column(String(120))
    bio: Mapped[str] = mapped_column(Text, default="")
    bio_html: Mapped[str] = mapped_column(Text, default="")
    expertise: Mapped[list[str]] = mapped_column(JSON, default=list)
    industries: Mapped[list[str]] = mapped_column(JSON, default=list)
    capacity: Mapped[int] = mapped_column(default=1)
    # Accepted, not yet closed requests; changed only by a conditional UPDATE so capacity holds.
    active_count: Mapped[int] = mapped_column(default=0)
    accepting: Mapped[bool] = mapped_column(default=True)
    # False once the member stops volunteering; the row keeps past requests meaningful.
    active: Mapped[bool] = mapped_column(default=True)
    volunteered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class MentorshipRequest(db.Model):
    __tablename__ = "mentorship_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("mentor_profile.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
