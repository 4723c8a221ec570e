from __future__ import annotations

from typing import Annotated

from flask_login import current_user
from pydantic import BaseModel, Field
from spectree import Response

from community.api import bp
from community.api.auth import member_required
from community.api.spec import BEARER, ErrorResponse, Page, Schema, spec
from community.models import MAX_ID
from community.notifications import services
from community.pagination import PageQuery


class NotificationQuery(PageQuery):
    unread: bool = False


class NotificationOut(BaseModel):
    id: int
    kind: str
    text: str
    link: str | None
    created_at: str
    read: bool


class NotificationPage(Page[NotificationOut]):
    pass


class UnreadCount(BaseModel):
    unread: int


class MarkRead(Schema):
    ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(None, max_length=100)
    all: bool = False


@bp.get("/me/notifications")
@member_required
@spec.validate(
    query=NotificationQuery,
    resp=Response(HTTP_200=NotificationPage, HTTP_401=ErrorResponse),
    tags=["notifications"],
    security=BEARER,
)
def list_notifications(query: NotificationQuery):
    return services.list_notifications(current_user.id, query.unread, query.page, query.per_page)


@bp.get("/me/notifications/count")
@member_required
@spec.validate(
    resp=Response(HTTP_200=UnreadCount, HTTP_401=ErrorResponse), tags=["notifications"], security=BEARER
)
def notification_count():
    return {"unread": services.unread_count(current_user.id)}


@bp.post("/me/notifications/read")
@member_required
@spec.validate(
    json=MarkRead,
    resp=Response("HTTP_204", HTTP_401=ErrorResponse, HTTP_404=ErrorResponse, HTTP_422=ErrorResponse),
    tags=["notifications"],
    security=BEARER,
)
def mark_notifications_read(json: MarkRead):
    services.mark_read(current_user.id, json.ids, json.all)
    return "", 204
