"""The lists of the read path, in the contract's shape: the feed (and a group's stories), a story's page with
its replies, an author's own stories and the lessons library. Each reads an index in its own order and stops
after a page; a cursor reads on from the last item shown; totals come from the kept tallies.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    func,
    or_,
    select,
    tuple_,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased, contains_eager

from community.errors import not_found
from community.extensions import db
from community.feed import cache as feed_cache
from community.feed.public import (
    my_reactions,
    own_stories,
    public_stories,
    shown_companies,
    story_dict,
    viewed,
    visible_story,
)
from community.feed.rule import (
    can_view_story,
    private_groups_of,
    viewer_kind,
    visible_rule,
    visible_to,
)
from community.industries import industry_key
from community.models import isoformat, to_the_hour
from community.pagination import known_total, make_cursor, page_of, paginate, read_cursor
from community.permissions import sees_every_status
from community.statuses import AUTHOR_DELETED, PUBLISHED
from community.stories.models import (
    CATEGORIES,
    Lesson,
    LessonTally,
    Reply,
    Story,
    StoryTally,
)

# What a public story shows; a feed page reads just these columns as plain rows (no ORM objects): it is
# the most requested page, and the Markdown source alone can be 20,000 characters a story.
_PUBLIC_COLUMNS = (
    Story.id,
    Story.title,
    Story.body_html,
    Story.stage,
    Story.industry,
    Story.company,
    Story.company_key,
    Story.share_company,
    Story.content_notes,
    Story.group_id,
    Story.pseudonym,
    Story.published_at,
    Story.me_too_count,
    Story.helpful_count,
    Story.strength_count,
    Story.reply_count,
)
NEWEST_FIRST = (Story.published_at.desc(), Story.id.desc())


@functools.cache
def _feed_statements(kind: str, filters: frozenset[str], with_total: bool = True) -> tuple[Select, Select]:
    """The count and page statements of a feed (each page row carries the count as `total` too), built once
    per kind of viewer and set of filters; values (viewer_id, the filters, limit, offset) are bound when they
    run."""
    where = [visible_rule(kind)]
    if "group_id" in filters:
        where.append(Story.group_id == bindparam("group_id"))
    if "stage" in filters:
        where.append(Story.stage == bindparam("stage"))
    if "industry" in filters:
        where.append(func.lower(Story.industry) == bindparam("industry"))
    if "category" in filters:
        where.append(Story.id.in_(select(Lesson.story_id).where(Lesson.category == bindparam("category"))))
        # Stories by a lesson's category are not tallied: counted, through the lessons' category index.
        count = select(func.count()).select_from(Story).where(*where)
    else:
        # The kept tally, a sum over a few rows per group, stage and industry, not a count of the stories.
        tallied = [visible_rule(kind, StoryTally.group_id)]
        if "group_id" in filters:
            tallied.append(StoryTally.group_id == bindparam("group_id"))
        if "stage" in filters:
            tallied.append(StoryTally.stage == bindparam("stage"))
        if "industry" in filters:
            tallied.append(StoryTally.industry_key == bindparam("industry"))
        count = select(func.coalesce(func.sum(StoryTally.n), 0)).where(*tallied)
    if "after" in filters:
        # Keyset: the stories after the last one of the page before, read from the index in feed order.
        anchor = aliased(Story)
        anchor_at = select(anchor.published_at).where(anchor.id == bindparam("after")).scalar_subquery()
        where.append(tuple_(Story.published_at, Story.id) < tuple_(anchor_at, bindparam("after")))
    # The page's ids first, from the index alone (it holds the group too), then only their rows: an offset
    # past many stories skips index entries, not rows of up to 20,000 characters.
    ids = (
        select(Story.id)
        .where(*where)
        .order_by(*NEWEST_FIRST)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )
    # The total comes along (computed once per statement), sparing a round trip for the count; left out
    # when this process still knows it.
    total = (count.correlate(None).scalar_subquery().label("total"),) if with_total else ()
    page = select(*_PUBLIC_COLUMNS, *total).where(Story.id.in_(ids.scalar_subquery())).order_by(*NEWEST_FIRST)
    return count, page


def list_stories(
    viewer: Any,
    page: int = 1,
    per_page: int = 20,
    group_id: int | None = None,
    stage: str | None = None,
    industry: str | None = None,
    category: str | None = None,
    cursor: str | None = None,
) -> dict:
    """A page of the stories the viewer may see, newest first, optionally filtered, in the contract's list
    shape with a `next_cursor`; three queries whatever it holds (the page with the count, its lessons, the
    company lookup), and none for a visitor's page that nothing has changed since it was last built (one,
    the private-group check, for a member who sees what visitors see).

    With a `cursor` (a page's `next_cursor`), the page after that one, read on from its last story: page 500
    costs what page 1 does. 400 for a cursor of another list or filters."""
    values = {"group_id": group_id, "stage": stage, "industry": industry and industry_key(industry)}
    values["category"] = category
    filters = {name: value for name, value in values.items() if value is not None and value != ""}
    scope = "stories:" + json.dumps(filters, sort_keys=True)
    if cursor:
        page, filters["after"] = read_cursor(cursor, scope)
    kind = viewer_kind(viewer)
    cacheable = not cursor and feed_cache.cacheable(page, per_page, filters)
    private = private_groups_of(viewer.id) if kind == "member" else []
    if cacheable and kind in ("anonymous", "member") and not private:
        # Most members belong to no private group and see just what visitors see: they share visitors' pages.
        return feed_cache.cached_public_page(
            filters, page, lambda first, n: _feed_pages("anonymous", filters, first, n, per_page, scope)
        )
    if kind == "member":
        mine = {**filters, "viewer_id": viewer.id}
        if cacheable:
            # Members of the same private groups see the same stories: they share pages, kept under that set
            # of groups (a member who joins or leaves one has another set, so never a page of the old one).
            return feed_cache.cached_public_page(
                {**filters, "private_groups": private},
                page,
                lambda first, n: _feed_pages("member", mine, first, n, per_page, scope, tuple(private)),
            )
        return _feed_pages(kind, mine, page, 1, per_page, scope, tuple(private))[0]
    return _feed_pages(kind, filters, page, 1, per_page, scope)[0]


def _feed_pages(
    kind: str,
    params: dict[str, Any],
    first: int,
    count: int,
    per_page: int,
    scope: str,
    audience: tuple[int, ...] = (),
) -> list[dict]:
    """`count` feed pages from page `first` on, in the same three queries as one; a cursor's page (`after`
    in `params`) reads on from its story, without an offset."""
    filters = frozenset(params) - {"viewer_id"}
    # The same total for every viewer who sees the same stories: known while nothing visitors see changes
    # (a member's own set of private groups is part of the key: joining one changes what they see).
    counted = frozenset((k, v) for k, v in params.items() if k not in ("viewer_id", "after"))
    known, ticket = feed_cache.recall(("feed", kind, audience, counted))
    total_stmt, rows = _feed_statements(kind, filters, with_total=known is None)
    with _reading() as conn:
        offset = 0 if "after" in params else (first - 1) * per_page
        stories = conn.execute(rows, {**params, "limit": per_page * count, "offset": offset}).all()
        if not stories and "after" in params:
            # The story the cursor names is gone (deleted, or held since): the page by its number instead.
            params = {k: v for k, v in params.items() if k != "after"}
            total_stmt, rows = _feed_statements(kind, filters - {"after"}, with_total=known is None)
            limits = {"limit": per_page * count, "offset": (first - 1) * per_page}
            stories = conn.execute(rows, {**params, **limits}).all()
        total = known
        if total is None:
            # A page past the end has no rows to carry the total.
            total = int(stories[0].total if stories else conn.execute(total_stmt, params).scalar_one())
            feed_cache.keep(ticket, total)
        items = public_stories(stories, conn)
    pages = []
    for n in range(count):
        shown = stories[n * per_page : (n + 1) * per_page]
        page = page_of(items[n * per_page : (n + 1) * per_page], first + n, per_page, int(total))
        more = len(shown) == per_page and page["page"] < page["pages"]
        page["next_cursor"] = make_cursor(scope, first + n + 1, shown[-1].id) if more else None
        pages.append(page)
    return pages


@contextlib.contextmanager
def _reading() -> Iterator[Connection]:
    """Where the statements of a page that only reads run. When nothing else in the request has touched the
    database yet (a visitor's page), a connection of its own in autocommit mode: it spares the BEGIN and
    ROLLBACK round trips, and each statement sees the latest committed data, as it would in a READ COMMITTED
    transaction anyway. Otherwise the session's connection, inside its transaction.
    """
    # (Looked up without creating a session: a visitor's request needs none.)
    if db.session.registry.has() and db.session().in_transaction():
        yield db.session.connection()
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        yield conn


# A story's page is among the most requested: the story, its lessons and a page of its replies are read as
# plain rows with statements built once, in two queries.
_STORY_WITH_LESSONS = (
    select(
        *_PUBLIC_COLUMNS,
        Story.status,
        Story.author_id,
        Lesson.category.label("lesson_category"),
        Lesson.text.label("lesson_text"),
    )
    .outerjoin(Lesson, Lesson.story_id == Story.id)
    .where(Story.id == bindparam("story_id"))
    .order_by(Lesson.position)
)
_PUBLISHED_REPLIES = (Reply.story_id == bindparam("story_id"), Reply.status == PUBLISHED)
_REPLY_PAGE = (
    select(Reply.id, Reply.body_html, Reply.pseudonym, Reply.created_at, Reply.author_id)
    .where(*_PUBLISHED_REPLIES)
    .order_by(Reply.created_at, Reply.id)
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)
_REPLY_COUNT = select(func.count()).select_from(Reply).where(*_PUBLISHED_REPLIES)


def story_page(story_id: int, viewer: Any, page: int = 1, per_page: int = 50) -> dict:
    """What a story's page shows: `story` as anyone may see it, its `status`, whether the viewer `is_author`,
    a page of `replies` (None unless the story is published) and the viewer's own reactions (`mine`).

    404 as for `readable_story`. One query for a story without replies, two with (plus one for a full page of
    replies, and the group check of a story in a group).
    """
    with _reading() as conn:
        rows = conn.execute(_STORY_WITH_LESSONS, {"story_id": story_id}).all()
        story = rows[0] if rows else None
        visible = can_view_story(story, viewer)
        if not (visible or sees_every_status(story, viewer)):
            raise not_found("That story")
        lessons = [
            {"category": row.lesson_category, "text": row.lesson_text}
            for row in rows
            if row.lesson_category is not None
        ]
        replies = None
        if visible and not story.reply_count:
            # The count kept with every decision on a reply: none published, none to look for.
            replies = page_of([], page, per_page, 0)
        elif visible:
            params = {"story_id": story_id}
            found = conn.execute(
                _REPLY_PAGE, {**params, "limit": per_page, "offset": (page - 1) * per_page}
            ).all()
            total = known_total(page, per_page, len(found))
            if total is None:
                total = conn.execute(_REPLY_COUNT, params).scalar_one()
            viewer_id = viewer.id if getattr(viewer, "is_authenticated", False) else None
            # `own` is for the page's delete button only; the API's replies never carry it.
            items = [
                {
                    **public_reply(reply, story.author_id),
                    "own": reply.author_id == viewer_id and viewer_id is not None,
                }
                for reply in found
            ]
            replies = page_of(items, page, per_page, total)
        companies = shown_companies([story], conn)
    member = getattr(viewer, "is_authenticated", False)
    return {
        "story": viewed(story_dict(story, companies, lessons), story, viewer),
        "status": story.status,
        "is_author": member and story.author_id == viewer.id,
        "replies": replies,
        "mine": my_reactions(story_id, viewer.id if member else None),
    }


def my_stories(author_id: int, page: int = 1, per_page: int = 20) -> dict:
    stmt = (
        select(Story)
        .where(Story.author_id == author_id, Story.moderation_reason.is_distinct_from(AUTHOR_DELETED))
        .order_by(Story.created_at.desc(), Story.id.desc())
    )
    return paginate(stmt, page, per_page, own_stories)


def public_reply(reply: Any, story_author_id: int | None) -> dict:
    """`is_author`: the story's own author wrote it, shown as "author". It tells nothing else about anyone:
    every reply keeps its own pseudonym."""
    return {
        "is_author": story_author_id is not None and reply.author_id == story_author_id,
        "id": reply.id,
        "body_html": reply.body_html or "",
        "pseudonym": reply.pseudonym,
        "created_at": isoformat(to_the_hour(reply.created_at)),
    }


def list_replies(story_id: int, viewer: Any, page: int = 1, per_page: int = 20) -> dict:
    """Published replies, oldest first, like a conversation."""
    story = visible_story(story_id, viewer)
    stmt = (
        select(Reply)
        .where(Reply.story_id == story.id, Reply.status == PUBLISHED)
        .order_by(Reply.created_at, Reply.id)
    )
    return paginate(stmt, page, per_page, lambda rows: [public_reply(r, story.author_id) for r in rows])


def public_lesson(lesson: Lesson) -> dict:
    return {
        "category": lesson.category,
        "text": lesson.text,
        "story_id": lesson.story_id,
        "helpful": lesson.story.helpful_count,
    }


def lessons_query(viewer: Any, category: str | None = None) -> Select[tuple[Lesson]]:
    stmt = (
        select(Lesson)
        .join(Lesson.story)
        .where(visible_to(viewer))
        .options(contains_eager(Lesson.story))
        .order_by(Story.helpful_count.desc(), Story.published_at.desc(), Story.id.desc(), Lesson.position)
    )
    if category:
        stmt = stmt.where(Lesson.category == category)
    return stmt


def list_lessons(
    viewer: Any, category: str | None = None, page: int = 1, per_page: int = 20, cursor: str | None = None
) -> dict:
    """Lessons of the stories the viewer may see, most helpful first; the total from the kept tally. With a
    `cursor` (a page's `next_cursor`), the page after that one, read on from its last lesson. 400 for a
    cursor of another list or category."""
    scope = f"lessons:{category or ''}"
    stmt = lessons_query(viewer, category)
    rows: Sequence[Lesson] = []
    if cursor:
        page, after = read_cursor(cursor, scope)
        rows = db.session.scalars(stmt.where(_after_lesson(after)).limit(per_page)).all()
    if not rows:
        # No cursor, or the lesson it names is gone: the page by its number.
        rows = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    total = known_total(page, per_page, len(rows)) if not cursor else None
    if total is None:
        total = sum(lessons_per_category(viewer, category).values())
    found = page_of([public_lesson(r) for r in rows], page, per_page, total)
    more = len(rows) == per_page and page < found["pages"]
    found["next_cursor"] = make_cursor(scope, page + 1, rows[-1].id) if more else None
    return found


def _after_lesson(lesson_id: int) -> ColumnElement[bool]:
    """The lessons after this one in the library's order (its story's helpful count, time and id, newest
    first, then position): a range of the stories' index from its story on, then its story's later lessons."""
    anchor = aliased(Story)
    anchor_lesson = aliased(Lesson)
    key = (
        select(anchor.helpful_count, anchor.published_at, anchor.id, anchor_lesson.position)
        .join(anchor_lesson, anchor_lesson.story_id == anchor.id)
        .where(anchor_lesson.id == lesson_id)
        .subquery()
    )
    helpful, published, story_id, position = (
        select(column).scalar_subquery()
        for column in (key.c.helpful_count, key.c.published_at, key.c.id, key.c.position)
    )
    return and_(
        tuple_(Story.helpful_count, Story.published_at, Story.id) <= tuple_(helpful, published, story_id),
        or_(Story.id != story_id, Lesson.position > position),
    )


def lessons_per_category(viewer: Any, category: str | None = None) -> dict[str, int]:
    """How many visible lessons each category (or just `category`) holds, every category present (zero when
    empty): a sum over the kept tally's rows, whatever the number of lessons."""
    kind = viewer_kind(viewer)
    audience = tuple(private_groups_of(viewer.id)) if kind == "member" else ()
    known, ticket = feed_cache.recall(("lessons", kind, audience, category))
    if known is not None:
        return dict(known)
    stmt = (
        select(LessonTally.category, func.sum(LessonTally.n))
        .where(visible_rule(kind, LessonTally.group_id))
        .group_by(LessonTally.category)
    )
    if category:
        stmt = stmt.where(LessonTally.category == category)
    rows = db.session.execute(stmt, {"viewer_id": getattr(viewer, "id", None)}).all()
    counts = dict.fromkeys(CATEGORIES, 0)
    counts.update({name: int(count) for name, count in rows if name in counts})
    feed_cache.keep(ticket, tuple(counts.items()))
    return counts
