"""A member's group memberships, for the export and for erasing an account."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from community.accounts import lifecycle
from community.extensions import db
from community.groups.models import GroupMembership, SupportGroup


def export(user_id: int) -> list[dict]:
    rows = db.session.execute(
        select(SupportGroup.id, SupportGroup.name, SupportGroup.visibility)
        .join(GroupMembership, GroupMembership.group_id == SupportGroup.id)
        .where(GroupMembership.user_id == user_id)
        .order_by(SupportGroup.name)
    )
    return [{"group_id": r.id, "name": r.name, "visibility": r.visibility} for r in rows]


def erase(user_id: int) -> None:
    db.session.execute(delete(GroupMembership).where(GroupMembership.user_id == user_id))
    # The groups they created stay, without the name of who made them.
    db.session.execute(
        update(SupportGroup).where(SupportGroup.created_by_id == user_id).values(created_by_id=None)
    )


lifecycle.register_export("memberships", export)
lifecycle.register_erase(erase)
