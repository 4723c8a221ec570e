"""A member's stories, replies, reactions and reports: their part of the export, and erasing them.

Registered with accounts' lifecycle, which calls it when a member exports or erases their account.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select, update

from community.accounts import lifecycle
from community.extensions import db
from community.models import isoformat
from community.review.items import forget_decisions, history
from community.statuses import PUBLISHED
from community.stories import versions
from community.stories.models import (
    REACTION_KINDS,
    Lesson,
    PostEdit,
    Reaction,
    Reply,
    ReplyReport,
    Report,
    Story,
    StoryFollow,
)
from community.stories.reports import forget_reply_reports

_COUNTERS = {kind: getattr(Story, f"{kind}_count") for kind in REACTION_KINDS}


def export(user_id: int) -> dict[str, Any]:
    stories = db.session.scalars(select(Story).where(Story.author_id == user_id).order_by(Story.id)).all()
    replies = db.session.scalars(select(Reply).where(Reply.author_id == user_id).order_by(Reply.id)).all()
    reactions = db.session.scalars(select(Reaction).where(Reaction.user_id == user_id)).all()
    reports = db.session.scalars(select(Report).where(Report.reporter_id == user_id)).all()
    reply_reports = db.session.scalars(select(ReplyReport).where(ReplyReport.reporter_id == user_id)).all()
    following = db.session.scalars(select(StoryFollow.story_id).where(StoryFollow.user_id == user_id)).all()
    return {
        "stories": [
            {
                "id": s.id,
                "title": s.title,
                "body": s.body,
                "lessons": [{"category": le.category, "text": le.text} for le in s.lessons],
                "stage": s.stage,
                "industry": s.industry,
                "company": s.company,
                "share_company": s.share_company,
                "group_id": s.group_id,
                "pseudonym": s.pseudonym,
                "status": s.status,
                "moderation_reason": s.moderation_reason,
                "moderation": history("story", s.id),
                "created_at": isoformat(s.created_at),
                "published_at": isoformat(s.published_at),
            }
            for s in stories
        ],
        "replies": [
            {
                "id": r.id,
                "story_id": r.story_id,
                "body": r.body,
                "pseudonym": r.pseudonym,
                "status": r.status,
                "moderation_reason": r.moderation_reason,
                "moderation": history("reply", r.id),
                "created_at": isoformat(r.created_at),
            }
            for r in replies
        ],
        "reactions": [
            {"story_id": r.story_id, "kind": r.kind, "created_at": isoformat(r.created_at)} for r in reactions
        ],
        "reports": [
            {"story_id": r.story_id, "reason": r.reason, "created_at": isoformat(r.created_at)}
            for r in reports
        ]
        + [
            {"reply_id": r.reply_id, "reason": r.reason, "created_at": isoformat(r.created_at)}
            for r in reply_reports
        ],
        "following": sorted(following),
    }


def _take_back_reactions(user_id: int) -> None:
    for story_id, kind in db.session.execute(
        select(Reaction.story_id, Reaction.kind).where(Reaction.user_id == user_id)
    ).all():
        column = _COUNTERS[kind]
        db.session.execute(update(Story).where(Story.id == story_id).values({column: column - 1}))
    db.session.execute(delete(Reaction).where(Reaction.user_id == user_id))


def _delete_replies(user_id: int) -> None:
    for story_id, count in db.session.execute(
        select(Reply.story_id, func.count())
        .where(Reply.author_id == user_id, Reply.status == PUBLISHED)
        .group_by(Reply.story_id)
    ).all():
        db.session.execute(
            update(Story).where(Story.id == story_id).values(reply_count=Story.reply_count - count)
        )
    forget_reply_reports(select(Reply.id).where(Reply.author_id == user_id))
    db.session.execute(delete(Reply).where(Reply.author_id == user_id))


def _delete_stories(user_id: int) -> None:
    own = select(Story.id).where(Story.author_id == user_id)
    replies_on_own = select(Reply.id).where(Reply.story_id.in_(own))
    for kind, ids in (("story", own), ("reply", replies_on_own)):
        # Their moderation history names only ids; with the posts gone it leads nowhere, so it goes too.
        forget_decisions(kind, ids)
    forget_reply_reports(replies_on_own)
    versions.forget("reply", replies_on_own)
    versions.forget("story", own)
    for model in (Reaction, Report, Reply, Lesson, StoryFollow):
        db.session.execute(delete(model).where(model.story_id.in_(own)))
    db.session.execute(delete(Story).where(Story.author_id == user_id))


def erase(user_id: int, keep_posts: bool = False) -> None:
    """Reactions and reports go; posts are deleted, or kept under their pseudonyms with no author. Their
    versions go either way: a kept post keeps only its published text."""
    _take_back_reactions(user_id)
    db.session.execute(delete(PostEdit).where(PostEdit.author_id == user_id))
    db.session.execute(delete(Report).where(Report.reporter_id == user_id))
    db.session.execute(delete(ReplyReport).where(ReplyReport.reporter_id == user_id))
    db.session.execute(delete(StoryFollow).where(StoryFollow.user_id == user_id))
    if keep_posts:
        db.session.execute(update(Story).where(Story.author_id == user_id).values(author_id=None))
        db.session.execute(update(Reply).where(Reply.author_id == user_id).values(author_id=None))
    else:
        _delete_replies(user_id)
        _delete_stories(user_id)


lifecycle.register_export("posts", export)
lifecycle.register_post_erase(erase)
