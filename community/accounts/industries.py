"""A member's industries, as the settings page shows them and the digest's mentors go by."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from community.accounts.models import User
from community.extensions import db
from community.industries import clean_industries
from community.stories.models import Story


def members_industries(user_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each member's industries: those they chose, then those of the stories they wrote (the digest's
    mentors and the settings page go by these). Two queries, however many members."""
    ids = sorted(set(user_ids))
    chosen = {
        user_id: industries
        for user_id, industries in db.session.execute(
            select(User.id, User.industries).where(User.id.in_(ids))
        )
    }
    written: dict[int, list[str]] = {}
    for author_id, industry in db.session.execute(
        select(Story.author_id, Story.industry).where(Story.author_id.in_(ids)).distinct()
    ):
        written.setdefault(author_id, []).append(industry)
    return {
        user_id: clean_industries([*(chosen.get(user_id) or []), *written.get(user_id, [])])
        for user_id in ids
    }
