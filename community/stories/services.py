"""Stories, lessons, replies, reactions and reports.

Authors are never exposed: every public serialisation goes through `public_story`, `public_reply` or
`public_lesson`, none of which reads `author_id`.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from flask import current_app
from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased, contains_eager, joinedload

from community import queue
from community.accounts.models import User
from community.accounts.trust import established_before
from community.errors import forbidden, invalid, not_found
from community.extensions import db
from community.groups.models import GroupMembership, SupportGroup
from community.industries import INDUSTRY_MAX
from community.models import MAX_ID, isoformat, to_the_hour, utcnow
from community.notifications.services import notify
from community.pagination import known_total, make_cursor, page_of, paginate, read_cursor
from community.statuses import PUBLISHED
from community.stories import feed_cache, pseudonyms, versions
from community.stories.models import (
    CATEGORIES,
    COMPANY_MAX,
    CONTENT_NOTES,
    REACTION_KINDS,
    STAGES,
    Lesson,
    LessonTally,
    Reaction,
    Reply,
    Report,
    Story,
    StoryFollow,
    StoryTally,
    company_key,
)
from community.stories.queries import (
    can_view_story,
    private_groups_of,
    tally_rule,
    viewer_kind,
    visibility_rule,
    visible_clause,
)
from community.stories.reports import forget_reply_reports

log = logging.getLogger(__name__)

TITLE_MAX = 120
BODY_MAX = 20_000
LESSONS_MAX = 10
LESSON_TEXT_MAX = 500

REPLY_MAX = 5_000
# What a post its author deleted while a moderator had yet to read it says, in place of the reason.
AUTHOR_DELETED = "Deleted by its author before a moderator read it."
# A company is named only once this many different members name it, so it cannot single anyone out.
COMPANY_THRESHOLD = 3

STAGE_LABELS = {
    "application": "Application",
    "recruiter_screen": "Recruiter screen",
    "technical": "Technical interview",
    "hiring_manager": "Hiring manager",
    "onsite": "Onsite",
    "final_round": "Final round",
    "other": "Other",
}
CATEGORY_LABELS = {
    "preparation": "Preparation",
    "first_impression": "First impression",
    "answers": "Answers",
    "enthusiasm": "Enthusiasm",
    "questions_asked": "Questions asked",
    "materials": "Materials",
    "follow_up": "Follow-up",
    "skills": "Skills",
    "mindset": "Mindset",
    "other": "Other",
}
# The interview self-audit, one question per category.
CATEGORY_QUESTIONS = {
    "preparation": "Did I research the company and the role?",
    "first_impression": "Did I make a good first impression?",
    "answers": "Did I listen carefully and answer well?",
    "enthusiasm": "Did I show real enthusiasm for the job?",
    "questions_asked": "Did I ask informed questions?",
    "materials": "Did I bring the right documents and examples?",
    "follow_up": "Did I close well and follow up?",
    "skills": "Was there a skill I need to build?",
    "mindset": "How did I handle nerves, setbacks and myself?",
    "other": "Anything else I learned.",
}
REACTION_LABELS = {"me_too": "Me too", "helpful": "Helpful", "strength": "Sending strength"}


# --- validation ---------------------------------------------------------------------------------------


def _squash(value: Any) -> str:
    """Trimmed, with runs of white space (newlines included) made single spaces: for one-line fields."""
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _lesson_fields(item: Any) -> tuple[Any, Any]:
    if isinstance(item, Mapping):
        return item.get("category"), item.get("text")
    return getattr(item, "category", None), getattr(item, "text", None)


def clean_lessons(lessons: Any, fields: dict[str, str]) -> list[tuple[str, str]]:
    """(category, text) pairs; problems go into `fields` as lessons or lessons.N.category / lessons.N.text."""
    if not isinstance(lessons, Sequence) or isinstance(lessons, str | bytes):
        fields["lessons"] = f"Give a list of 1 to {LESSONS_MAX} lessons."
        return []
    if not 1 <= len(lessons) <= LESSONS_MAX:
        fields["lessons"] = f"Share between 1 and {LESSONS_MAX} lessons."
        return []
    cleaned = []
    for i, item in enumerate(lessons):
        category, text = _lesson_fields(item)
        if category not in CATEGORIES:
            fields[f"lessons.{i}.category"] = "Choose one of: " + ", ".join(CATEGORIES) + "."
        text = text.strip() if isinstance(text, str) else ""
        if not text:
            fields[f"lessons.{i}.text"] = "Write what you learned."
        elif len(text) > LESSON_TEXT_MAX:
            fields[f"lessons.{i}.text"] = f"Keep each lesson to {LESSON_TEXT_MAX} characters."
        cleaned.append((category, text))
    return cleaned


def clean_content_notes(notes: Any, fields: dict[str, str]) -> list[str]:
    """The notes in their usual order, each once; an unknown kind goes into `fields`."""
    if notes is None:
        return []
    if (
        not isinstance(notes, Sequence)
        or isinstance(notes, str | bytes)
        or not all(isinstance(note, str) and note in CONTENT_NOTES for note in notes)
    ):
        fields["content_notes"] = "Choose among: " + ", ".join(CONTENT_NOTES) + "."
        return []
    return [note for note in CONTENT_NOTES if note in notes]


def _check_group(group_id: Any, author_id: int, fields: dict[str, str]) -> int | None:
    if group_id is None:
        return None
    if not isinstance(group_id, int) or isinstance(group_id, bool) or not 0 < group_id <= MAX_ID:
        fields["group_id"] = "Choose one of your groups."
        return None
    membership = db.session.scalar(
        select(GroupMembership.id)
        .join(SupportGroup, SupportGroup.id == GroupMembership.group_id)
        .where(GroupMembership.group_id == group_id, GroupMembership.user_id == author_id)
    )
    if membership is None:
        fields["group_id"] = "You can post only to a group you have joined."
    return group_id


def _text(value: Any, name: str, limit: int, fields: dict[str, str], what: str, one_line: bool) -> str:
    text = _squash(value) if one_line else (value.strip() if isinstance(value, str) else "")
    if not text:
        fields[name] = f"Add {what}."
    elif len(text) > limit:
        fields[name] = f"Use at most {limit:,} characters."
    return text


def clean_story(values: Mapping[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    """A story's own fields as stored (new or edited), trimmed; problems go into `fields`."""
    company = values.get("company")
    if company is not None and not isinstance(company, str):
        fields["company"] = "Give the company as text, or leave it out."
    company = _squash(company) or None
    if company and len(company) > COMPANY_MAX:
        fields["company"] = f"Use at most {COMPANY_MAX} characters."
    share_company = values.get("share_company", False)
    if not isinstance(share_company, bool):
        fields["share_company"] = "Choose true or false."
    stage = values.get("stage")
    if stage not in STAGES:
        fields["stage"] = "Choose one of: " + ", ".join(STAGES) + "."
    return {
        "title": _text(values.get("title"), "title", TITLE_MAX, fields, "a title", one_line=True),
        "body": _text(values.get("body"), "body", BODY_MAX, fields, "your story", one_line=False),
        "lessons": [
            {"category": category, "text": text}
            for category, text in clean_lessons(values.get("lessons"), fields)
        ],
        "stage": stage,
        "industry": _text(
            values.get("industry"), "industry", INDUSTRY_MAX, fields, "an industry", one_line=True
        ),
        "company": company,
        "share_company": bool(share_company is True and company),
        "content_notes": clean_content_notes(values.get("content_notes"), fields),
    }


