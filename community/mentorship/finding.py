"""Finding a mentor: the active mentors, filtered by industry and expertise, those who know what the member
wrote about first, and as anyone may see them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select

from community.accounts.models import User
from community.errors import invalid
from community.extensions import db
from community.industries import industry_key
from community.mentorship.models import MentorProfile
from community.stories.models import CATEGORIES, Lesson, Story


def open_slots(profile: MentorProfile) -> int:
    if not profile.active or not profile.accepting:
        return 0
    return max(0, profile.capacity - profile.active_count)


def story_categories(user_id: int | None) -> set[str]:
    """The lesson categories of the member's own stories: what they wrote about."""
    if user_id is None:
        return set()
    return set(
        db.session.scalars(
            select(Lesson.category)
            .join(Story, Story.id == Lesson.story_id)
            .where(Story.author_id == user_id, Story.status != "removed")
            .distinct()
        )
    )


def _same_industry(wanted: str, industries: Iterable[str]) -> bool:
    return industry_key(wanted) in {industry_key(str(i)) for i in industries}


def _ranked_mentor_ids(
    viewer_id: int | None, industry: str | None, expertise: str | None
) -> list[tuple[int, int]]:
    """(profile id, categories in common with the viewer's stories), best first.

    Matching on JSON lists is done here rather than in SQL so it behaves the same on SQLite and PostgreSQL;
    it reads a few small columns of the active profiles only.
    """
    if expertise and expertise not in CATEGORIES:
        raise invalid(expertise=f"Choose one of: {', '.join(CATEGORIES)}.")
    rows = db.session.execute(
        select(
            MentorProfile.id,
            MentorProfile.user_id,
            MentorProfile.expertise,
            MentorProfile.industries,
            MentorProfile.capacity,
            MentorProfile.active_count,
            MentorProfile.accepting,
            MentorProfile.volunteered_at,
        ).where(MentorProfile.active.is_(True))
    ).all()
    wanted = story_categories(viewer_id)
    ranked = []
    for row in rows:
        if industry and industry.strip() and not _same_industry(industry, row.industries or []):
            continue
        if expertise and expertise not in (row.expertise or []):
            continue
        common = 0 if row.user_id == viewer_id else len(wanted & set(row.expertise or []))
        available = row.accepting and row.active_count < row.capacity
        ranked.append((common, available, row.volunteered_at, row.id))
    ranked.sort(key=lambda r: (r[0], r[1], r[2], r[3]), reverse=True)
    return [(profile_id, common) for common, _, _, profile_id in ranked]


def mentor_rows(profile_ids: Sequence[int]) -> list[dict]:
    """Mentors as anyone may see them, in the given order: named by display name, never by email."""
    if not profile_ids:
        return []
    rows = db.session.execute(
        select(MentorProfile, User.display_name)
        .join(User, User.id == MentorProfile.user_id)
        .where(MentorProfile.id.in_(profile_ids))
    ).all()
    by_id = {profile.id: (profile, name) for profile, name in rows}
    return [
        {
            "id": profile.id,
            "display_name": name,
            "headline": profile.headline,
            "bio_html": profile.bio_html,
            "expertise": list(profile.expertise or []),
            "industries": list(profile.industries or []),
            "open_slots": open_slots(profile),
        }
        for profile, name in (by_id[i] for i in profile_ids if i in by_id)
    ]


def list_mentors(
    viewer_id: int | None,
    industry: str | None = None,
    expertise: str | None = None,
    page: int = 1,
    per_page: int = 20,
) -> dict:
    """Active mentors, filtered; for a member, those who know what the member wrote about come first."""
    ranked = _ranked_mentor_ids(viewer_id, industry, expertise)
    total = len(ranked)
    start = (page - 1) * per_page
    ids = [profile_id for profile_id, _ in ranked[start : start + per_page]]
    return {"items": mentor_rows(ids), "page": page, "pages": max(1, -(-total // per_page)), "total": total}


def suggested_mentors(viewer_id: int | None, limit: int = 3) -> list[dict]:
    """Mentors with an open place whose expertise covers what the member's own stories are about."""
    if viewer_id is None:
        return []
    ids = [profile_id for profile_id, common in _ranked_mentor_ids(viewer_id, None, None) if common]
    return [row for row in mentor_rows(ids) if row["open_slots"] > 0][:limit]
