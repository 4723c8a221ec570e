"""The worker's automatic pass over each new post: the pure pipeline (pipeline.py, rules.py) decides, this
module claims the pending post, stores what was decided, logs it and opens a review item when a moderator
must look."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community import queue
from community.extensions import db
from community.models import utcnow
from community.moderation.keyword_rules import current_rules
from community.moderation.pipeline import Decision, moderate
from community.moderation.telling import tell_decision
from community.review import urgent
from community.review.items import open_review, record_decision
from community.statuses import PUBLISHED
from community.stories import versions
from community.stories.counts import refresh_reply_count
from community.stories.decided import claim_pending, store_lesson_texts
from community.stories.models import POSTS, PostEdit, Story, company_key
from community.sweeper import sweeps


def _fields(kind: str, target) -> tuple[dict[str, str], set[str]]:
    if kind == "story":
        fields = {"title": target.title, "body": target.body, "industry": target.industry}
        if target.company:
            fields["company"] = target.company
        fields.update({f"lesson-{lesson.id}": lesson.text for lesson in target.lessons})
        return fields, {"body", *(f"lesson-{lesson.id}" for lesson in target.lessons)}
    return {"body": target.body}, {"body"}


def _moderated_columns(kind: str, decision: Decision) -> dict[str, str]:
    """The post's own text columns as moderated, for the UPDATE that claims it."""
    columns = {"body": decision.texts["body"], "body_html": decision.html["body"]}
    if kind == "story":
        columns["title"] = decision.texts["title"]
        # Industry and company are read by others too: scrubbed and masked like the rest, and the company
        # compared as it is shown.
        columns["industry"] = decision.texts["industry"]
        if "company" in decision.texts:
            columns["company"] = decision.texts["company"]
            columns["company_key"] = company_key(decision.texts["company"])
    return columns


def moderate_item(kind: str, target_id: int) -> None:
    """The automatic decision on a pending story or reply; does nothing for anything already decided."""
    model = POSTS[kind]
    stmt = select(model).where(model.id == target_id)
    if kind == "story":
        stmt = stmt.options(joinedload(Story.lessons))
    target = db.session.execute(stmt).unique().scalar_one_or_none()
    if target is None or target.status != "pending":
        return
    compiled = current_rules()
    fields, markdown_fields = _fields(kind, target)
    decision = moderate(fields, compiled.matcher, markdown_fields)
    matched = [compiled.by_id[i] for i in decision.matched_rule_ids if i in compiled.by_id]
    crisis = any(rule["action"] == "crisis" for rule in matched)
    now = utcnow()
    if not claim_pending(
        kind,
        target_id,
        decision.outcome,
        moderation_reason=decision.reason,
        show_resources=crisis,
        published_at=now if decision.outcome == PUBLISHED else None,
        **_moderated_columns(kind, decision),
    ):
        db.session.rollback()
        return
    if kind == "story":
        # After the claim, as every writer locks a story before its lessons. No refresh after the UPDATE: the
        # flush writes only the lessons' columns changed here.
        store_lesson_texts(target, decision.texts, decision.html)
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
        item = open_review(kind, target_id, reason, priority, matched, excerpt.strip())
    if kind == "reply":
        refresh_reply_count(target.story_id)
    versions.settle_in_place(kind, target_id, decision.outcome)
    tell_decision(kind, target, decision.outcome, decision.reason, crisis)
    db.session.commit()
    if decision.action == "crisis":
        # Someone may be at risk: every moderator hears of it now, not at their next look at the queue.
        urgent.enqueue_mailing(item.id)


@sweeps
def enqueue_pending() -> int:
    """Every pending story and reply without a live job gets one (Redis was down, or a worker died)."""
    count = 0
    for kind, model in POSTS.items():
        for target_id in db.session.scalars(select(model.id).where(model.status == "pending")):
            if not queue.job_is_live(queue.moderation_job_id(kind, target_id)) and queue.enqueue_moderation(
                kind, target_id
            ):
                count += 1
    waiting_edits = select(PostEdit.id).where(PostEdit.status == "pending", PostEdit.in_place.is_(False))
    for edit_id in db.session.scalars(waiting_edits):
        if not queue.job_is_live(queue.moderation_job_id("edit", edit_id)) and queue.enqueue_moderation(
            "edit", edit_id
        ):
            count += 1
    return count
