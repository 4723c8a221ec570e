"""The demo member's toolkit (two debriefs, a plan and check-ins), from data/demo.toml, through the
toolkit's own services."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from community.digest.compose import shift_week, week_of
from community.extensions import db
from community.models import utcnow
from community.toolkit import debriefs, feedback, plans
from community.toolkit.content import load_data
from community.toolkit.models import Debrief


def load(user_id: int) -> bool:
    """Fill the member's toolkit, unless it already holds a debrief; whether anything was added."""
    if db.session.scalar(select(func.count(Debrief.id)).where(Debrief.user_id == user_id)):
        return False
    data = load_data("demo.toml")
    today = utcnow().date()
    for spec in data["debriefs"]:
        values = {key: value for key, value in spec.items() if key not in ("days_ago", "feedback_request")}
        values["interviewed_on"] = today - timedelta(days=spec["days_ago"])
        made = debriefs.create(user_id, values)
        asked = spec.get("feedback_request")
        if asked:
            feedback.record_request(
                made.id, user_id, today - timedelta(days=asked["sent_days_ago"]), asked["follow_up_days"]
            )
    plans.put_plan(user_id, data["plan"])
    this_week = week_of(utcnow())
    for spec in data["check_ins"]:
        values = {key: value for key, value in spec.items() if key != "weeks_ago"}
        plans.check_in(user_id, {**values, "week": shift_week(this_week, -spec["weeks_ago"])})
    return True
