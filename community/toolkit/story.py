"""From a debrief to a story draft: the member edits it in the normal story form, and it is moderated like
any story. The company stays out unless the member asks for it."""

from __future__ import annotations

from typing import Any

from community.stories.labels import CATEGORY_LABELS, STAGE_LABELS
from community.stories.services import LESSON_TEXT_MAX, LESSONS_MAX, TITLE_MAX
from community.toolkit import debriefs
from community.toolkit.content import AUDIT_CATEGORIES


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def draft(debrief_id: int, user_id: int, share_company: bool = False) -> dict[str, Any]:
    debrief = debriefs.own(debrief_id, user_id)
    audit = debrief.audit or {}
    # Lessons from the notes, the lowest-rated categories first: that is where the learning is.
    order = sorted(
        (c for c in AUDIT_CATEGORIES if (audit.get(c) or {}).get("notes")),
        key=lambda c: (audit[c].get("rating") or 6, AUDIT_CATEGORIES.index(c)),
    )
    lessons = [
        {"category": c, "text": _short(audit[c]["notes"], LESSON_TEXT_MAX)} for c in order[:LESSONS_MAX]
    ]
    stage = STAGE_LABELS.get(debrief.stage, "Other").lower()
    title = _short(
        f"What I learned interviewing for {debrief.role}"
        if debrief.role
        else "What I learned from a recent interview",
        TITLE_MAX,
    )
    where = f" in {debrief.industry}" if debrief.industry else ""
    what = f"a {debrief.role} role" if debrief.role else "a role"
    parts = [
        f"I recently interviewed for {what}{where}"
        + (f" and got as far as the {stage}." if debrief.stage != "other" else ".")
    ]
    if debrief.went_well:
        parts.append("What went well:\n\n" + "\n".join(f"- {item}" for item in debrief.went_well))
    if lessons:
        parts.append(
            "What I would do differently:\n\n"
            + "\n".join(f"- **{CATEGORY_LABELS[item['category']]}**: {item['text']}" for item in lessons)
        )
    return {
        "title": title,
        "body": "\n\n".join(parts),
        "lessons": lessons,
        "stage": debrief.stage,
        "industry": debrief.industry or "",
        "company": debrief.company if share_company else None,
        "share_company": bool(share_company),
    }
