"""The member's weekly digest as JSON under /api/v1."""

from __future__ import annotations

from flask_login import current_user
from pydantic import BaseModel, Field
from spectree import Response

from community.api import bp
from community.api.auth import member_required
from community.api.spec import BEARER, ErrorResponse, Schema, spec
from community.digest import loading


class DigestQuery(Schema):
    week: str | None = Field(
        None,
        description="An ISO week such as 2026-W47 (UTC, Monday to Sunday); default: the last complete week.",
    )


class Reactions(BaseModel):
    me_too: int
    helpful: int
    strength: int


class GroupRef(BaseModel):
    id: int
    name: str
    slug: str


class DigestStory(BaseModel):
    id: int
    title: str
    pseudonym: str
    url: str
    stage: str
    industry: str
    group: GroupRef | None
    published_at: str
    reactions: Reactions
    content_notes: list[str] | None = Field(None, description="Present when the story has content notes.")


class DigestLesson(BaseModel):
    category: str
    text: str
    story_id: int
    helpful: int


class DigestMentor(BaseModel):
    id: int
    display_name: str
    headline: str
    industries: list[str]


class DigestGroup(BaseModel):
    id: int
    name: str
    slug: str
    stories: int = Field(description="Stories published in the group that week.")


class Digest(BaseModel):
    week: str
    stories: list[DigestStory]
    lessons: list[DigestLesson]
    mentors: list[DigestMentor]
    groups: list[DigestGroup]


@bp.get("/me/digest")
@member_required
@spec.validate(
    query=DigestQuery,
    resp=Response(HTTP_200=Digest, HTTP_401=ErrorResponse, HTTP_422=ErrorResponse),
    tags=["digest"],
    security=BEARER,
)
def my_digest(query: DigestQuery):
    """What was published that week in the member's groups and the public feed, the most helpful
    lessons, and newly volunteered mentors in the member's industries."""
    return loading.digest_for(current_user.id, query.week)
