"""A digest composed from the kept public week (its best stories and lessons only) is the digest composed
from every row of the week, for every member, whatever their groups; and a kept week is loaded afresh as
soon as anything visitors see changes."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

from sqlalchemy import and_, or_, select, update

from community.digest import compose, loading
from community.extensions import db
from community.feed.rule import visible_to
from community.groups.models import SupportGroup
from community.stories.models import CATEGORIES, Story
from tests.factories import IN_WEEK, WEEK


def from_every_row(member: compose.MemberRow) -> dict:
    """The digest as composed from every story of the week the member may see (no rows left out)."""
    seen = and_(
        loading._in_week(WEEK),
        or_(visible_to(None), Story.group_id.in_(member.group_ids or [-1])),
    )
    stories = loading._story_rows(seen)
    counts = Counter(s.group_id for s in stories if s.group_id in member.group_ids)
    groups = {g.id: compose.GroupRow(g.id, g.name, g.slug) for g in db.session.scalars(select(SupportGroup))}
    rows = compose.WeekRows(
        week=WEEK,
        stories=stories,
        lessons=loading._lesson_rows(seen),
        mentors=loading._mentors(WEEK),
        groups=groups,
        group_counts=dict(counts),
    )
    return compose.compose(member, rows, "http://localhost")


def test_the_kept_public_week_gives_every_member_the_digest_of_every_row(
    app, bulk_members, make_group, make_story
):
    rng = random.Random(4)
    people = bulk_members(12, industries=["Software"])
    groups = [
        make_group(f"Group {n}", "private" if n % 2 else "public", members=people[n::4]) for n in range(4)
    ]
    for n in range(60):
        story = make_story(
            rng.choice(people),
            group=rng.choice([None, None, *groups]),
            at=IN_WEEK + timedelta(minutes=n),
            helpful=rng.randint(0, 6),
            me_too=rng.randint(0, 6),
            strength=rng.randint(0, 3),
            lessons=[(rng.choice(CATEGORIES), f"Lesson {n}.{i}") for i in range(rng.randint(1, 3))],
        )
        if rng.random() < 0.15:
            story.content_notes = ["health"]
            db.session.commit()
    loading.forget_kept_weeks()
    members, rows = loading.load_week(WEEK, [p.id for p in people])
    kept = loading.public_week(WEEK)
    # Far fewer rows kept than the week holds, and still the same digests.
    assert len(kept.stories) < 40
    for member in members:
        digest = compose.compose(member, rows, "http://localhost")
        assert digest == from_every_row(member)
        assert len(digest["stories"]) == compose.STORIES_MAX and digest["lessons"]


def test_a_kept_week_is_loaded_afresh_when_visitors_see_a_change(client, member, make_story, bulk_members):
    reader = bulk_members(1)[0]
    shown = make_story(member, "Shown at first", helpful=5)
    assert [s["id"] for s in loading.digest_for(reader.id, WEEK)["stories"]] == [shown.id]
    # A takedown through the ORM, as moderation makes it: visitors' versions move, the kept week goes.
    story = db.session.get(Story, shown.id)
    story.status = "removed"
    db.session.commit()
    assert loading.digest_for(reader.id, WEEK)["stories"] == []
    # A bulk statement that says nothing of what it changes counts as a change too.
    db.session.execute(update(Story).where(Story.id == shown.id).values(status="published"))
    db.session.commit()
    assert [s["id"] for s in loading.digest_for(reader.id, WEEK)["stories"]] == [shown.id]