def clean_reply_body(body: Any, fields: dict[str, str]) -> str:
    return _text(body, "body", REPLY_MAX, fields, "a reply", one_line=False)


def _user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise not_found("That member")
    return user


# --- posting ------------------------------------------------------------------------------------------


def create_story(
    author_id: int,
    title: str,
    body: str,
    lessons: Iterable[Mapping[str, str]],
    stage: str,
    industry: str,
    company: str | None = None,
    group_id: int | None = None,
    share_company: bool = False,
    content_notes: Sequence[str] | None = None,
) -> int:
    """Validate, store as pending and enqueue moderation; the new story's id. 422 naming every field at
    fault."""
    _user(author_id)
    fields: dict[str, str] = {}
    clean = clean_story(
        {
            "title": title,
            "body": body,
            "lessons": lessons,
            "stage": stage,
            "industry": industry,
            "company": company,
            "share_company": share_company,
            "content_notes": content_notes,
        },
        fields,
    )
    group_id = _check_group(group_id, author_id, fields)
    if fields:
        raise invalid(**fields)
    title, body, stage, industry = clean["title"], clean["body"], clean["stage"], clean["industry"]
    company, share_company, notes = clean["company"], clean["share_company"], clean["content_notes"]
    cleaned_lessons = [(lesson["category"], lesson["text"]) for lesson in clean["lessons"]]

    # Plain INSERTs (one statement for the story, one for all its lessons): nothing reads the new rows back.
    story_id = db.session.execute(
        insert(Story)
        .values(
            author_id=author_id,
            group_id=group_id,
            title=title,
            body=body,
            stage=stage,
            industry=industry,
            company=company,
            company_key=company_key(company),
            share_company=bool(share_company and company),
            content_notes=notes,
            pseudonym=pseudonyms.draw(),
            status="pending",
        )
        .returning(Story.id)
        .execution_options(feed_change=feed_cache.UNSEEN)
    ).scalar_one()
    # Its author follows it from the start, to hear of replies.
    db.session.execute(insert(StoryFollow).values(story_id=story_id, user_id=author_id))
    if cleaned_lessons:
        db.session.execute(
            insert(Lesson).execution_options(feed_change=feed_cache.UNSEEN),
            [
                {"story_id": story_id, "position": i, "category": category, "text": text}
                for i, (category, text) in enumerate(cleaned_lessons)
            ],
        )
    return _submit("story", story_id)


