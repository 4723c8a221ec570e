"""A member's whole record as one document, and erasing an account for good."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete

from community.accounts import lifecycle
from community.accounts.models import ApiToken, User, UserSession
from community.errors import invalid
from community.extensions import db
from community.models import isoformat


def export_account(user: User) -> dict[str, Any]:
    return {
        "account": {
            "id": user.id,
            "email": user.email,
            "pending_email": user.pending_email,
            "display_name": user.display_name,
            "role": user.role,
            "digest": user.digest,
            "industries": user.industries or [],
            "created_at": isoformat(user.created_at),
            "email_confirmed_at": isoformat(user.email_confirmed_at),
        },
        **lifecycle.export_sections(user.id),
    }


def delete_account(user: User, password: str, stories: str) -> None:
    """Erases the account; its posts are deleted, or (`keep`) stay published with no author."""
    fields: dict[str, str] = {}
    if stories not in ("delete", "keep"):
        fields["stories"] = "Choose delete or keep."
    if not user.check_password(password or ""):
        fields["password"] = "That is not your password."
    if fields:
        raise invalid(**fields)
    user_id = user.id
    lifecycle.erase_everywhere(user_id, keep_posts=stories == "keep")
    db.session.execute(delete(ApiToken).where(ApiToken.user_id == user_id))
    db.session.execute(delete(UserSession).where(UserSession.user_id == user_id))
    db.session.execute(delete(User).where(User.id == user_id))
    db.session.commit()
