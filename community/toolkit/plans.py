"""The plan: weekly goals, concrete actions to check off, and weekly check-ins (one per week)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from community.digest.compose import parse_week, week_of
from community.errors import invalid, not_found
from community.extensions import db
from community.models import utcnow
from community.stories.models import CATEGORIES
from community.toolkit import checks
from community.toolkit.content import actions_library
from community.toolkit.models import GOALS, CheckIn, Plan, PlanAction

# The most a week can hold of each measure.
LIMITS = {"applications": 200, "networking": 200, "skills_hours": 100, "rest_days": 7}
ACTION_MAX = 500
ACTIONS_MAX = 50
DEFAULT_GOALS = {"applications": 5, "networking": 2, "skills_hours": 3, "rest_days": 1}


def measure(name: str, value: Any, fields: dict[str, str], field: str) -> float | None:
    """A week's amount of one measure: hours may be fractional, the rest are counts; blank is 0."""
    if name == "skills_hours":
        return checks.amount(value, field, fields, LIMITS[name])
    if value in (None, ""):
        return 0
    return checks.whole(value, field, fields, 0, LIMITS[name])


def _goals(values: Any, fields: dict[str, str], prefix: str) -> dict[str, float]:
    if not isinstance(values, dict):
        fields[prefix.rstrip(".") or "body"] = "Give an object of numbers."
        return {}
    out = {}
    for name, value in values.items():
        if name not in GOALS:
            fields[f"{prefix}{name}"] = f"Unknown goal. Choose from: {', '.join(GOALS)}."
            continue
        number = measure(name, value, fields, f"{prefix}{name}")
        if number is not None:
            out[name] = number
    return out


def _plan(user_id: int) -> Plan | None:
    return db.session.get(Plan, user_id)


def _actions(user_id: int) -> list[PlanAction]:
    return list(
        db.session.scalars(select(PlanAction).where(PlanAction.user_id == user_id).order_by(PlanAction.id))
    )


def action_dict(action: PlanAction) -> dict[str, Any]:
    return {"id": action.id, "text": action.text, "category": action.category, "done": action.done}


def get_plan(user_id: int) -> dict[str, Any]:
    plan = _plan(user_id)
    goals = {**DEFAULT_GOALS, **(plan.weekly_goals if plan else {})}
    return {"weekly_goals": goals, "actions": [action_dict(a) for a in _actions(user_id)]}


def _category(value: Any, name: str, fields: dict[str, str]) -> str | None:
    return checks.choice(value, name, CATEGORIES, fields, required=False)


def save_goals(user_id: int, goals: Any) -> None:
    fields: dict[str, str] = {}
    cleaned = _goals(goals, fields, "weekly_goals.")
    if fields:
        raise invalid(**fields)
    _store_goals(user_id, cleaned)
    db.session.commit()


def _store_goals(user_id: int, cleaned: dict[str, float]) -> None:
    plan = _plan(user_id)
    if plan is None:
        plan = Plan(user_id=user_id, weekly_goals={**DEFAULT_GOALS})
        db.session.add(plan)
    plan.weekly_goals = {**DEFAULT_GOALS, **(plan.weekly_goals or {}), **cleaned}


