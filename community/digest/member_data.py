"""A member's digest deliveries, for the export and for erasing an account."""

from __future__ import annotations

from sqlalchemy import delete, select

from community.accounts import lifecycle
from community.digest.models import DigestDelivery
from community.extensions import db
from community.models import isoformat


def export(user_id: int) -> list[dict]:
    rows = db.session.scalars(
        select(DigestDelivery).where(DigestDelivery.user_id == user_id).order_by(DigestDelivery.week)
    )
    return [{"week": r.week, "status": r.status, "sent_at": isoformat(r.sent_at)} for r in rows]


def erase(user_id: int) -> None:
    db.session.execute(delete(DigestDelivery).where(DigestDelivery.user_id == user_id))


lifecycle.register_export("digest_deliveries", export)
lifecycle.register_erase(erase)
