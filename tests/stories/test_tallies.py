"""The kept counts (published stories per group, stage and industry; lessons per group and category) stay
equal to a recount through every kind of change, whatever code makes it: the feeds' totals, the lessons
library's total and its category counts are read from them."""

from __future__ import annotations

import random

from sqlalchemy import delete, select, text, update

from community.extensions import db
from community.stories import tallies
from community.stories.models import CATEGORIES, STAGES, Lesson, LessonTally, Story, StoryTally
from tests.factories import make_story

STATUSES = ("pending", "published", "published", "held", "removed")
INDUSTRIES = ("Software", "software", "Retail", "Health care")


def kept() -> tuple[dict, dict]:
    stories = {
        (t.group_id, t.stage, t.industry_key): t.n for t in db.session.scalars(select(StoryTally)) if t.n
    }
    lessons = {(t.group_id, t.category): t.n for t in db.session.scalars(select(LessonTally)) if t.n}
    return stories, lessons


def recounted() -> tuple[dict, dict]:
    stories = db.session.execute(
        text(
            "SELECT coalesce(group_id, 0), stage, lower(industry), count(*) FROM story "
            "WHERE status = 'published' GROUP BY coalesce(group_id, 0), stage, lower(industry)"
        )
    ).all()
    lessons = db.session.execute(
        text(
            "SELECT coalesce(s.group_id, 0), l.category, count(*) FROM lesson AS l "
            "JOIN story AS s ON s.id = l.story_id WHERE s.status = 'published' "
            "GROUP BY coalesce(s.group_id, 0), l.category"
        )
    ).all()
    return {(g, s, i): n for g, s, i, n in stories}, {(g, c): n for g, c, n in lessons}


def test_the_kept_counts_equal_a_recount_through_every_kind_of_change(app, make_member, make_group):
    rng = random.Random(20)
    author = make_member()
    groups = [None, make_group("Open", "public").id, make_group("Closed", "private").id]
    ids: list[int] = []
    for step in range(300):
        roll = rng.random()
        if roll < 0.3 or not ids:
            story = Story(
                author_id=author.id,
                group_id=rng.choice(groups),
                title=f"Story {step}",
                body="Body",
                stage=rng.choice(STAGES),
                industry=rng.choice(INDUSTRIES),
                pseudonym="Steady Heron",
                status=rng.choice(STATUSES),
            )
            story.lessons = [
                Lesson(position=p, category=rng.choice(CATEGORIES), text="A lesson") for p in range(3)
            ]
            db.session.add(story)
            db.session.flush()
            ids.append(story.id)
        elif roll < 0.55:
            # A decision, an edit of what is counted, a move: the columns the counts depend on.
            column = rng.choice(["status", "stage", "industry", "group_id"])
            value = {
                "status": rng.choice(STATUSES),
                "stage": rng.choice(STAGES),
                "industry": rng.choice(INDUSTRIES),
                "group_id": rng.choice(groups),
            }[column]
            target = rng.choice(ids)
            db.session.execute(update(Story).where(Story.id == target).values({column: value}))
            # (The triggers that keep the counts leave the change itself as it was made.)
            assert db.session.scalar(select(getattr(Story, column)).where(Story.id == target)) == value
        elif roll < 0.7:
            lesson = db.session.scalar(select(Lesson).where(Lesson.story_id == rng.choice(ids)).limit(1))
            if lesson is not None:
                if rng.random() < 0.5:
                    lesson.category = rng.choice(CATEGORIES)
                else:
                    lesson.story_id = rng.choice(ids)
        elif roll < 0.8:
            db.session.add(
                Lesson(story_id=rng.choice(ids), position=9, category=rng.choice(CATEGORIES), text="x")
            )
        elif roll < 0.9:
            db.session.execute(
                delete(Lesson).where(
                    Lesson.id.in_(
                        select(Lesson.id).where(Lesson.story_id == rng.choice(ids)).limit(1).scalar_subquery()
                    )
                )
            )
        else:
            gone = ids.pop(rng.randrange(len(ids)))
            db.session.execute(delete(Lesson).where(Lesson.story_id == gone))
            db.session.execute(delete(Story).where(Story.id == gone))
        if rng.random() < 0.3:
            db.session.commit()
        assert kept() == recounted(), f"after step {step}"
    db.session.commit()
    assert kept() == recounted()
    assert sum(kept()[0].values()) > 0 and sum(kept()[1].values()) > 0


def test_a_rebuild_recounts_what_a_bulk_load_left_out(app, make_member):
    author = make_member()
    make_story(author, "T", body="B", industry="Retail", pseudonym="P", lessons=[("answers", "L")])
    db.session.execute(delete(StoryTally))
    db.session.execute(delete(LessonTally))
    assert kept() == ({}, {})
    tallies.rebuild(db.session.connection())
    assert kept() == ({(0, "onsite", "retail"): 1}, {(0, "answers"): 1})


def test_totals_from_the_tallies_follow_the_group_rule_and_the_filters(
    client, make_member, make_group, publish
):
    insider, outsider = make_member(), make_member()
    closed = make_group("Closed circle", "private", members=[insider]).id
    inside = publish(insider, group_id=closed, industry="Retail", stage="onsite")
    publish(outsider, industry="retail", stage="onsite")
    publish(outsider, industry="Software", stage="technical")

    def total(who, query=""):
        headers = who.headers if who else {}
        return client.get(f"/api/v1/stories?per_page=1{query}", headers=headers).get_json()["total"]

    assert (total(None), total(outsider), total(insider)) == (2, 2, 3)
    assert (total(None, "&industry=RETAIL"), total(insider, "&industry=retail&stage=onsite")) == (1, 2)
    assert total(insider, f"&group_id={closed}") == 1
    seen = client.get("/api/v1/stories", headers=insider.headers).get_json()["items"]
    lessons = client.get("/api/v1/lessons?per_page=1", headers=insider.headers).get_json()
    assert lessons["total"] == sum(len(story["lessons"]) for story in seen) > 0
    assert client.get("/api/v1/lessons?per_page=1").get_json()["total"] < lessons["total"]

    # Totals are kept while nothing visitors see changes; joining a private group is no such change, and
    # still the member who joins counts its stories at once.
    before = client.get("/api/v1/lessons?per_page=1", headers=outsider.headers).get_json()["total"]
    assert client.post(f"/api/v1/groups/{closed}/members", headers=outsider.headers).status_code == 200
    assert total(outsider) == 3 and total(outsider, "&stage=onsite") == 2
    after = client.get("/api/v1/lessons?per_page=1", headers=outsider.headers).get_json()["total"]
    assert after == lessons["total"] > before
    # And a story taken down leaves every kept total at once.
    assert client.delete(f"/api/v1/stories/{inside}", headers=insider.headers).status_code == 204
    assert total(insider) == 2 and total(outsider) == 2
