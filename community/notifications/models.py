from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from community.accounts.models import NOTIFICATION_KINDS as KINDS
from community.extensions import db
from community.models import UTCDateTime, utcnow

__all__ = ["KINDS", "Notification", "NotificationMail"]


class Notification(db.Model):
    __tablename__ = "notification"
    # The badge counts a member's unread ones on every page: one index answers it.
    __table_args__ = (
        Index("ix_notification_unread", "user_id", "read_at"),
        Index("ix_notification_subject", "user_id", "subject_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(300))
    # Events of one subject (e.g. reactions to one story on one day) gather in one notification.
    subject_key: Mapped[str | None] = mapped_column(String(120))
    count: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The mail that carried it, once one did; `own_mail` when the event has a mail of its own (a mentor's
    # answer with their contact details), so the hourly mail of its kind leaves it out.
    mail_id: Mapped[int | None] = mapped_column(
        ForeignKey("notification_mail.id", ondelete="SET NULL"), index=True
    )
    own_mail: Mapped[bool] = mapped_column(default=False)


class NotificationMail(db.Model):
    """One mail of one kind to one member, claimed (and committed) before it is sent: at most one an hour per
    member and kind, and never twice. `handed_over_at` is set, and committed, just before the mail's last line
    goes to the server; a claim found old later is sent again only if it never got that far."""

    __tablename__ = "notification_mail"
    __table_args__ = (Index("ix_notification_mail_member_kind", "user_id", "kind", "claimed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(8), default="claimed")  # claimed, sent or failed
    attempts: Mapped[int] = mapped_column(default=1)
    error: Mapped[str | None] = mapped_column(Text)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    handed_over_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
