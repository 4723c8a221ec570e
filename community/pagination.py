"""Lists in the contract's shape, for pages, the API and services alike: page numbers, counts, cursors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from flask import current_app, request
from itsdangerous import BadData, URLSafeSerializer
from pydantic import BaseModel, Field
from sqlalchemy import Select, func, select

from community.errors import ServiceError
from community.extensions import db

CURSOR_SALT = "list-cursor"
CURSOR_MAX = 300


PAGE_MAX = 100_000


def page_number() -> int:
    """The page a page's `?page=` asks for: 1 unless it is a whole number from 1 to `PAGE_MAX`."""
    # Werkzeug's int conversion answers the default for anything int() refuses (letters, "²", a number
    # too long to convert).
    return max(1, min(request.args.get("page", 1, type=int), PAGE_MAX))


class PageQuery(BaseModel):
    page: int = Field(1, ge=1, le=PAGE_MAX)
    per_page: int = Field(20, ge=1, le=100)


class CursorQuery(PageQuery):
    cursor: str | None = Field(
        None,
        max_length=CURSOR_MAX,
        description='From the `Link: <…>; rel="next"` header of the page before: the next page, read on '
        "from where that one ended (as fast at page 500 as at page 1). Takes the place of `page`.",
    )


# --- cursors -----------------------------------------------------------------------------------------------
# A cursor names the page it leads to and the last item of the page before (an id, public already: no time
# or count that is not shown anyway), signed so that it cannot be altered, and bound to its list and filters
# (`scope`), so that one list's cursor cannot be used on another.


def _cursors() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=CURSOR_SALT)


def make_cursor(scope: str, page: int, after: int) -> str:
    return _cursors().dumps([scope, page, after])


def next_link(page: dict) -> dict[str, str]:
    """The `Link` header (RFC 8288) to the page after this one, read on by cursor; none on the last page.
    The body keeps the contract's list shape."""
    cursor = page.get("next_cursor")
    if not cursor:
        return {}
    args = {**request.args, "cursor": cursor, "page": page["page"] + 1}
    return {"Link": f'<{request.base_url}?{urlencode(args)}>; rel="next"'}


def read_cursor(token: str, scope: str) -> tuple[int, int]:
    """(page, id of the last item before it); 400 for a cursor that was altered or belongs to another list."""
    try:
        found, page, after = _cursors().loads(token)
    except (BadData, TypeError, ValueError):
        found = page = after = None
    if found != scope or not isinstance(page, int) or not isinstance(after, int) or page < 2:
        raise ServiceError(400, "That cursor is not one this list gave out: start again from the first page.")
    return page, after


def paginate(
    stmt: Select,
    page: int,
    per_page: int,
    serialize: Callable[[Sequence[Any]], list[dict]],
) -> dict:
    """The page query, and a count only when the page cannot tell the total itself (see `known_total`): the
    last or only page of a list, which most lists are, costs one query. `serialize` receives the whole page so
    it can batch its loads."""
    rows = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    total = known_total(page, per_page, len(rows))
    if total is None:
        total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    return page_of(serialize(rows), page, per_page, total)


def known_total(page: int, per_page: int, found: int) -> int | None:
    """A list's total when its page tells it (`found` rows, fewer than a full page: the last page, or an
    empty first one); None when it must be counted."""
    if 0 < found < per_page or (page == 1 and found == 0):
        return (page - 1) * per_page + found
    return None


def page_of(items: list, page: int, per_page: int, total: int) -> dict:
    """The contract's list shape."""
    return {"items": items, "page": page, "pages": max(1, -(-total // per_page)), "total": total}
