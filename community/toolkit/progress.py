"""Progress over the weeks, and patterns across a member's debriefs (with the library's lessons and the
mentors who can help, found by the lessons-library and mentor queries those areas own)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from community import feed
from community.accounts.models import User
from community.digest.compose import shift_week, week_of
from community.extensions import db
from community.mentorship import finding, volunteering
from community.models import utcnow
from community.toolkit import debriefs, plans
from community.toolkit.content import AUDIT_CATEGORIES
from community.toolkit.models import GOALS

WEEKS_SHOWN = 8
PATTERNS_MAX = 3
LESSONS_PER_PATTERN = 3
MENTORS_PER_PATTERN = 3


def weeks(user_id: int, count: int = WEEKS_SHOWN) -> list[dict[str, Any]]:
    """The last `count` weeks, oldest first, each with the plan's goals and what was done (None for a week
    without a check-in: a missed week is just a week)."""
    goals = plans.get_plan(user_id)["weekly_goals"]
    done = {row.week: row for row in plans.check_ins(user_id)}
    current = week_of(utcnow())
    shown = [shift_week(current, -n) for n in range(count - 1, -1, -1)]
    return [
        {
            "week": week,
            "goals": dict(goals),
            "done": {name: getattr(done[week], name) for name in GOALS} if week in done else None,
        }
        for week in shown
    ]


def averages(user_id: int) -> dict[str, tuple[float, int]]:
    """{category: (average rating, debriefs that rated it)} across the member's debriefs."""
    totals: dict[str, list[int]] = defaultdict(list)
    for debrief in debriefs.all_own(user_id):
        for category, rating in debriefs.ratings(debrief).items():
            totals[category].append(rating)
    return {c: (round(sum(r) / len(r), 2), len(r)) for c, r in totals.items()}


def _helpers(user_id: int, category: str) -> tuple[list[dict], list[dict]]:
    viewer = db.session.get(User, user_id)
    lessons = feed.list_lessons(viewer, category, page=1, per_page=LESSONS_PER_PATTERN)["items"]
    own = volunteering.profile_for(user_id)
    mentors = [
        mentor
        for mentor in finding.list_mentors(user_id, None, category, page=1, per_page=20)["items"]
        if mentor["open_slots"] > 0 and (own is None or mentor["id"] != own.id)
    ]
    return lessons, mentors[:MENTORS_PER_PATTERN]


def patterns(user_id: int, most: int = PATTERNS_MAX) -> list[dict[str, Any]]:
    """The categories rated lowest on average, each with the most helpful lessons in it and mentors with
    that expertise who have an open place."""
    ranked = sorted(averages(user_id).items(), key=lambda item: (item[1][0], AUDIT_CATEGORIES.index(item[0])))
    found = []
    for category, (average, count) in ranked[:most]:
        lessons, mentors = _helpers(user_id, category)
        found.append(
            {
                "category": category,
                "average": average,
                "debriefs": count,
                "lessons": lessons,
                "mentors": mentors,
            }
        )
    return found


def progress(user_id: int) -> dict[str, Any]:
    return {"weeks": weeks(user_id), "patterns": patterns(user_id)}
