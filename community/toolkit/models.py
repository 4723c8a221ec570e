"""The toolkit's rows. Every text a member writes here is stored encrypted (see crypto.py); what stays plain
is what holds no words of theirs: ratings' absence, dates, stage and outcome choices, numbers and flags."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db
from community.models import UTCDateTime, utcnow
from community.toolkit.crypto import EncryptedJSON, EncryptedText

OUTCOMES = ("waiting", "rejected", "offer", "withdrew")
GOALS = ("applications", "networking", "skills_hours", "rest_days")


class Debrief(db.Model):
    """One interview looked back on: the self-audit, what went well, feedback, and the feedback request."""

    __tablename__ = "debrief"
    # The scheduler's question: which follow-ups have fallen due and are not sent yet.
    __table_args__ = (Index("ix_debrief_follow_up", "follow_up_due_at", "followup_sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    company: Mapped[str] = mapped_column(EncryptedText)
    role: Mapped[str | None] = mapped_column(EncryptedText)
    industry: Mapped[str | None] = mapped_column(EncryptedText)
    stage: Mapped[str] = mapped_column(String(20))
    interviewed_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(10))
    # {category: {"rating": 1-5 or None, "notes": str}}; ratings stay inside so nothing about the member's
    # self-judgement is readable in the table.
    audit: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON)
    went_well: Mapped[list[str]] = mapped_column(EncryptedJSON)
    feedback: Mapped[str | None] = mapped_column(EncryptedText)
    # Set when feedback text is saved: the scheduler must not decrypt to know whether to remind.
    feedback_recorded: Mapped[bool] = mapped_column(default=False)
    request_sent_on: Mapped[date | None] = mapped_column(Date)
    follow_up_days: Mapped[int | None] = mapped_column()
    follow_up_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The claim: set in the transaction that writes the follow-up notification, so it happens once.
    followup_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Plan(db.Model):
    """A member's weekly goals (numbers only)."""

    __tablename__ = "rebound_plan"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    weekly_goals: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class PlanAction(db.Model):
    """A concrete step in the plan, suggested from the library or the member's own; it can be checked off."""

    __tablename__ = "plan_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(EncryptedText)
    category: Mapped[str | None] = mapped_column(String(20))
    done: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CheckIn(db.Model):
    """What a member did in one ISO week; one per week (a second replaces the first)."""

    __tablename__ = "check_in"
    __table_args__ = (UniqueConstraint("user_id", "week", name="uq_check_in_user_week"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    week: Mapped[str] = mapped_column(String(8))
    applications: Mapped[int] = mapped_column(default=0)
    networking: Mapped[int] = mapped_column(default=0)
    skills_hours: Mapped[float] = mapped_column(default=0)
    rest_days: Mapped[int] = mapped_column(default=0)
    note: Mapped[str | None] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