def _submit(kind: str, post_id: int) -> int:
    """Commit the new pending story or reply and queue its moderation; its id."""
    db.session.commit()
    queue.enqueue_moderation(kind, post_id)
    return post_id


def create_reply(story_id: int, author_id: int, body: str) -> int:
    """A pending reply to a story the author can see, moderated like stories; its id."""
    author = _user(author_id)
    story = visible_story(story_id, author)
    fields: dict[str, str] = {}
    body = clean_reply_body(body, fields)
    if fields:
        raise invalid(**fields)
    reply_id = db.session.execute(
        insert(Reply)
        .values(
            story_id=story.id,
            author_id=author_id,
            body=body,
            pseudonym=pseudonyms.draw(),
            status="pending",
        )
        .returning(Reply.id)
    ).scalar_one()
    return _submit("reply", reply_id)


# --- reading ------------------------------------------------------------------------------------------


def visible_story(story_id: int, viewer: Any) -> Story:
    """The published story if the viewer may see it, else 404 (never 403: that would confirm it exists)."""
    story = db.session.get(Story, story_id)
    if not can_view_story(story, viewer):
        raise not_found("That story")
    return story


def _own_or_moderated(story: Any, viewer: Any) -> bool:
    """Whether the viewer wrote the story or moderates: they see it in any status."""
    signed_in = story is not None and getattr(viewer, "is_authenticated", False)
    return signed_in and (story.author_id == viewer.id or viewer.is_moderator)


def readable_story(story_id: int, viewer: Any) -> Story:
    """Like `visible_story`, but its author and moderators see it in any status. Its lessons come in the same
    query, for `public_story`."""
    story = db.session.get(Story, story_id, options=[joinedload(Story.lessons)])
    if not (_own_or_moderated(story, viewer) or can_view_story(story, viewer)):
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


