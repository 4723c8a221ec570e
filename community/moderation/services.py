"""Moderation decisions: the worker's automatic pass over each post, holds for review, and the record.

The text work itself is pure (pipeline.py, rules.py); this module loads posts and rules, stores what the
pipeline decided, and keeps one ModerationDecision row per decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from community import queue
from community.extensions import db
from community.models import utcnow
from community.moderation.models import KeywordRule, ModerationDecision, ReviewItem
from community.moderation.pipeline import Decision, moderate
from community.moderation.rules import RuleMatcher, RuleSpec, compile_rules
from community.stories.models import Reply, Story
from community.sweeper import sweeps

KINDS = {"story": Story, "reply": Reply}
EXCERPT_LENGTH = 280


@dataclass(frozen=True)
class CompiledRules:
    version: tuple[int, int]
    matcher: RuleMatcher
    by_id: dict[int, dict]


_compiled: dict[str, CompiledRules] = {}


def rules_version() -> tuple[int, int]:
    """Changes whenever a rule is added or deleted (rules are never edited in place)."""
    count, last = db.session.execute(select(func.count(KeywordRule.id), func.max(KeywordRule.id))).one()
    return int(count or 0), int(last or 0)


def current_rules() -> CompiledRules:
    """The compiled rule set, rebuilt only when the rules changed, so a new rule applies to the next post."""
    key = str(db.engine.url)
    version = rules_version()
    cached = _compiled.get(key)
    if cached is None or cached.version != version:
        rows = db.session.scalars(select(KeywordRule)).all()
        by_id = {r.id: {"id": r.id, "pattern": r.pattern, "action": r.action} for r in rows}
        matcher = compile_rules(RuleSpec(r.id, r.pattern, r.action) for r in rows)
        cached = CompiledRules(version, matcher, by_id)
        _compiled[key] = cached
    return cached


def record_decision(
    kind: str,
    target_id: int,
    action: str,
    from_status: str,
    to_status: str,
    rules: Iterable[dict] = (),
    actor=None,
    reason: str | None = None,
) -> ModerationDecision:
    """Adds the log entry to the session; the caller commits it with the change it describes."""
    entry = ModerationDecision(
        kind=kind,
        target_id=target_id,
        action=action,
        from_status=from_status,
        to_status=to_status,
        rules=list(rules),
        reason=reason,
        actor_id=actor.id if actor is not None else None,
        actor_name=actor.display_name if actor is not None else "system",
    )
    db.session.add(entry)
    return entry


def _open_review(
    kind: str, target_id: int, reason: str, priority: str, rules: list[dict], excerpt: str
) -> None:
    exists = db.session.scalar(
        select(ReviewItem.id).where(
            ReviewItem.kind == kind, ReviewItem.target_id == target_id, ReviewItem.resolved_at.is_(None)
        )
    )
    if exists is None:
        db.session.add(
            ReviewItem(
                kind=kind,
                target_id=target_id,
                reason=reason,
                priority=priority,
                matched_rules=rules,
                excerpt=excerpt[:EXCERPT_LENGTH],
            )
        )


def _claim(model, target_id: int, to_status: str, **values) -> bool:
    """Flip a pending row in one conditional UPDATE, so a post moderated twice is decided once."""
    result = db.session.execute(
        update(model)
        .where(model.id == target_id, model.status == "pending")
        .values(status=to_status, **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _fields(kind: str, target) -> tuple[dict[str, str], set[str]]:
    if kind == "story":
        fields = {"title": target.title, "body": target.body}
        fields.update({f"lesson-{lesson.id}": lesson.text for lesson in target.lessons})
        return fields, {"body", *(f"lesson-{lesson.id}" for lesson in target.lessons)}
    return {"body": target.body}, {"body"}


def _store(kind: str, target, decision: Decision) -> None:
    if kind == "story":
        target.title = decision.texts["title"]
        target.body = decision.texts["body"]
        target.body_html = decision.html["body"]
        for lesson in target.lessons:
            key = f"lesson-{lesson.id}"
            lesson.text = decision.texts[key]
            lesson.text_html = decision.html[key]
    else:
        target.body = decision.texts["body"]
        target.body_html = decision.html["body"]


def refresh_reply_count(story_id: int) -> None:
    published = (
        select(func.count(Reply.id))
        .where(Reply.story_id == story_id, Reply.status == "published")
        .scalar_subquery()
    )
    db.session.execute(
        update(Story)
        .where(Story.id == story_id)
        .values(reply_count=published)
        .execution_options(synchronize_session=False)
    )


def moderate_item(kind: str, target_id: int) -> None:
    """The automatic decision on a pending story or reply; does nothing for anything already decided."""
    model = KINDS[kind]
    stmt = select(model).where(model.id == target_id)
    if kind == "story":
        stmt = stmt.options(selectinload(Story.lessons))
    target = db.session.scalar(stmt)
    if target is None or target.status != "pending":
        return
    compiled = current_rules()
    fields, markdown_fields = _fields(kind, target)
    decision = moderate(fields, compiled.matcher, markdown_fields)
    matched = [compiled.by_id[i] for i in decision.matched_rule_ids if i in compiled.by_id]
    crisis = any(rule["action"] == "crisis" for rule in matched)
    now = utcnow()
    if not _claim(
        model,
        target_id,
        decision.outcome,
        moderation_reason=decision.reason,
        show_resources=crisis,
        published_at=now if decision.outcome == "published" else None,
    ):
        db.session.rollback()
        return
    db.session.refresh(target)
    _store(kind, target, decision)
    record_decision(
        kind,
        target_id,
        decision.action or "pass",
        "pending",
        decision.outcome,
        matched,
        reason=decision.reason,
    )
    excerpt = (
        decision.texts.get("title", "") + " " + decision.texts["body"]
        if kind == "story"
        else decision.texts["body"]
    )
    if decision.action in ("crisis", "hold", "flag"):
        priority = "urgent" if decision.action == "crisis" else "normal"
        words = ", ".join(decision.matched_words)
        reason = {
            "crisis": f"Crisis language: {words}",
            "hold": f"Held by a rule: {words}",
            "flag": f"Flagged by a rule: {words}",
        }[decision.action]
        _open_review(kind, target_id, reason, priority, matched, excerpt.strip())
    if kind == "reply":
        refresh_reply_count(target.story_id)
    db.session.commit()


def hold_for_review(kind: str, target_id: int, reason: str, actor=None) -> bool:
    """Take a published item out of every public list until a moderator decides (e.g. after reports)."""
    model = KINDS[kind]
    target = db.session.get(model, target_id)
    if target is None or target.status != "published":
        return False
    result = db.session.execute(
        update(model)
        .where(model.id == target_id, model.status == "published")
        .values(status="held")
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        return False
    record_decision(kind, target_id, "report", "published", "held", actor=actor, reason=reason)
    excerpt = f"{target.title} {target.body}" if kind == "story" else target.body
    _open_review(kind, target_id, reason, "normal", [], excerpt.strip())
    if kind == "reply":
        refresh_reply_count(target.story_id)
    db.session.commit()
    return True


@sweeps
def enqueue_pending() -> int:
    """Every pending story and reply without a live job gets one (Redis was down, or a worker died)."""
    count = 0
    for kind, model in KINDS.items():
        for target_id in db.session.scalars(select(model.id).where(model.status == "pending")):
            if not queue.job_is_live(queue.moderation_job_id(kind, target_id)) and queue.enqueue_moderation(
                kind, target_id
            ):
                count += 1
    return count
