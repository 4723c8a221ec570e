"""Search over published stories and lessons: one function, `search`, on SQLite and PostgreSQL alike.

Results hold only what the viewer may see (the visibility rule of community/feed/rule.py, as every list),
best match first, in the contract's list shape. The matched words are marked by the database's own snippet
function (`snippet` in FTS5, `ts_headline` in PostgreSQL) with two characters no page shows; the snippet is
then escaped whole and only those characters become `<mark>` and `</mark>`, so nothing a member wrote can be
read as HTML.
"""

from __future__ import annotations

import html
import re
from typing import Any

from sqlalchemy import ColumnElement, and_, column, exists, func, join, literal_column, select, table, text

from community.errors import invalid
from community.extensions import db
from community.feed.rule import visible_to
from community.industries import industry_key
from community.pagination import known_total, page_of
from community.search import query as search_query
from community.search.schema import STORY_COLUMNS
from community.stories.models import Lesson, Story

Q_MAX = 200
# How many matches a search ranks: the newest that the viewer may see. A word found in a fifth of a million
# stories would otherwise be ranked, and counted, over two hundred thousand of them (over a second at a
# million stories); these are found in index order and stop at this many, so a search costs the same
# whatever the number of stories (on PostgreSQL 2 ms to rank 500, 4 ms for 1,000). The page says so when
# there were more, and suggests another word.
CANDIDATES = 500
KINDS = ("stories", "lessons")
_START, _STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{_START}([^{_START}{_STOP}]*){_STOP}")
SNIPPET_TOKENS = 24
# Relevance of a story's fields: a word in the title counts most, then lessons and industry, then the body.
_BM25_WEIGHTS = "10.0, 1.0, 4.0, 4.0"
_HEADLINE = f'StartSel="{_START}", StopSel="{_STOP}", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
_WHOLE = f'StartSel="{_START}", StopSel="{_STOP}", HighlightAll=true'
_ENGLISH = literal_column("'english'::regconfig")


def check_q(q: str | None) -> str:
    """The query as typed, or 422 when it is empty or longer than `Q_MAX` characters."""
    if q is None or not q.strip():
        raise invalid(q="Type a word or two to look for.")
    if len(q) > Q_MAX:
        raise invalid(q=f"Keep the search under {Q_MAX} characters.")
    return q


def snippet_html(marked: str | None) -> str:
    """The database's snippet, escaped, with its matches in `<mark>`; a stray marker character (one a member
    typed) is dropped."""
    escaped = html.escape(marked or "", quote=False)
    escaped = _MARKED.sub(r"<mark>\1</mark>", escaped)
    return escaped.replace(_START, "").replace(_STOP, "")


def search(
    viewer: Any,
    q: str | None,
    kind: str = "stories",
    *,
    stage: str | None = None,
    industry: str | None = None,
    category: str | None = None,
    group_id: int | None = None,
    page: int = 1,
    per_page: int = 20,
) -> dict:
    """A page of `{"kind", "story_id", "title", "content_notes", "snippet_html", "lesson_category"}` (lessons also carry
    `lesson_position`, for the link to the lesson in its story), best match first. One query on PostgreSQL (its
    rows carry the count), two at most on SQLite."""
    parsed = search_query.parse(check_q(q))
    if parsed.empty:
        return page_of([], page, per_page, 0)
    where: list[ColumnElement[bool]] = [visible_to(viewer)]
    if stage:
        where.append(Story.stage == stage)
    if industry:
        where.append(func.lower(Story.industry) == industry_key(industry))
    if group_id is not None:
        where.append(Story.group_id == group_id)
    lessons = kind == "lessons"
    if category and lessons:
        where.append(Lesson.category == category)
    elif category:
        where.append(exists().where(Lesson.story_id == Story.id, Lesson.category == category))
    build = _postgres if db.engine.dialect.name == "postgresql" else _sqlite
    stmt, count = build(parsed, lessons, where, per_page, (page - 1) * per_page)
    rows = db.session.execute(stmt).all()
    # On PostgreSQL each row carries the number of candidates (FTS5's functions cannot run beside a window
    # function); a page past the end has no row to carry it.
    total = rows[0]._mapping.get("total") if rows else None
    if total is None:
        total = known_total(page, per_page, len(rows))
    if total is None:
        total = db.session.scalar(count) or 0
    return page_of([_item(row, lessons) for row in rows], page, per_page, total)


def _snippet(row: Any) -> str:
    snippet = getattr(row, "snippet", None)
    if snippet is None:
        snippet = row.body if _START in (row.body or "") or _START not in (row.lessons or "") else row.lessons
    return snippet


def _item(row: Any, lessons: bool) -> dict:
    item = {
        "kind": "lesson" if lessons else "story",
        "story_id": row.story_id,
        "title": row.title,
        "content_notes": list(row.content_notes or []),
        "snippet_html": snippet_html(_snippet(row)),
        "lesson_category": row.category if lessons else None,
    }
    if lessons:
        item["lesson_position"] = row.position
    return item


