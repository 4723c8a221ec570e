"""Asking the interviewer for feedback: the drafted email, the record of sending it, and the follow-up the
worker's scheduler sends once when it falls due without feedback recorded."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import quote

from sqlalchemy import select, update

from community import queue
from community.errors import invalid
from community.extensions import db
from community.models import utcnow
from community.notifications.services import notify
from community.toolkit import checks, debriefs
from community.toolkit.content import audit_questions, feedback_templates
from community.toolkit.models import Debrief

log = logging.getLogger(__name__)

FOLLOW_UP_DEFAULT = 7
FOLLOW_UP_MIN, FOLLOW_UP_MAX = 1, 30
DUE_BATCH = 200


def _date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _tone(tone: str | None) -> dict[str, Any]:
    templates = feedback_templates()
    name = tone or templates["default_tone"]
    if name not in templates["tones"]:
        raise invalid(tone=f"Choose one of: {', '.join(templates['tones'])}.")
    return templates["tones"][name]


def _fill(template: str, debrief: Debrief, **extra: str) -> str:
    values = {
        "role": f"the {debrief.role} role" if debrief.role else "the role",
        "company": debrief.company or "your team",
        "interviewed_on": _date(debrief.interviewed_on),
        **extra,
    }
    return template.format(**values)


def interviewer_questions(debrief: Debrief) -> list[str]:
    """Two or three questions for the interviewer, from the weakest-rated categories."""
    questions = audit_questions()
    chosen = debriefs.weakest(debrief)
    for fallback in ("answers", "skills", "preparation"):
        if len(chosen) >= 2:
            break
        if fallback not in chosen:
            chosen.append(fallback)
    return [questions[c]["ask_interviewer"] for c in chosen[:3]]


def mailto(subject: str, body: str) -> str:
    return f"mailto:?subject={quote(subject)}&body={quote(body)}"


def draft(debrief_id: int, user_id: int, tone: str | None = None) -> dict[str, str]:
    debrief = debriefs.own(debrief_id, user_id)
    chosen = _tone(tone)
    questions = "\n".join(f"- {q}" for q in interviewer_questions(debrief))
    subject = _fill(chosen["subject"], debrief)
    body = _fill(chosen["body"], debrief, questions=questions)
    return {"subject": subject, "body": body, "tone": tone or feedback_templates()["default_tone"]}


def followup_draft(debrief: Debrief, tone: str | None = None) -> dict[str, str]:
    chosen = _tone(tone)
    sent_on = _date(debrief.request_sent_on or debrief.interviewed_on)
    return {
        "subject": _fill(chosen["followup_subject"], debrief),
        "body": _fill(chosen["followup_body"], debrief, sent_on=sent_on),
    }


def due_at(sent_on: date, days: int) -> datetime:
    return datetime.combine(sent_on + timedelta(days=days), time(0, 0), tzinfo=UTC)


def record_request(debrief_id: int, user_id: int, sent_on: Any, follow_up_days: Any) -> dict[str, Any]:
    """The member sent the request: remember when, and when to remind them (once)."""
    debrief = debriefs.own(debrief_id, user_id)
    fields: dict[str, str] = {}
    sent = checks.past_date(sent_on, "sent_on", fields, required=False) if sent_on not in (None, "") else None
    if sent_on in (None, ""):
        sent = checks.today()
    days = FOLLOW_UP_DEFAULT if follow_up_days in (None, "") else follow_up_days
    days = checks.whole(days, "follow_up_days", fields, FOLLOW_UP_MIN, FOLLOW_UP_MAX)
    if fields:
        raise invalid(**fields)
    debrief.request_sent_on = sent
    debrief.follow_up_days = days
    debrief.follow_up_due_at = due_at(sent, days)
    # A request sent again is a new one: its follow-up is sent once too.
    debrief.followup_sent_at = None
    db.session.commit()
    if debrief.follow_up_due_at <= utcnow() and not debrief.feedback_recorded:
        # Already due: no need to wait for the next scheduled pass.
        queue.enqueue("default", "worker.jobs.send_due_followups")
    return {
        "sent_on": sent.isoformat(),
        "follow_up_days": days,
        "follow_up_due_at": debriefs.as_dict(debrief)["feedback_request"]["follow_up_due_at"],
    }


def _due_ids(now: datetime) -> list[int]:
    return list(
        db.session.scalars(
            select(Debrief.id)
            .where(
                Debrief.follow_up_due_at <= now,
                Debrief.followup_sent_at.is_(None),
                Debrief.feedback_recorded.is_(False),
            )
            .order_by(Debrief.follow_up_due_at, Debrief.id)
            .limit(DUE_BATCH)
        )
    )


def _claim(debrief_id: int, now: datetime) -> bool:
    """Mark the follow-up as sent, if nobody has: the conditional UPDATE lets one transaction win."""
    result = db.session.execute(
        update(Debrief)
        .where(
            Debrief.id == debrief_id,
            Debrief.followup_sent_at.is_(None),
            Debrief.feedback_recorded.is_(False),
            Debrief.follow_up_due_at <= now,
        )
        .values(followup_sent_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def followup_text(debrief: Debrief) -> str:
    """The notification: a reminder and a follow-up draft with no company or role in it, since
    notifications may also be mailed; the full draft waits on the member's own page."""
    days = debrief.follow_up_days or FOLLOW_UP_DEFAULT
    return (
        f"It has been {days} day{'s' if days != 1 else ''} since you asked for feedback on your interview "
        f"of {_date(debrief.interviewed_on)}. If nothing has come back, a short, friendly follow-up is "
        "fine: \u201cI am following up on my note asking for feedback on my interview. Even a line or two "
        "would help me a lot. Thank you!\u201d Your full draft is ready on the debrief."
    )


def send_due_followups(now: datetime | None = None) -> int:
    """Notify each member whose follow-up has fallen due without feedback recorded; exactly once each.

    The claim and the notification are written in one transaction: a worker killed between them leaves
    neither, and the next run sends it; a second run finds it claimed and sends nothing."""
    now = now or utcnow()
    sent = 0
    for debrief_id in _due_ids(now):
        try:
            if not _claim(debrief_id, now):
                db.session.rollback()
                continue
            debrief = db.session.get(Debrief, debrief_id)
            notify(
                debrief.user_id,
                "followup",
                followup_text(debrief),
                f"/me/debriefs/{debrief.id}/feedback-request?followup=1",
                subject_key=f"followup-{debrief.id}",
            )
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        sent += 1
    if sent:
        log.info("sent %d toolkit follow-up reminders", sent)
    return sent
