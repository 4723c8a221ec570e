"""A member's weekly digest, composed from rows already loaded for a whole batch of members.

Pure: no database, no Flask (the weeks' helpers read only the clock). `loading.load_week` loads a batch's rows in a few queries, and every
member's digest is then built here, so the cost of a batch does not grow with the queries per member.
Authors never appear: stories carry their per-story pseudonym, mentors their display name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from community.errors import invalid
from community.models import utcnow

STORIES_MAX = 8
LESSONS_MAX = 10
LESSONS_PER_CATEGORY = 2
MENTORS_MAX = 5

WEEK_PATTERN = re.compile(r"(\d{4})-W(\d{2})")
WEEK_HINT = "Use an ISO week such as 2026-W47 (year, then W and the week number 01-53)."


# --- weeks --------------------------------------------------------------------------------------------


def parse_week(value: str) -> str:
    """The canonical "YYYY-Www" for a valid ISO week; ValueError naming the problem otherwise."""
    match = WEEK_PATTERN.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(WEEK_HINT)
    year, week = int(match[1]), int(match[2])
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(f"{year} has no week {week:02d}. {WEEK_HINT}") from None
    return f"{year:04d}-W{week:02d}"


def week_bounds(week: str) -> tuple[datetime, datetime]:
    """Monday 00:00 UTC of the week, and of the week after (exclusive)."""
    year, number = (int(part) for part in week.split("-W"))
    start = datetime.combine(date.fromisocalendar(year, number, 1), datetime.min.time(), tzinfo=UTC)
    return start, start + timedelta(days=7)


def week_of(moment: datetime) -> str:
    year, number, _ = moment.astimezone(UTC).isocalendar()
    return f"{year:04d}-W{number:02d}"


def last_complete_week(now: datetime) -> str:
    """The ISO week before the one `now` falls in: on Monday morning, the week that just ended."""
    return week_of(now - timedelta(days=7))


def shift_week(week: str, weeks: int) -> str:
    return week_of(week_bounds(week)[0] + timedelta(weeks=weeks))


def resolve_week(value: str | None, now: datetime | None = None) -> str:
    """The canonical ISO week for `value`, or the last complete week when none is given; 422 if malformed."""
    if value is None:
        return last_complete_week(now or utcnow())
    try:
        return parse_week(value)
    except ValueError as exc:
        raise invalid(week=str(exc)) from None


def week_label(week: str) -> str:
    """ "17-23 Nov 2026", or across months "29 Dec 2025 - 4 Jan 2026"."""
    start, end = week_bounds(week)
    last = end - timedelta(days=1)
    if start.year != last.year:
        return f"{start.day} {start:%b %Y} - {last.day} {last:%b %Y}"
    if start.month != last.month:
        return f"{start.day} {start:%b} - {last.day} {last:%b %Y}"
    return f"{start.day}-{last.day} {last:%b %Y}"


# --- the rows a batch is composed from ----------------------------------------------------------------


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    slug: str


@dataclass(frozen=True)
class StoryRow:
    id: int
    title: str
    pseudonym: str
    stage: str
    industry: str
    group_id: int | None
    # Visible to anyone (outside any group, or in a public one), as the stories area's rule decides.
    public: bool
    published_at: datetime
    me_too: int
    helpful: int
    strength: int
    # Its content notes: the digest names them and leaves the story's own words (its lessons) out.
    content_notes: tuple[str, ...] = ()

    @property
    def encouragement(self) -> int:
        return self.me_too + self.helpful + self.strength


@dataclass(frozen=True)
class LessonRow:
    story_id: int
    position: int
    category: str
    text: str


@dataclass(frozen=True)
class MentorRow:
    id: int
    user_id: int
    display_name: str
    headline: str
    industries: tuple[str, ...]
    volunteered_at: datetime


@dataclass(frozen=True)
class MemberRow:
    id: int
    email: str
    display_name: str
    digest: str
    industries: tuple[str, ...]
    group_ids: tuple[int, ...]


@dataclass
class WeekRows:
    """Everything a batch's digests are made of: the week's stories any of them may see, and so on."""

    week: str
    stories: list[StoryRow]
    lessons: list[LessonRow]
    mentors: list[MentorRow]
    groups: dict[int, GroupRow]
    group_counts: dict[int, int]
    ranked_stories: list[StoryRow] = field(init=False, repr=False)
    ranked_lessons: list[tuple[StoryRow, LessonRow]] = field(init=False, repr=False)
    mentor_industries: list[tuple[MentorRow, set[str]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Ranked once per batch; each member then takes the first ones they may see.
        self.ranked_stories = sorted(
            self.stories, key=lambda s: (-s.encouragement, -s.helpful, -s.published_at.timestamp(), -s.id)
        )
        by_id = {story.id: story for story in self.stories}
        self.ranked_lessons = sorted(
            ((by_id[lesson.story_id], lesson) for lesson in self.lessons if lesson.story_id in by_id),
            key=lambda pair: (
                -pair[0].helpful,
                -pair[0].published_at.timestamp(),
                -pair[0].id,
                pair[1].position,
            ),
        )
        self.mentor_industries = sorted(
            ((m, _folded(m.industries)) for m in self.mentors),
            key=lambda pair: (-pair[0].volunteered_at.timestamp(), pair[0].id),
        )


# --- composing ----------------------------------------------------------------------------------------


def _folded(values: Iterable[str]) -> set[str]:
    return {" ".join(v.split()).casefold() for v in values if v and v.strip()}


def story_url(base_url: str, story_id: int) -> str:
    return f"{base_url}/stories/{story_id}"


def _story(row: StoryRow, groups: dict[int, GroupRow], base_url: str) -> dict:
    group = groups.get(row.group_id) if row.group_id is not None else None
    story = {
        "id": row.id,
        "title": row.title,
        "pseudonym": row.pseudonym,
        "url": story_url(base_url, row.id),
        "stage": row.stage,
        "industry": row.industry,
        "group": {"id": group.id, "name": group.name, "slug": group.slug} if group else None,
        "published_at": row.published_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "reactions": {"me_too": row.me_too, "helpful": row.helpful, "strength": row.strength},
    }
    if row.content_notes:
        story["content_notes"] = list(row.content_notes)
    return story


def _lessons(ranked: list[tuple[StoryRow, LessonRow]], sees) -> list[dict]:
    """The most helpful lessons, a few per category, grouped by category (best category first)."""
    per_category: dict[str, list[dict]] = {}
    taken = 0
    for story, lesson in ranked:
        # A lesson is the story's own words: one behind a content note waits on its page for the reader.
        if story.content_notes or not sees(story):
            continue
        chosen = per_category.setdefault(lesson.category, [])
        if len(chosen) < LESSONS_PER_CATEGORY:
            chosen.append(
                {
                    "category": lesson.category,
                    "text": lesson.text,
                    "story_id": story.id,
                    "helpful": story.helpful,
                }
            )
            taken += 1
            if taken == LESSONS_MAX:
                break
    return [item for chosen in per_category.values() for item in chosen]


def _mentors(member: MemberRow, mentors: list[tuple[MentorRow, set[str]]]) -> list[dict]:
    wanted = _folded(member.industries)
    if not wanted:
        return []
    matches = [m for m, industries in mentors if m.user_id != member.id and not wanted.isdisjoint(industries)]
    return [
        {"id": m.id, "display_name": m.display_name, "headline": m.headline, "industries": list(m.industries)}
        for m in matches[:MENTORS_MAX]
    ]


def compose(member: MemberRow, rows: WeekRows, base_url: str) -> dict:
    """The member's digest: the contract's {"week", "stories", "lessons", "mentors", "groups"}.

    Stories are those of the public feed and of the member's own groups (so a private group's only
    for its members), the most encouraging first.
    """
    mine = set(member.group_ids)

    def sees(story: StoryRow) -> bool:
        return story.public or story.group_id in mine

    top: list[StoryRow] = []
    for story in rows.ranked_stories:
        if sees(story):
            top.append(story)
            if len(top) == STORIES_MAX:
                break
    groups = sorted(
        (rows.groups[g] for g in mine if g in rows.groups),
        key=lambda g: (-rows.group_counts.get(g.id, 0), g.name.casefold(), g.id),
    )
    return {
        "week": rows.week,
        "stories": [_story(s, rows.groups, base_url) for s in top],
        "lessons": _lessons(rows.ranked_lessons, sees),
        "mentors": _mentors(member, rows.mentor_industries),
        "groups": [
            {"id": g.id, "name": g.name, "slug": g.slug, "stories": rows.group_counts.get(g.id, 0)}
            for g in groups
        ],
    }


def has_news(digest: dict) -> bool:
    """Whether there is anything new to tell the member (group counts alone are not news)."""
    return bool(digest["stories"] or digest["lessons"] or digest["mentors"])
