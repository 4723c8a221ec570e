"""JSON routes of this area under /api/v1."""

from __future__ import annotations

from typing import Any, Literal

from flask_login import current_user
from pydantic import BaseModel, Field
from spectree import Response

from community.api import bp
from community.api.auth import member_required, moderator_required
from community.api.spec import BEARER, ErrorResponse, Page, Schema, spec
from community.groups import services
from community.pagination import CursorQuery, PageQuery, next_link, paginate


class NewGroup(Schema):
    name: str = Field(max_length=200, description="1-80 characters; the slug is derived from it.")
    description: str = Field("", max_length=20_000, description="Markdown, up to 5,000 characters.")
    visibility: str = Field("public", description="public, or private: its stories are for members only.")


class GroupOut(BaseModel):
    id: int
    slug: str
    name: str
    description: str
    visibility: Literal["public", "private"]
    member_count: int
    is_member: bool


class GroupPage(Page[GroupOut]):
    pass


class GroupStoryPage(Page[dict[str, Any]]):
    pass


def _viewer_id() -> int | None:
    return current_user.id if current_user.is_authenticated else None


def _group_json(rows: list[dict]) -> list[dict]:
    return [{key: row[key] for key in GroupOut.model_fields} for row in rows]


def group_body(group_id: int) -> dict:
    group = services.get_group(group_id)
    return _group_json(services.group_rows([group], _viewer_id()))[0]


@bp.get("/groups")
@spec.validate(query=PageQuery, resp=Response(HTTP_200=GroupPage), tags=["groups"])
def list_groups(query: PageQuery):
    viewer_id = _viewer_id()
    return paginate(
        services.groups_query(),
        query.page,
        query.per_page,
        lambda groups: _group_json(services.group_rows(groups, viewer_id)),
    )


@bp.post("/groups")
@moderator_required
@spec.validate(
    json=NewGroup,
    resp=Response(HTTP_201=GroupOut, HTTP_403=ErrorResponse, HTTP_422=ErrorResponse),
    tags=["groups"],
    security=BEARER,
)
def create_group(json: NewGroup):
    group = services.create_group(json.name, json.description, json.visibility, current_user.id)
    return group_body(group.id), 201


@bp.get("/groups/<int:group_id>")
@spec.validate(resp=Response(HTTP_200=GroupOut, HTTP_404=ErrorResponse), tags=["groups"])
def get_group(group_id: int):
    return group_body(group_id)


@bp.post("/groups/<int:group_id>/members")
@member_required
@spec.validate(
    resp=Response(HTTP_200=GroupOut, HTTP_401=ErrorResponse, HTTP_404=ErrorResponse),
    tags=["groups"],
    security=BEARER,
)
def join_group(group_id: int):
    services.join_group(group_id, current_user.id)
    return group_body(group_id)


@bp.delete("/groups/<int:group_id>/members/me")
@member_required
@spec.validate(
    resp=Response("HTTP_204", HTTP_401=ErrorResponse, HTTP_404=ErrorResponse),
    tags=["groups"],
    security=BEARER,
)
def leave_group(group_id: int):
    services.leave_group(group_id, current_user.id)
    return "", 204


@bp.get("/groups/<int:group_id>/stories")
@spec.validate(
    query=CursorQuery,
    resp=Response(HTTP_200=GroupStoryPage, HTTP_400=ErrorResponse, HTTP_404=ErrorResponse),
    tags=["groups"],
)
def group_stories(group_id: int, query: CursorQuery):
    group = services.get_group(group_id)
    page = services.group_stories(group, current_user, query.page, query.per_page, query.cursor)
    body = {key: value for key, value in page.items() if key != "next_cursor"}
    return body, 200, next_link(page)