def _sqlite(parsed: search_query.SearchQuery, lessons: bool, where: list, limit: int, offset: int) -> tuple:
    name = "search_lesson" if lessons else "search_story"
    index = table(name, column("rowid"))
    match = text(f"{name} MATCH :match").bindparams(match=search_query.fts5(parsed))
    fts = literal_column(name)
    if lessons:
        score = func.bm25(fts)
        columns: tuple = (Lesson.category, Lesson.position)
        source = index.join(Lesson, Lesson.id == index.c.rowid).join(Story, Story.id == Lesson.story_id)
        order: tuple = (score, Story.id.desc(), Lesson.position)
    else:
        score = literal_column(f"bm25(search_story, {_BM25_WEIGHTS})")
        columns = ()
        source = index.join(Story, Story.id == index.c.rowid)
        order = (score, Story.id.desc())
    # A lesson is short (500 characters at most): shown whole, its matches marked. A story's snippet comes
    # from its body, or from its lessons when only they match (the title is shown anyway).
    if lessons:
        snippets: tuple = (func.highlight(fts, 0, _START, _STOP).label("snippet"),)
    else:
        snippets = tuple(
            func.snippet(fts, STORY_COLUMNS.index(name), _START, _STOP, "…", SNIPPET_TOKENS).label(name)
            for name in ("body", "lessons")
        )
    # The newest matches (FTS5 walks its index in rowid order and stops), then ranked among themselves.
    candidates = (
        select(index.c.rowid)
        .select_from(source)
        .where(match, *where)
        .order_by(index.c.rowid.desc())
        .limit(CANDIDATES)
    )
    stmt = (
        select(Story.id.label("story_id"), Story.title, Story.content_notes, *snippets, *columns)
        .select_from(source)
        .where(match, index.c.rowid.in_(candidates.scalar_subquery()))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    return stmt, select(func.count()).select_from(candidates.subquery())


def _tsquery(parsed: search_query.SearchQuery) -> Any:
    words, prefixes = search_query.websearch(parsed)
    tsquery = func.websearch_to_tsquery(_ENGLISH, words)
    for prefix in prefixes:
        tsquery = tsquery.op("&&")(func.to_tsquery(_ENGLISH, prefix + ":*"))
    return tsquery


def _postgres(parsed: search_query.SearchQuery, lessons: bool, where: list, limit: int, offset: int) -> tuple:
    """The ranked page first, then the headlines of only the rows it keeps: `ts_headline` reads the whole
    text, far too dear to run over every match."""
    tsquery = _tsquery(parsed)
    if lessons:
        # The expression of the GIN index on lesson (community/search/schema.py), so that index serves it.
        document = func.to_tsvector(_ENGLISH, Lesson.text)
        source = join(Lesson, Story, Story.id == Lesson.story_id)
        keys: tuple = (
            Story.id.label("story_id"),
            Lesson.id.label("lesson_id"),
            Lesson.position.label("position"),
        )
    else:
        index = table("search_story", column("story_id"), column("document"))
        document = index.c.document
        source = join(index, Story, Story.id == index.c.story_id)
        keys = (Story.id.label("story_id"),)
    matched = and_(document.op("@@")(tsquery), *where)
    # The newest matches first, in the order of an index (the planner walks it and stops after
    # `CANDIDATES` for a common word, or takes the few a rare one finds from the GIN index), then ranked.
    newest = Lesson.id.desc() if lessons else index.c.story_id.desc()
    candidates = (
        select(*keys, document.label("document"))
        .select_from(source)
        .where(matched)
        .order_by(newest)
        .limit(CANDIDATES)
        .subquery("candidates")
    )
    rank = func.ts_rank_cd(candidates.c.document, tsquery)
    ranked = (
        select(
            *(candidates.c[key.name] for key in keys),
            rank.label("rank"),
            func.count().over().label("total"),
        )
        .order_by(
            rank.desc(),
            candidates.c.story_id.desc(),
            *((candidates.c.position,) if lessons else ()),
        )
        .limit(limit)
        .offset(offset)
        .subquery("ranked")
    )
    if lessons:
        body: Any = Lesson.text
        stmt = (
            select(
                ranked.c.story_id,
                Story.title,
                Story.content_notes,
                Lesson.category,
                Lesson.position,
                ranked.c.total,
            )
            .select_from(ranked)
            .join(Lesson, Lesson.id == ranked.c.lesson_id)
            .join(Story, Story.id == ranked.c.story_id)
        )
        order: tuple = (ranked.c.rank.desc(), ranked.c.story_id.desc(), ranked.c.position)
    else:
        lesson_texts = (
            select(func.string_agg(Lesson.text, literal_column("' '")))
            .where(Lesson.story_id == Story.id)
            .scalar_subquery()
        )
        body = Story.body + " " + func.coalesce(lesson_texts, "")
        stmt = (
            select(ranked.c.story_id, Story.title, Story.content_notes, ranked.c.total)
            .select_from(ranked)
            .join(Story, Story.id == ranked.c.story_id)
        )
        order = (ranked.c.rank.desc(), ranked.c.story_id.desc())
    headline = func.ts_headline(_ENGLISH, body, tsquery, _WHOLE if lessons else _HEADLINE)
    stmt = stmt.add_columns(headline.label("snippet")).order_by(*order)
    return stmt, select(func.count()).select_from(candidates)
