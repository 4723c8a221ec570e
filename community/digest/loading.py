"""The rows a batch of digests is composed from, in a few queries whatever the week holds.

What anyone may see of a week (its public stories, their lessons, the counts per group, the new mentors) is
the same for every member. It is loaded once and kept in the process as only what a digest can ever show of
it (`PublicWeek`): the best `compose.STORIES_MAX` stories and the best lessons of each category. A member's
digest then adds the few stories of their private groups. A digest picks the first stories and lessons a
member may see in rank order, and a member sees every public story, so a public story or lesson below those
kept can never be picked: the digests are the same as from every row, but a week of 6,000 stories costs what
a week of 60 does.

A kept week is used while the visitors' feed versions (community/feed/cache.py) are those it was
loaded under: any change to what visitors may see (a story published, held, removed, edited, a reaction, a
group made private) loads it afresh. Without Redis it is loaded every time.

`digest_for` composes one member's digest from them, for the digest page and the API.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import and_, not_, select

from community import kept
from community.accounts.industries import members_industries
from community.accounts.models import User
from community.digest import compose
from community.extensions import db
from community.feed import cache as feed_cache
from community.feed.rule import visible_to
from community.groups.models import SupportGroup
from community.groups.services import groups_of
from community.mentorship.models import MentorProfile
from community.statuses import PUBLISHED
from community.stories.models import Lesson, Story

# Weeks kept per process (a digest send and the digest pages ask for the last week or two).
WEEKS_KEPT = 4


@dataclass(frozen=True)
class PublicWeek:
    stories: list[compose.StoryRow]
    lessons: list[compose.LessonRow]
    group_counts: dict[int, int]
    mentors: list[compose.MentorRow]


_kept: dict[tuple[str, bytes], PublicWeek] = {}


def _story_rows(where) -> list[compose.StoryRow]:
    rows = db.session.execute(
        select(
            Story.id,
            Story.title,
            Story.pseudonym,
            Story.stage,
            Story.industry,
            Story.group_id,
            visible_to(None).label("public"),
            Story.published_at,
            Story.me_too_count,
            Story.helpful_count,
            Story.strength_count,
            Story.content_notes,
        ).where(where)
    ).all()
    return [compose.StoryRow(*row[:-1], tuple(row[-1] or ())) for row in rows]


def _lesson_rows(where) -> list[compose.LessonRow]:
    return [
        compose.LessonRow(*row)
        for row in db.session.execute(
            select(Lesson.story_id, Lesson.position, Lesson.category, Lesson.text)
            .join(Story, Story.id == Lesson.story_id)
            .where(where)
        )
    ]


def _in_week(week: str):
    start, end = compose.week_bounds(week)
    return and_(Story.status == PUBLISHED, Story.published_at >= start, Story.published_at < end)


def _mentors(week: str) -> list[compose.MentorRow]:
    start, end = compose.week_bounds(week)
    return [
        compose.MentorRow(
            id=row.id,
            user_id=row.user_id,
            display_name=row.display_name,
            headline=row.headline,
            industries=tuple(row.industries or ()),
            volunteered_at=row.volunteered_at,
        )
        for row in db.session.execute(
            select(
                MentorProfile.id,
                MentorProfile.user_id,
                User.display_name,
                MentorProfile.headline,
                MentorProfile.industries,
                MentorProfile.volunteered_at,
            )
            .join(User, User.id == MentorProfile.user_id)
            .where(
                MentorProfile.active.is_(True),
                MentorProfile.volunteered_at >= start,
                MentorProfile.volunteered_at < end,
            )
        )
    ]


def _load_public_week(week: str) -> PublicWeek:
    public = and_(_in_week(week), visible_to(None))
    stories = _story_rows(public)
    ranked = compose.WeekRows(
        week=week, stories=stories, lessons=_lesson_rows(public), mentors=[], groups={}, group_counts={}
    )
    kept_lessons: list[compose.LessonRow] = []
    per_category: Counter[str] = Counter()
    for story, lesson in ranked.ranked_lessons:
        # Only lessons a digest may show count (`compose._lessons` leaves out a story with content notes).
        if not story.content_notes and per_category[lesson.category] < compose.LESSONS_PER_CATEGORY:
            per_category[lesson.category] += 1
            kept_lessons.append(lesson)
    with_lessons = {lesson.story_id for lesson in kept_lessons}
    top = {story.id for story in ranked.ranked_stories[: compose.STORIES_MAX]}
    return PublicWeek(
        stories=[story for story in stories if story.id in top or story.id in with_lessons],
        lessons=kept_lessons,
        group_counts=dict(Counter(story.group_id for story in stories if story.group_id is not None)),
        mentors=_mentors(week),
    )


def public_week(week: str) -> PublicWeek:
    """What anyone may see of the week, as far as a digest can show it; kept while nothing visitors see
    changes."""
    version = feed_cache.current_version()
    if version is None:
        return _load_public_week(week)
    key = (week, version)
    found = _kept.get(key)
    if found is None:
        if len(_kept) >= WEEKS_KEPT:
            _kept.clear()
        found = _kept[key] = _load_public_week(week)
    return found


@kept.forgets
def forget_kept_weeks() -> None:
    _kept.clear()


def _members(ids: list[int]) -> list[compose.MemberRow]:
    users = db.session.execute(
        select(User.id, User.email, User.display_name, User.digest).where(User.id.in_(ids)).order_by(User.id)
    ).all()
    memberships = groups_of(ids)
    industries = members_industries(ids)
    return [
        compose.MemberRow(
            id=u.id,
            email=u.email,
            display_name=u.display_name,
            digest=u.digest,
            industries=tuple(industries[u.id]),
            group_ids=tuple(memberships.get(u.id, [])),
        )
        for u in users
    ]


def load_week(week: str, user_ids: Iterable[int]) -> tuple[list[compose.MemberRow], compose.WeekRows]:
    """The members and every row their digests for `week` are composed from: the public week (kept), and
    the stories of the batch's own groups that only their members see."""
    members = _members(sorted(set(user_ids)))
    public = public_week(week)
    batch_groups = {g for member in members for g in member.group_ids}
    private_stories: list[compose.StoryRow] = []
    private_lessons: list[compose.LessonRow] = []
    if batch_groups:
        theirs = and_(_in_week(week), Story.group_id.in_(batch_groups), not_(visible_to(None)))
        private_stories = _story_rows(theirs)
        private_lessons = _lesson_rows(theirs) if private_stories else []
    stories = public.stories + private_stories
    group_ids = batch_groups | {s.group_id for s in stories if s.group_id is not None}
    groups = {
        row.id: compose.GroupRow(row.id, row.name, row.slug)
        for row in db.session.execute(
            select(SupportGroup.id, SupportGroup.name, SupportGroup.slug).where(
                SupportGroup.id.in_(group_ids)
            )
        )
    }
    private_counts = Counter(story.group_id for story in private_stories)
    group_counts = {
        g: public.group_counts.get(g, 0) + private_counts.get(g, 0)
        for g in batch_groups
        if public.group_counts.get(g, 0) + private_counts.get(g, 0)
    }
    rows = compose.WeekRows(
        week=week,
        stories=stories,
        lessons=public.lessons + private_lessons,
        mentors=public.mentors,
        groups=groups,
        group_counts=group_counts,
    )
    return members, rows


def digest_for(user_id: int, week: str | None = None) -> dict:
    """One member's digest (the page and the API); `week` as given by the client, default last week."""
    week = compose.resolve_week(week)
    members, rows = load_week(week, [user_id])
    if not members:
        return {"week": week, "stories": [], "lessons": [], "mentors": [], "groups": []}
    return compose.compose(members[0], rows, current_app.config["BASE_URL"])
