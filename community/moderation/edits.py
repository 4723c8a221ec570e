"""Deciding an author's edit of a published post (`community.stories.edits`), in the worker, like a new post:
published edits are copied into the post; a held edit waits in the queue as an item about the post that names
the edit; a rejected one leaves the post as it was. The moderation log records each decision against the post,
from status "edit"."""

from __future__ import annotations

from community.extensions import db
from community.moderation.keyword_rules import current_rules
from community.moderation.pipeline import Decision, moderate
from community.moderation.telling import tell_edit_outcome
from community.review import urgent
from community.review.items import open_review, record_decision
from community.review.models import ReviewItem
from community.statuses import PUBLISHED
from community.stories import versions
from community.stories.decided import claim_edit, decide_held_edit
from community.stories.models import POSTS, PostEdit


def _fields(edit: PostEdit) -> tuple[dict[str, str], set[str]]:
    version = edit.fields
    if edit.kind == "reply":
        return {"body": version["body"]}, {"body"}
    fields = {"title": version["title"], "body": version["body"], "industry": version["industry"]}
    if version.get("company"):
        fields["company"] = version["company"]
    lessons = {f"lesson-{i}": lesson["text"] for i, lesson in enumerate(version["lessons"])}
    return {**fields, **lessons}, {"body", *lessons}


def moderated_texts(decision: Decision) -> dict[str, str]:
    """The texts moderation made of the edit, with each Markdown field's HTML beside it as `<name>_html`."""
    texts = dict(decision.texts)
    for name, html in decision.html.items():
        texts["body_html" if name == "body" else f"{name}_html"] = html
    return texts


def moderate_edit(edit_id: int) -> None:
    """The automatic decision on a pending edit of a published post; nothing for anything already decided."""
    edit = db.session.get(PostEdit, edit_id)
    if edit is None or edit.status != "pending" or edit.in_place:
        return
    target = db.session.get(POSTS[edit.kind], edit.target_id)
    if target is None or target.status != PUBLISHED:
        # Held, removed or deleted meanwhile: the edit has nothing left to change.
        if claim_edit(edit.id, "rejected", reason="The post was no longer published when the edit was read."):
            db.session.commit()
        return
    compiled = current_rules()
    fields, markdown_fields = _fields(edit)
    decision = moderate(fields, compiled.matcher, markdown_fields)
    matched = [compiled.by_id[i] for i in decision.matched_rule_ids if i in compiled.by_id]
    crisis = any(rule["action"] == "crisis" for rule in matched)
    if not claim_edit(edit.id, decision.outcome, reason=decision.reason, show_resources=crisis):
        db.session.rollback()
        return
    if decision.outcome == PUBLISHED:
        versions.publish(edit, moderated_texts(decision))
    record_decision(
        edit.kind,
        target.id,
        decision.action or "pass",
        "edit",
        decision.outcome,
        matched,
        reason=decision.reason,
    )
    item = None
    if decision.action in ("crisis", "hold", "flag"):
        words = ", ".join(decision.matched_words)
        reason = {
            "crisis": f"Crisis language in an edit: {words}",
            "hold": f"Edit held by a rule: {words}",
            "flag": f"Edit flagged by a rule: {words}",
        }[decision.action]
        excerpt = " ".join(decision.texts.get(name, "") for name in ("title", "body")).strip()
        item = open_review(
            edit.kind, target.id, reason, "urgent" if crisis else "normal", matched, excerpt, edit_id=edit.id
        )
        db.session.flush()
    tell_edit_outcome(edit.kind, target, decision.outcome, decision.reason, crisis)
    db.session.commit()
    if crisis and item is not None:
        urgent.enqueue_mailing(item.id)


def held_edit(item: ReviewItem) -> PostEdit | None:
    """The held edit a review item is about, if it is one and still waits."""
    if item.edit_id is None:
        return None
    edit = db.session.get(PostEdit, item.edit_id)
    return edit if edit is not None and edit.status == "held" else None


def approve_edit(edit: PostEdit) -> None:
    """A moderator publishes a held edit: moderated again as the rules read it now, then copied into the post
    (the moderator's approval overrides what held it)."""
    fields, markdown_fields = _fields(edit)
    decision = moderate(fields, current_rules().matcher, markdown_fields)
    decide_held_edit(edit.id, PUBLISHED, show_resources=False)
    versions.publish(edit, moderated_texts(decision))


def reject_edit(edit: PostEdit, reason: str) -> None:
    decide_held_edit(edit.id, "rejected", reason=reason)
