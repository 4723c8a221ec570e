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
    """One count and one page query; `serialize` receives the whole page so it can batch its loads."""
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    pages = max(1, -(-total // per_page))
    return {"items": serialize(rows), "page": page, "pages": pages, "total": total}
