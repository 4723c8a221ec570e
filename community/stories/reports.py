"""Members' reports of stories and replies, on one rule for both.

A report never tells anyone who wrote the post or who reported it. One report per member and post (a repeat is
accepted and changes nothing). Reports of `REPORT_THRESHOLD` established members, or of one moderator, hold a
published post for review; newer accounts cost nothing to make, so their reports only ask a moderator to look.
A post is held by reports once: after a moderator has decided, more reports leave it as it is.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, delete, select, update
from sqlalchemy.exc import IntegrityError

from community.accounts.models import User
from community.accounts.trust import established_clause
from community.errors import invalid, not_found
from community.extensions import db
from community.feed.rule import can_view_story
from community.fields import required_text
from community.review.items import logged_before, open_review, record_decision
from community.statuses import PUBLISHED
from community.stories.counts import refresh_reply_count
from community.stories.models import POSTS, Reply, ReplyReport, Report, Story

REPORT_REASON_MAX = 500
REPORT_THRESHOLD = 3

# kind -> (the table of its reports, the column naming the reported post)
_TABLES: dict[str, tuple[Any, Any]] = {
    "story": (Report, Report.story_id),
    "reply": (ReplyReport, ReplyReport.reply_id),
}


def _reportable(kind: str, target_id: int, reporter: User) -> None:
    """404 unless the reporter can see the published post; 422 for their own reply."""
    if kind == "story":
        if not can_view_story(db.session.get(Story, target_id), reporter):
            raise not_found("That story")
        return
    reply = db.session.get(Reply, target_id)
    if (
        reply is None
        or reply.status != PUBLISHED
        or not can_view_story(db.session.get(Story, reply.story_id), reporter)
    ):
        raise not_found("That reply")
    if reply.author_id == reporter.id:
        raise invalid(reply="This reply is your own: you can delete it instead.")


def report(kind: str, target_id: int, reporter_id: int, reason: Any) -> None:
    """Record a member's report of a story or a reply, and hold or queue the post as the rule says."""
    reporter = db.session.get(User, reporter_id)
    if reporter is None:
        raise not_found("That member")
    _reportable(kind, target_id, reporter)
    reason = required_text(reason, "reason", REPORT_REASON_MAX, missing="Add a reason.", one_line=True)
    table, target = _TABLES[kind]
    already = db.session.scalar(select(table.id).where(target == target_id, table.reporter_id == reporter_id))
    if already is not None:
        return
    db.session.add(table(**{target.key: target_id, "reporter_id": reporter_id, "reason": reason}))
    try:
        db.session.commit()
    except IntegrityError:
        # The same member's report arrived twice at once: one is kept.
        db.session.rollback()
        return
    reports = db.session.execute(
        select(table.reason, User.role, established_clause().label("established"))
        .join(User, User.id == table.reporter_id)
        .where(target == target_id)
        .order_by(table.id)
    ).all()
    reasons = [r.reason for r in reports]
    trusted = sum(1 for r in reports if r.established or r.role in ("moderator", "admin"))
    moderator = any(r.role in ("moderator", "admin") for r in reports)
    summary = (f"Reported by {len(reasons)} members: " + "; ".join(reasons))[:200]
    if not (moderator or trusted >= REPORT_THRESHOLD):
        queue_for_look(kind, target_id, summary)
    elif not logged_before(kind, target_id, "report"):
        hold_for_review(kind, target_id, summary)


def _excerpt(kind: str, post: Story | Reply) -> str:
    return (f"{post.title} {post.body}" if kind == "story" else post.body).strip()


def hold_for_review(kind: str, target_id: int, reason: str, actor=None) -> bool:
    """Take a published post out of every public list until a moderator decides."""
    model = POSTS[kind]
    target = db.session.get(model, target_id)
    if target is None or target.status != PUBLISHED:
        return False
    result = db.session.execute(
        update(model)
        .where(model.id == target_id, model.status == PUBLISHED)
        .values(status="held")
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        return False
    record_decision(kind, target_id, "report", PUBLISHED, "held", actor=actor, reason=reason)
    open_review(kind, target_id, reason, "normal", [], _excerpt(kind, target), update_reason=True)
    if kind == "reply":
        refresh_reply_count(target.story_id)
    db.session.commit()
    return True


def queue_for_look(kind: str, target_id: int, reason: str) -> None:
    """Put a published post in the review queue without hiding it (reports of newer members)."""
    target = db.session.get(POSTS[kind], target_id)
    if target is None or target.status != PUBLISHED:
        return
    open_review(kind, target_id, reason, "normal", [], _excerpt(kind, target), update_reason=True)
    db.session.commit()


def forget_reply_reports(reply_ids: Select | list[int]) -> None:
    """Reports of replies about to be deleted go first (SQLite enforces no cascade of its own)."""
    db.session.execute(
        delete(ReplyReport)
        .where(ReplyReport.reply_id.in_(reply_ids))
        .execution_options(synchronize_session=False)
    )