def _story_dict(story: Story, shown: set[int], lessons: list[dict], exact: bool = False) -> dict:
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
    `visible_clause` picking only those the viewer may see. `conn` is the session's connection unless given.
    """
    conn = conn or db.session.connection()
    lessons = _lessons_of([story.id for story in stories], conn)
    companies = shown_companies(stories, conn)
    return [_story_dict(story, companies, lessons[story.id]) for story in stories]


def public_story(story: Story, viewer: Any = None) -> dict:
    """The story as `viewer` sees it: as anyone does, or with its company and exact time for its author
    (and the exact time for moderators)."""
    lessons = [{"category": lesson.category, "text": lesson.text} for lesson in story.lessons]
    return _viewed(_story_dict(story, shown_companies([story]), lessons), story, viewer)


def _viewed(body: dict, story: Any, viewer: Any) -> dict:
    if not getattr(viewer, "is_authenticated", False):
        return body
    if story.author_id == viewer.id:
        return {**body, "company": story.company, "published_at": isoformat(story.published_at)}
    if viewer.is_moderator:
        return {**body, "published_at": isoformat(story.published_at)}
    return body


def own_stories(stories: Sequence[Story]) -> list[dict]:
    """Stories as their author sees them: the public shape, the status and what moderation said."""
    resources = current_app.config["CRISIS_RESOURCES"]
    latest = versions.latest_edits("story", [story.id for story in stories])
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
    where = [Story.status == PUBLISHED, visibility_rule(kind)]
    if "group_id" in filters:
        where.append(Story.group_id == bindparam("group_id"))
    if "stage" in filters:
        where.append(Story.stage == bindparam("stage"))
    if "industry" in filters:
        where.append(func.lower(Story.industry) == bindparam("industry"))
    if "category" in filters:
        where.append(Story.id.in_(select(Lesson.story_id).where(Lesson.category == bindparam("category"))))
    if "category" in filters:
        count = select(func.count()).select_from(Story).where(*where)
    else:
        # The kept tally, a sum over a few rows per group, stage and industry, not a count of the stories.
        tallied = [tally_rule(kind, StoryTally.group_id)]
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
    values = {"group_id": group_id, "stage": stage, "industry": industry and _squash(industry).lower()}
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
        if not (visible or _own_or_moderated(story, viewer)):
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
        "story": _viewed(_story_dict(story, companies, lessons), story, viewer),
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
        .where(visible_clause(viewer))
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
        .where(tally_rule(kind, LessonTally.group_id))
        .group_by(LessonTally.category)
    )
    if category:
        stmt = stmt.where(LessonTally.category == category)
    rows = db.session.execute(stmt, {"viewer_id": getattr(viewer, "id", None)}).all()
    counts = dict.fromkeys(CATEGORIES, 0)
    counts.update({name: int(count) for name, count in rows if name in counts})
    feed_cache.keep(ticket, tuple(counts.items()))
    return counts


# --- encouragement --------------------------------------------------------------------------------------

_COUNTERS = {"me_too": Story.me_too_count, "helpful": Story.helpful_count, "strength": Story.strength_count}


def _check_kind(kind: str) -> None:
    if kind not in REACTION_KINDS:
        raise invalid(kind="Choose one of: " + ", ".join(REACTION_KINDS) + ".")


def _bump(story_id: int, kind: str, step: int) -> None:
    column = _COUNTERS[kind]
    # Computed by the database, so concurrent reactions never overwrite each other's counts.
    db.session.execute(
        update(Story)
        .where(Story.id == story_id)
        .values({column: column + step})
        .execution_options(synchronize_session=False, feed_change="soft")
    )


def current_counts(story_id: int) -> dict[str, int]:
    me_too, helpful, strength = db.session.execute(
        select(Story.me_too_count, Story.helpful_count, Story.strength_count).where(Story.id == story_id)
    ).one()
    return {"me_too": me_too, "helpful": helpful, "strength": strength}


def react(story_id: int, user_id: int, kind: str) -> dict[str, int]:
    """Add the member's reaction of this kind (once; again changes nothing); the story's counts after."""
    _check_kind(kind)
    visible_story(story_id, _user(user_id))
    exists = db.session.scalar(
        select(Reaction.id).where(
            Reaction.story_id == story_id, Reaction.user_id == user_id, Reaction.kind == kind
        )
    )
    if exists is None:
        db.session.add(Reaction(story_id=story_id, user_id=user_id, kind=kind))
        try:
            db.session.flush()
        except IntegrityError:
            # The same reaction arrived twice at once; the other request counted it.
            db.session.rollback()
        else:
            _bump(story_id, kind, 1)
            db.session.commit()
            # The worker tells the author; the request only asks it to.
            queue.enqueue("default", "worker.jobs.tell_of_reaction", story_id, user_id)
    return current_counts(story_id)


def tell_author_of_reaction(story_id: int, user_id: int) -> None:
    """The story's author hears of encouragement: one notification per story and day, counting up. It says
    nothing about who reacted. Run by the worker after a reaction."""
    story = db.session.get(Story, story_id)
    if story is None or story.author_id is None or story.author_id == user_id:
        return
    today = utcnow().date().isoformat()
    note = notify(
        story.author_id,
        "reactions",
        "",
        f"/stories/{story_id}#reactions",
        subject_key=f"reactions-{story_id}-{today}",
    )
    count = note.count or 1
    title = story.title if len(story.title) <= 60 else story.title[:59].rstrip() + "\u2026"
    note.text = (
        f"Your story \u201c{title}\u201d was encouraged today."
        if count == 1
        else f"Your story \u201c{title}\u201d was encouraged {count} times today."
    )
    db.session.commit()


def unreact(story_id: int, user_id: int, kind: str) -> dict[str, int]:
    """Take the member's reaction back (nothing happens if there was none); the story's counts after."""
    _check_kind(kind)
    visible_story(story_id, _user(user_id))
    removed = db.session.execute(
        delete(Reaction)
        .where(Reaction.story_id == story_id, Reaction.user_id == user_id, Reaction.kind == kind)
        .execution_options(synchronize_session=False)
    )
    if removed.rowcount == 1:
        _bump(story_id, kind, -1)
    db.session.commit()
    return current_counts(story_id)


def my_reactions(story_id: int, user_id: int | None) -> set[str]:
    if user_id is None:
        return set()
    return set(
        db.session.scalars(
            select(Reaction.kind).where(Reaction.story_id == story_id, Reaction.user_id == user_id)
        )
    )


# --- removing -----------------------------------------------------------------------------------------


def delete_story(story_id: int, actor_id: int) -> None:
    """The author deletes the story for good; a moderator removes someone else's (kept, status removed).

    Either way it leaves every list, lesson library and digest at once.
    """
    from community.moderation.models import ReviewItem
    from community.moderation.services import open_item, record_decision

    actor = _user(actor_id)
    story = readable_story(story_id, actor)
    if story.author_id == actor.id and open_item("story", story_id) is not None:
        # A moderator has yet to read it (it may be someone at risk): it leaves every list and the author's
        # own, and stays readable for the moderator, who can still reach its author.
        if story.status != "removed":
            record_decision("story", story_id, "delete", story.status, "removed", reason=AUTHOR_DELETED)
        story.status, story.moderation_reason = "removed", AUTHOR_DELETED
        db.session.commit()
        return
    if story.author_id == actor.id:
        reply_ids = select(Reply.id).where(Reply.story_id == story_id)
        db.session.execute(
            update(ReviewItem)
            .where(
                ReviewItem.resolved_at.is_(None),
                ((ReviewItem.kind == "story") & (ReviewItem.target_id == story_id))
                | ((ReviewItem.kind == "reply") & ReviewItem.target_id.in_(reply_ids)),
            )
            .values(resolved_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        forget_reply_reports(reply_ids)
        versions.forget("reply", reply_ids)
        versions.forget("story", [story_id])
        for model in (Reaction, Report, Reply, StoryFollow):
            db.session.execute(
                delete(model).where(model.story_id == story_id).execution_options(synchronize_session=False)
            )
        db.session.delete(story)
        db.session.commit()
        return
    if not actor.is_moderator:
        raise forbidden("Only the author or a moderator can delete a story.")
    if story.status == "removed":
        return
    reason = "A moderator removed this story."
    record_decision("story", story_id, "remove", story.status, "removed", actor=actor, reason=reason)
    story.status = "removed"
    story.moderation_reason = reason
    db.session.commit()


def author_groups(user_id: int) -> list[SupportGroup]:
    """The groups a member belongs to: where they may post."""
    return list(
        db.session.scalars(
            select(SupportGroup)
            .join(GroupMembership, GroupMembership.group_id == SupportGroup.id)
            .where(GroupMembership.user_id == user_id)
            .order_by(SupportGroup.name)
        )
    )