def put_plan(user_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """Goals given are changed; `actions`, when given, is the whole list: items with an id (the member's
    own) are updated, items without one are added, and the member's actions left out are removed."""
    fields: dict[str, str] = {}
    goals = _goals(values.get("weekly_goals") or {}, fields, "weekly_goals.")
    actions = values.get("actions")
    wanted: list[tuple[int | None, str, str | None, bool]] = []
    if actions is not None:
        if not isinstance(actions, list) or len(actions) > ACTIONS_MAX:
            fields["actions"] = f"Give a list of up to {ACTIONS_MAX} actions."
            actions = []
        for i, item in enumerate(actions):
            if not isinstance(item, dict):
                fields[f"actions.{i}"] = "Give an object with text, category and done."
                continue
            text = checks.text(item.get("text"), f"actions.{i}.text", fields, ACTION_MAX, required=True)
            category = _category(item.get("category"), f"actions.{i}.category", fields)
            done = item.get("done", False)
            if not isinstance(done, bool):
                fields[f"actions.{i}.done"] = "Give true or false."
            action_id = item.get("id")
            if action_id is not None and (isinstance(action_id, bool) or not isinstance(action_id, int)):
                fields[f"actions.{i}.id"] = "Give the id of one of your actions, or leave it out."
            wanted.append((action_id, text or "", category, bool(done)))
    if fields:
        raise invalid(**fields)
    _store_goals(user_id, goals)
    if actions is not None:
        mine = {a.id: a for a in _actions(user_id)}
        if any(action_id is not None and action_id not in mine for action_id, *_ in wanted):
            raise not_found("That action")
        keep = set()
        for action_id, text, category, done in wanted:
            action = mine.get(action_id) if action_id is not None else None
            if action is None:
                action = PlanAction(user_id=user_id)
                db.session.add(action)
            action.text, action.category, action.done = text, category, done
            keep.add(action_id)
        for action_id, action in mine.items():
            if action_id not in keep:
                db.session.delete(action)
    db.session.commit()
    return get_plan(user_id)


def add_action(user_id: int, text: Any, category: Any = None) -> PlanAction:
    fields: dict[str, str] = {}
    cleaned = checks.text(text, "text", fields, ACTION_MAX, required=True)
    chosen = _category(category, "category", fields)
    if not fields and len(_actions(user_id)) >= ACTIONS_MAX:
        fields["text"] = f"A plan holds up to {ACTIONS_MAX} actions; remove some you have done first."
    if fields:
        raise invalid(**fields)
    action = PlanAction(user_id=user_id, text=cleaned, category=chosen)
    db.session.add(action)
    db.session.commit()
    return action


def _own_action(action_id: int, user_id: int) -> PlanAction:
    action = db.session.scalar(
        select(PlanAction).where(PlanAction.id == action_id, PlanAction.user_id == user_id)
    )
    if action is None:
        raise not_found("That action")
    return action


def set_done(action_id: int, user_id: int, done: bool) -> None:
    _own_action(action_id, user_id).done = done
    db.session.commit()


def remove_action(action_id: int, user_id: int) -> None:
    _own_action(action_id, user_id)
    db.session.execute(delete(PlanAction).where(PlanAction.id == action_id, PlanAction.user_id == user_id))
    db.session.commit()


def suggested_actions(
    categories: list[str], exclude: Sequence[dict[str, Any]] = (), per_category: int = 2
) -> list[dict[str, str]]:
    """Library actions for the given (weakest) categories, but those already in the plan (`exclude`)."""
    library = actions_library()
    have = {action["text"] for action in exclude}
    return [
        {"category": c, "text": text}
        for c in categories
        for text in [t for t in library.get(c, []) if t not in have][:per_category]
    ]


def check_in(user_id: int, values: dict[str, Any]) -> CheckIn:
    """Record a week's check-in; a second one for the same week replaces the first."""
    fields: dict[str, str] = {}
    week = values.get("week") or week_of(utcnow())
    try:
        week = parse_week(week)
    except ValueError as err:
        fields["week"] = str(err)
    else:
        if week > week_of(utcnow()):
            fields["week"] = "That week has not started yet; check in for this week or an earlier one."
    numbers = {}
    for name in GOALS:
        numbers[name] = measure(name, values.get(name), fields, name)
    note = checks.text(values.get("note"), "note", fields)
    if fields:
        raise invalid(**fields)
    for attempt in range(2):
        row = db.session.scalar(select(CheckIn).where(CheckIn.user_id == user_id, CheckIn.week == week))
        if row is None:
            row = CheckIn(user_id=user_id, week=week)
            db.session.add(row)
        for name, number in numbers.items():
            setattr(row, name, number)
        row.note = note
        row.created_at = utcnow()
        try:
            db.session.commit()
        except IntegrityError:
            # Two check-ins for the same week at once: the other one won; this one replaces it.
            db.session.rollback()
            if attempt:
                raise
            continue
        return row
    raise AssertionError("unreachable")


def check_ins(user_id: int) -> list[CheckIn]:
    return list(db.session.scalars(select(CheckIn).where(CheckIn.user_id == user_id).order_by(CheckIn.week)))


def check_in_dict(row: CheckIn) -> dict[str, Any]:
    return {
        "week": row.week,
        **{name: getattr(row, name) for name in GOALS},
        "note": row.note,
    }
