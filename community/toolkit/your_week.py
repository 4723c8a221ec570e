"""The digest's private "your week" section: the week's check-in against the goals, and feedback requests
whose follow-up is due. It holds numbers and dates only, never a company or a note, since it also travels by
email."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from community.digest.compose import week_bounds
from community.extensions import db
from community.toolkit.charts import GOAL_LABELS
from community.toolkit.models import GOALS, CheckIn, Debrief, Plan
from community.toolkit.plans import DEFAULT_GOALS


def build(week: str, user_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """{member id: section} for the members with a check-in that week or a follow-up due by the end of the
    week after it; three queries for the whole batch."""
    _, end = week_bounds(week)
    check_ins = {
        row.user_id: row
        for row in db.session.execute(
            select(CheckIn.user_id, *(getattr(CheckIn, name) for name in GOALS)).where(
                CheckIn.user_id.in_(user_ids), CheckIn.week == week
            )
        )
    }
    due: dict[int, list[dict[str, str]]] = {}
    for row in db.session.execute(
        select(
            Debrief.id,
            Debrief.user_id,
            Debrief.interviewed_on,
            Debrief.request_sent_on,
            Debrief.follow_up_due_at,
        )
        .where(
            Debrief.user_id.in_(user_ids),
            Debrief.follow_up_due_at.is_not(None),
            Debrief.follow_up_due_at < end + timedelta(days=7),
            Debrief.feedback_recorded.is_(False),
        )
        .order_by(Debrief.follow_up_due_at)
    ):
        due.setdefault(row.user_id, []).append(
            {
                "debrief_id": row.id,
                "interviewed_on": row.interviewed_on.isoformat(),
                "sent_on": row.request_sent_on.isoformat(),
                "due_on": row.follow_up_due_at.date().isoformat(),
            }
        )
    wanted = set(check_ins) | set(due)
    goals = {
        user_id: {**DEFAULT_GOALS, **(weekly or {})}
        for user_id, weekly in db.session.execute(
            select(Plan.user_id, Plan.weekly_goals).where(Plan.user_id.in_(wanted))
        )
    }
    sections = {}
    for user_id in wanted:
        done = check_ins.get(user_id)
        mine = goals.get(user_id, DEFAULT_GOALS)
        sections[user_id] = {
            "week": week,
            "rows": [
                {"label": GOAL_LABELS[name], "done": getattr(done, name), "goal": mine[name]}
                for name in GOALS
            ]
            if done is not None
            else [],
            "follow_ups": due.get(user_id, []),
        }
    return sections
