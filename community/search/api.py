"""GET /api/v1/search: published stories and lessons the caller may see, best match first."""

from __future__ import annotations

from typing import Literal

from flask_login import current_user
from pydantic import BaseModel, Field
from spectree import Response

from community.api import bp
from community.api.spec import ErrorResponse, Page, spec
from community.search import services
from community.stories.schemas import Category, Stage, StoryQuery


class SearchQuery(StoryQuery):
    q: str = Field(
        min_length=1,
        max_length=services.Q_MAX,
        description='Words to look for; "quoted phrases", -excluded words and prefix* work, '
        "anything else is read as plain words.",
    )
    kind: Literal[services.KINDS] = "stories"  # type: ignore[valid-type]
    stage: Stage | None = None
    category: Category | None = None


class SearchHit(BaseModel):
    kind: Literal["story", "lesson"]
    story_id: int
    title: str
    snippet_html: str = Field(description="Escaped text with the matched words in <mark>.")
    lesson_category: str | None


class SearchPage(Page[SearchHit]):
    pass


FIELDS = tuple(SearchHit.model_fields)


@bp.get("/search")
@spec.validate(query=SearchQuery, resp=Response(HTTP_200=SearchPage, HTTP_422=ErrorResponse), tags=["search"])
def search(query: SearchQuery):
    found = services.search(
        current_user,
        query.q,
        query.kind,
        stage=query.stage,
        industry=query.industry,
        category=query.category,
        group_id=query.group_id,
        page=query.page,
        per_page=query.per_page,
    )
    found["items"] = [{name: item[name] for name in FIELDS} for item in found["items"]]
    return found
