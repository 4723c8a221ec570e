from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Select, func, select

from community.extensions import db


class PageQuery(BaseModel):
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(20, ge=1, le=100)


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
