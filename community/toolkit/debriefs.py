"""Debriefs: the interview self-audit, what went well and the feedback received. Only their owner ever
reaches one: every function takes the member's id, and any other id is "not found"."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from community.errors import invalid, not_found
from community.extensions import db
from community.industries import INDUSTRY_MAX
from community.models import isoformat
from community.pagination import paginate
from community.stories.models import STAGES
from community.toolkit import checks
from community.toolkit.content import AUDIT_CATEGORIES
from community.toolkit.models import OUTCOMES, Debrief

COMPANY_MAX = 100
ROLE_MAX = 120
WENT_WELL_MAX = 10
WENT_WELL_TEXT_MAX = 1_000
FIELDS = (
    "company",
    "role",
    "industry",
    "stage",
    "interviewed_on",
    "outcome",
    "audit",
    "went_well",
    "feedback",
)


def own(debrief_id: int, user_id: int) -> Debrief:
    """The member's own debrief; 404 for anyone else's, whoever asks (moderators and admins included)."""
    found = db.session.scalar(select(Debrief).where(Debrief.id == debrief_id, Debrief.user_id == user_id))
    if found is None:
        raise not_found("That debrief")
    return found


def clean_audit(value: Any, fields: dict[str, str]) -> dict[str, dict[str, Any]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        fields["audit"] = "Give an object of categories, each with a rating and notes."
        return {}
    audit: dict[str, dict[str, Any]] = {}
    for category, answer in value.items():
        name = f"audit.{category}"
        if category not in AUDIT_CATEGORIES:
            fields[name] = f"Unknown category. Choose from: {', '.join(AUDIT_CATEGORIES)}."
            continue
        if not isinstance(answer, dict):
            fields[name] = "Give a rating from 1 to 5 and notes."
            continue
        rating = answer.get("rating")
        if rating is not None:
            rating = checks.whole(rating, f"{name}.rating", fields, 1, 5)
        notes = checks.text(answer.get("notes"), f"{name}.notes", fields)
        audit[category] = {"rating": rating, "notes": notes or ""}
    return audit


def clean_went_well(value: Any, fields: dict[str, str]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        fields["went_well"] = "Give a list of short texts."
        return []
    if len(value) > WENT_WELL_MAX:
        fields["went_well"] = f"Up to {WENT_WELL_MAX} things, please."
        return []
    kept = []
    for i, item in enumerate(value):
        cleaned = checks.text(item, f"went_well.{i}", fields, WENT_WELL_TEXT_MAX)
        if cleaned:
            kept.append(cleaned)
    return kept


def clean(values: dict[str, Any], partial: bool) -> dict[str, Any]:
    """The given fields checked and tidied; with `partial`, absent fields are left out (kept as they are)."""
    fields: dict[str, str] = {}
    out: dict[str, Any] = {}

    def given(name: str) -> bool:
        return not partial or name in values

    if given("company"):
        out["company"] = checks.text(values.get("company"), "company", fields, COMPANY_MAX, required=True)
    if given("role"):
        out["role"] = checks.text(values.get("role"), "role", fields, ROLE_MAX)
    if given("industry"):
        out["industry"] = checks.text(values.get("industry"), "industry", fields, INDUSTRY_MAX)
    if given("stage"):
        out["stage"] = checks.choice(values.get("stage"), "stage", STAGES, fields, required=True)
    if given("interviewed_on"):
        out["interviewed_on"] = checks.past_date(values.get("interviewed_on"), "interviewed_on", fields)
    if given("outcome"):
        out["outcome"] = checks.choice(values.get("outcome"), "outcome", OUTCOMES, fields, required=False)
    if given("audit"):
        out["audit"] = clean_audit(values.get("audit"), fields)
    if given("went_well"):
        out["went_well"] = clean_went_well(values.get("went_well"), fields)
    if given("feedback"):
        out["feedback"] = checks.text(values.get("feedback"), "feedback", fields)
    if fields:
        raise invalid(**fields)
    return out


def _apply(debrief: Debrief, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(debrief, name, value)
    if "feedback" in values:
        debrief.feedback_recorded = bool(values["feedback"])


def create(user_id: int, values: dict[str, Any]) -> Debrief:
    debrief = Debrief(user_id=user_id, audit={}, went_well=[])
    _apply(debrief, clean(values, partial=False))
    db.session.add(debrief)
    db.session.commit()
    return debrief


def update(debrief_id: int, user_id: int, values: dict[str, Any]) -> Debrief:
    debrief = own(debrief_id, user_id)
    _apply(debrief, clean(values, partial=True))
    db.session.commit()
    return debrief


def save_answer(debrief_id: int, user_id: int, category: str, rating: Any, notes: Any) -> Debrief:
    """One step of the walk-through: a category's rating (or none, to skip it) and notes."""
    if category not in AUDIT_CATEGORIES:
        raise not_found("That question")
    debrief = own(debrief_id, user_id)
    fields: dict[str, str] = {}
    answer = clean_audit({category: {"rating": rating or None, "notes": notes}}, fields)
    if fields:
        raise invalid(**{name.rsplit(".", 1)[-1]: message for name, message in fields.items()})
    # A new dict, so the encrypted column sees the change.
    debrief.audit = {**(debrief.audit or {}), **answer}
    db.session.commit()
    return debrief


