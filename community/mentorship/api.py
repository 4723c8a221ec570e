"""JSON routes of this area under /api/v1."""

from __future__ import annotations

from typing import Literal

from flask_login import current_user
from pydantic import BaseModel, Field
from spectree import Response

from community.api import bp
from community.api.auth import member_required
from community.api.spec import BEARER, ErrorResponse, Page, Schema, spec
from community.errors import not_found
from community.mentorship import finding, requesting, volunteering
from community.mentorship.models import REQUEST_STATUSES, MentorProfile
from community.pagination import PageQuery
from community.stories.models import CATEGORIES

Status = Literal[REQUEST_STATUSES]  # type: ignore[valid-type]


class ProfileIn(Schema):
    headline: str = Field(max_length=1_000, description="1-120 characters.")
    bio: str = Field("", max_length=20_000, description="Markdown, up to 5,000 characters.")
    expertise: list[str] = Field(
        max_length=len(CATEGORIES), description=f"Lesson categories: {', '.join(CATEGORIES)}."
    )
    industries: list[str] = Field(default_factory=list, max_length=100)
    capacity: int = Field(description="How many mentees at once, 1-10.")
    accepting: bool = Field(True, description="false pauses new requests without losing the profile.")


class ProfileOut(BaseModel):
    id: int
    display_name: str
    headline: str
    bio: str
    bio_html: str
    expertise: list[str]
    industries: list[str]
    capacity: int
    accepting: bool
    active: bool
    active_count: int
    open_slots: int


class MentorOut(BaseModel):
    id: int
    display_name: str
    headline: str
    bio_html: str
    expertise: list[str]
    industries: list[str]
    open_slots: int


class MentorPage(Page[MentorOut]):
    pass


class MentorQuery(PageQuery):
    industry: str | None = Field(None, max_length=200)
    expertise: str | None = Field(None, max_length=200)


class RequestIn(Schema):
    message: str = Field(max_length=10_000, description="1-2,000 characters: who you are, what would help.")


class RequestCreated(BaseModel):
    id: int
    status: Status


class Person(BaseModel):
    id: int
    display_name: str
    email: str | None = Field(None, description="Only once the request is accepted, for the other side.")


class RequestOut(BaseModel):
    id: int
    status: Status
    message: str
    mentor: Person
    mentee: Person
    created_at: str


class MyRequests(BaseModel):
    incoming: list[RequestOut]
    outgoing: list[RequestOut]


def profile_body(profile: MentorProfile) -> dict:
    return {
        "id": profile.id,
        "display_name": current_user.display_name,
        "headline": profile.headline,
        "bio": profile.bio,
        "bio_html": profile.bio_html,
        "expertise": list(profile.expertise or []),
        "industries": list(profile.industries or []),
        "capacity": profile.capacity,
        "accepting": profile.accepting,
        "active": profile.active,
        "active_count": profile.active_count,
        "open_slots": finding.open_slots(profile),
    }


@bp.get("/me/mentor-profile")
@member_required
@spec.validate(
    resp=Response(HTTP_200=ProfileOut, HTTP_401=ErrorResponse, HTTP_404=ErrorResponse),
    tags=["mentorship"],
    security=BEARER,
)
def get_mentor_profile():
    profile = volunteering.profile_for(current_user.id)
    if profile is None:
        raise not_found("Your mentor profile")
    return profile_body(profile)


@bp.put("/me/mentor-profile")
@member_required
@spec.validate(
    json=ProfileIn,
    resp=Response(HTTP_200=ProfileOut, HTTP_401=ErrorResponse, HTTP_422=ErrorResponse),
    tags=["mentorship"],
    security=BEARER,
)
def put_mentor_profile(json: ProfileIn):
    profile = volunteering.volunteer(
        current_user.id,
        json.headline,
        json.bio,
        json.expertise,
        json.industries,
        json.capacity,
        json.accepting,
    )
    return profile_body(profile)


@bp.delete("/me/mentor-profile")
@member_required
@spec.validate(resp=Response("HTTP_204", HTTP_401=ErrorResponse), tags=["mentorship"], security=BEARER)
def delete_mentor_profile():
    volunteering.stop_volunteering(current_user.id)
    return "", 204


@bp.get("/mentors")
@spec.validate(
    query=MentorQuery, resp=Response(HTTP_200=MentorPage, HTTP_422=ErrorResponse), tags=["mentorship"]
)
def list_mentors(query: MentorQuery):
    viewer_id = current_user.id if current_user.is_authenticated else None
    return finding.list_mentors(viewer_id, query.industry, query.expertise, query.page, query.per_page)


@bp.post("/mentors/<int:mentor_id>/requests")
@member_required
@spec.validate(
    json=RequestIn,
    resp=Response(
        HTTP_201=RequestCreated, HTTP_404=ErrorResponse, HTTP_409=ErrorResponse, HTTP_422=ErrorResponse
    ),
    tags=["mentorship"],
    security=BEARER,
)
def request_mentor(mentor_id: int, json: RequestIn):
    item = requesting.request_mentor(mentor_id, current_user.id, json.message)
    return {"id": item.id, "status": item.status}, 201


@bp.get("/me/mentorship-requests")
@member_required
@spec.validate(
    resp=Response(HTTP_200=MyRequests, HTTP_401=ErrorResponse), tags=["mentorship"], security=BEARER
)
def my_requests():
    return requesting.member_requests(current_user.id)


def _answer(action, request_id: int) -> dict:
    item = action(request_id, current_user.id)
    return {"id": item.id, "status": item.status}


_ANSWER_RESPONSES = Response(
    HTTP_200=RequestCreated, HTTP_403=ErrorResponse, HTTP_404=ErrorResponse, HTTP_409=ErrorResponse
)


@bp.post("/mentorship-requests/<int:request_id>/accept")
@member_required
@spec.validate(resp=_ANSWER_RESPONSES, tags=["mentorship"], security=BEARER)
def accept_request(request_id: int):
    return _answer(requesting.accept, request_id)


@bp.post("/mentorship-requests/<int:request_id>/decline")
@member_required
@spec.validate(resp=_ANSWER_RESPONSES, tags=["mentorship"], security=BEARER)
def decline_request(request_id: int):
    return _answer(requesting.decline, request_id)


@bp.post("/mentorship-requests/<int:request_id>/close")
@member_required
@spec.validate(resp=_ANSWER_RESPONSES, tags=["mentorship"], security=BEARER)
def close_request(request_id: int):
    return _answer(requesting.close, request_id)
