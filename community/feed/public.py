"""Stories, replies and lessons as anyone may see them, and the reads of single stories.

Authors are never exposed: every public serialisation goes through `public_story`, `public_stories`,
`public_reply` or `public_lesson`, none of which reads `author_id`. Public times are to the hour.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from flask import current_app
from sqlalchemy import (
    Select,
    String,
    bindparam,
    func,
    or_,
    select,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import joinedload

from community.accounts.models import User
from community.accounts.trust import established_before
from community.errors import not_found
from community.extensions import db
from community.feed.rule import (
    can_view_story,
)
from community.groups.models import SupportGroup
from community.models import isoformat, to_the_hour
from community.permissions import is_author, is_moderator, sees_every_status
from community.statuses import PUBLISHED
from community.stories.models import (
    Lesson,
    PostEdit,
    Reaction,
    Story,
)

# A company is named only once this many different members name it, so it cannot single anyone out.
COMPANY_THRESHOLD = 3


def visible_story(story_id: int, viewer: Any) -> Story:
    """The published story if the viewer may see it, else 404 (never 403: that would confirm it exists)."""
    story = db.session.get(Story, story_id)
    if not can_view_story(story, viewer):
        raise not_found("That story")
    return story


def readable_story(story_id: int, viewer: Any) -> Story:
    """Like `visible_story`, but its author and moderators see it in any status. Its lessons come in the same
    query, for `public_story`."""
    story = db.session.get(Story, story_id, options=[joinedload(Story.lessons)])
    if not (sees_every_status(story, viewer) or can_view_story(story, viewer)):
        raise not_found("That story")
    return story


def shown_companies(stories: Sequence[Any], conn: Connection | None = None) -> set[int]:
    """The ids among these stories whose company anyone may see: the author allowed it, the story is not in
    a private group, and at least COMPANY_THRESHOLD established members name the company in public
    published stories. Two small queries at most, none when no story allows it."""
    allowed = [s for s in stories if s.company_key and s.share_company]
    if not allowed:
        return set()
    conn = conn or db.session.connection()
    group_ids = sorted({s.group_id for s in allowed if s.group_id is not None})
    private = set(conn.scalars(_PRIVATE_AMONG, {"group_ids": group_ids})) if group_ids else set()
    allowed = [s for s in allowed if s.group_id not in private]
    keys = sorted({s.company_key for s in allowed})
    if not keys:
        return set()
    params = {f"k{i}": k for i, k in enumerate(keys)}
    named = set(conn.scalars(_companies_named_enough(len(keys)), {**params, "trusted": established_before()}))
    return {s.id for s in allowed if s.company_key in named}


_PRIVATE_AMONG = select(SupportGroup.id).where(
    SupportGroup.id.in_(bindparam("group_ids", expanding=True)), SupportGroup.visibility == "private"
)


@functools.cache
def _companies_named_enough(count: int) -> Select:
    """Which of `count` company keys (bound as k0, k1, ...) enough different established members name in
    public published stories. New accounts and private groups cannot lift a company into view.

    Per company it stops at the threshold's worth of distinct authors, so a popular company costs a few index
    steps rather than a count over every story naming it. Built once per key count: a feed page reuses it.
    """
    public = or_(
        Story.group_id.is_(None),
        Story.group_id.not_in(select(SupportGroup.id).where(SupportGroup.visibility == "private")),
    )
    checks = []
    for i in range(count):
        key = bindparam(f"k{i}", type_=String)
        authors = (
            select(Story.author_id)
            .join(User, User.id == Story.author_id)
            .where(
                Story.company_key == key,
                Story.status == PUBLISHED,
                public,
                User.email_confirmed_at <= bindparam("trusted"),
            )
            .distinct()
            .limit(COMPANY_THRESHOLD)
            .subquery()
        )
        enough = select(func.count()).select_from(authors).scalar_subquery() >= COMPANY_THRESHOLD
        checks.append(select(key).where(enough))
    return union_all(*checks) if count > 1 else checks[0]


_LESSONS_OF = (
    select(Lesson.story_id, Lesson.category, Lesson.text)
    .where(Lesson.story_id.in_(bindparam("story_ids", expanding=True)))
    .order_by(Lesson.story_id, Lesson.position)
)


def _lessons_of(story_ids: list[int], conn: Connection) -> dict[int, list[dict]]:
    """The lessons of these stories in one query, as plain rows: a feed page builds no Lesson objects."""
    found: dict[int, list[dict]] = {story_id: [] for story_id in story_ids}
    if story_ids:
        for story_id, category, text in conn.execute(_LESSONS_OF, {"story_ids": story_ids}):
            found[story_id].append({"category": category, "text": text})
    return found


def story_dict(story: Story, shown: set[int], lessons: list[dict], exact: bool = False) -> dict:
    """`shown`: the ids whose company may be seen (`shown_companies`). Public times are to the hour, so a
    story cannot be matched to the moment someone was seen online; `exact` is for its author and moderators."""
    body = {
        "id": story.id,
        "title": story.title,
        "body_html": story.body_html or "",
        "lessons": lessons,
        "stage": story.stage,
        "industry": story.industry,
        "company": story.company if story.id in shown else None,
        "group_id": story.group_id,
        "pseudonym": story.pseudonym,
        "published_at": isoformat(story.published_at if exact else to_the_hour(story.published_at)),
        "reactions": reaction_counts(story),
        "reply_count": story.reply_count,
    }
    if story.content_notes:
        # Present only on a story that has notes: lists show it closed behind them.
        body["content_notes"] = list(story.content_notes)
    return body


def public_stories(stories: Sequence[Any], conn: Connection | None = None) -> list[dict]:
    """Stories as anyone may see them (never their author), in two queries at most for any number.

    `stories` are `Story` objects or rows with the public columns; callers choose which ones, with
    `visible_to` picking only those the viewer may see. `conn` is the session's connection unless given.
    """
    conn = conn or db.session.connection()
    lessons = _lessons_of([story.id for story in stories], conn)
    companies = shown_companies(stories, conn)
    return [story_dict(story, companies, lessons[story.id]) for story in stories]


def public_story(story: Story, viewer: Any = None) -> dict:
    """The story as `viewer` sees it: as anyone does, or with its company and exact time for its author
    (and the exact time for moderators)."""
    lessons = [{"category": lesson.category, "text": lesson.text} for lesson in story.lessons]
    return viewed(story_dict(story, shown_companies([story]), lessons), story, viewer)


def viewed(body: dict, story: Any, viewer: Any) -> dict:
    if is_author(story, viewer):
        return {**body, "company": story.company, "published_at": isoformat(story.published_at)}
    if is_moderator(viewer):
        return {**body, "published_at": isoformat(story.published_at)}
    return body


def own_stories(stories: Sequence[Story]) -> list[dict]:
    """Stories as their author sees them: the public shape, the status and what moderation said."""
    resources = current_app.config["CRISIS_RESOURCES"]
    latest = latest_edits("story", [story.id for story in stories])
    return [
        {
            **body,
            "company": story.company,
            "published_at": isoformat(story.published_at),
            "status": story.status,
            "moderation": _what_moderation_said(story, latest.get(story.id), resources),
            "edit_status": _edit_status(latest.get(story.id)),
        }
        for body, story in zip(public_stories(stories), stories, strict=True)
    ]


def _edit_status(edit: Any) -> str | None:
    return None if edit is None else edit.status


def _what_moderation_said(story: Story, edit: Any, resources: Any) -> dict[str, Any]:
    """What moderation told the author about the story, or about their latest edit where that said more."""
    if edit is not None and edit.status in ("held", "rejected") and (edit.reason or edit.show_resources):
        return {"reason": edit.reason, "resources": resources if edit.show_resources else None}
    return {"reason": story.moderation_reason, "resources": resources if story.show_resources else None}


def reaction_counts(story: Story) -> dict[str, int]:
    return {"me_too": story.me_too_count, "helpful": story.helpful_count, "strength": story.strength_count}


def my_reactions(story_id: int, user_id: int | None) -> set[str]:
    if user_id is None:
        return set()
    return set(
        db.session.scalars(
            select(Reaction.kind).where(Reaction.story_id == story_id, Reaction.user_id == user_id)
        )
    )


def latest_edits(kind: str, target_ids: Iterable[int]) -> dict[int, PostEdit]:
    """Each post's latest edit (posts never edited are left out)."""
    ids = list(target_ids)
    if not ids:
        return {}
    rows = db.session.scalars(
        select(PostEdit).where(PostEdit.kind == kind, PostEdit.target_id.in_(ids)).order_by(PostEdit.id)
    )
    return {edit.target_id: edit for edit in rows}