def remove(debrief_id: int, user_id: int) -> None:
    own(debrief_id, user_id)
    db.session.execute(delete(Debrief).where(Debrief.id == debrief_id, Debrief.user_id == user_id))
    db.session.commit()


def ratings(debrief: Debrief) -> dict[str, int]:
    """The rated categories of a debrief, in the audit's order."""
    audit = debrief.audit or {}
    return {
        c: audit[c]["rating"] for c in AUDIT_CATEGORIES if c in audit and audit[c].get("rating") is not None
    }


def weakest(debrief: Debrief, most: int = 3) -> list[str]:
    """The lowest-rated categories (3 or under), lowest first; at least two when two or more are rated."""
    ranked = sorted(ratings(debrief).items(), key=lambda item: (item[1], AUDIT_CATEGORIES.index(item[0])))
    chosen = [c for c, rating in ranked if rating <= 3][:most]
    if len(chosen) < 2:
        chosen = [c for c, _ in ranked[:2]]
    return chosen


def as_dict(debrief: Debrief) -> dict[str, Any]:
    return {
        "id": debrief.id,
        "company": debrief.company,
        "role": debrief.role,
        "industry": debrief.industry,
        "stage": debrief.stage,
        "interviewed_on": debrief.interviewed_on.isoformat(),
        "outcome": debrief.outcome,
        "audit": {
            c: {"rating": a.get("rating"), "notes": a.get("notes") or ""}
            for c, a in (debrief.audit or {}).items()
        },
        "went_well": list(debrief.went_well or []),
        "feedback": debrief.feedback,
        "feedback_request": (
            {
                "sent_on": debrief.request_sent_on.isoformat(),
                "follow_up_days": debrief.follow_up_days,
                "follow_up_due_at": isoformat(debrief.follow_up_due_at),
                "followed_up": debrief.followup_sent_at is not None,
            }
            if debrief.request_sent_on
            else None
        ),
        "created_at": isoformat(debrief.created_at),
    }


def list_own(user_id: int, page: int = 1, per_page: int = 20) -> dict:
    stmt = (
        select(Debrief)
        .where(Debrief.user_id == user_id)
        .order_by(Debrief.interviewed_on.desc(), Debrief.id.desc())
    )
    return paginate(stmt, page, per_page, lambda rows: [as_dict(d) for d in rows])


def all_own(user_id: int) -> list[Debrief]:
    return list(
        db.session.scalars(
            select(Debrief).where(Debrief.user_id == user_id).order_by(Debrief.interviewed_on, Debrief.id)
        )
    )
