from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import pytest
from sqlalchemy import select

from community.digest.models import DigestDelivery
from community.extensions import db
from community.groups.models import SupportGroup
from community.mentorship.models import MentorProfile
from community.stories.models import Lesson, Story

# A past week, so what the tests publish "in" it is settled: Monday 2026-09-28 to Sunday 2026-10-04 (UTC).
WEEK = "2026-W40"
IN_WEEK = datetime(2026, 9, 30, 12, 0, tzinfo=UTC)
WEEK_BEFORE = datetime(2026, 9, 27, 23, 59, tzinfo=UTC)
WEEK_AFTER = datetime(2026, 10, 5, 0, 0, tzinfo=UTC)


@pytest.fixture
def make_story(app):
    """A story as moderation leaves it once published (the digest reads only published rows)."""
    counter = iter(range(1, 10_000))

    def make(
        author,
        title: str | None = None,
        *,
        group: SupportGroup | None = None,
        at: datetime = IN_WEEK,
        status: str = "published",
        helpful: int = 0,
        me_too: int = 0,
        strength: int = 0,
        lessons=(("preparation", "Research the team before the call."),),
        industry: str = "Software",
    ) -> Story:
        n = next(counter)
        story = Story(
            author_id=author.id,
            group_id=group.id if group else None,
            title=title or f"Story number {n}",
            body="What happened, and what I learned.",
            body_html="<p>What happened, and what I learned.</p>",
            stage="onsite",
            industry=industry,
            pseudonym=f"Steady Heron {n}",
            status=status,
            created_at=at - timedelta(hours=1),
            published_at=at if status == "published" else None,
            helpful_count=helpful,
            me_too_count=me_too,
            strength_count=strength,
            lessons=[Lesson(position=i, category=c, text=t) for i, (c, t) in enumerate(lessons)],
        )
        db.session.add(story)
        db.session.commit()
        return story

    return make


@pytest.fixture
def make_mentor(app):
    def make(
        who, industries, *, at: datetime = IN_WEEK, active: bool = True, headline: str = "Ten years hiring"
    ) -> MentorProfile:
        profile = MentorProfile(
            id=who.id,
            user_id=who.id,
            headline=headline,
            bio="",
            bio_html="",
            expertise=["preparation"],
            industries=list(industries),
            capacity=2,
            active=active,
            volunteered_at=at,
        )
        db.session.add(profile)
        db.session.commit()
        return profile

    return make


def deliveries(week: str = WEEK) -> dict[int, str]:
    db.session.expire_all()
    rows = db.session.execute(
        select(DigestDelivery.user_id, DigestDelivery.status).where(DigestDelivery.week == week)
    )
    return dict(rows.all())


class Reader(NamedTuple):
    id: int
    email: str


@pytest.fixture
def bulk_members(app):
    """Many members at once, without hashing a password for each (they never sign in)."""
    from community.accounts.models import User

    def make(count: int, **values) -> list[Reader]:
        start = (db.session.scalar(select(db.func.max(User.id))) or 0) + 1
        users = [
            User(
                email=f"reader{start + n}@example.org",
                password_hash="!",
                display_name=f"Reader {start + n}",
                **values,
            )
            for n in range(count)
        ]
        db.session.add_all(users)
        db.session.commit()
        return [Reader(u.id, u.email) for u in users]

    return make
