"""The toolkit's JSON routes under /api/v1/me: thin, over the same services as the pages. Every route is
the caller's own: another member's ids answer 404, whoever asks."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_login import current_user
from pydantic import BaseModel, Field
from spectree import Response

from community.api import bp
from community.api.auth import member_required
from community.api.spec import BEARER, ErrorResponse, Page, Schema, spec
from community.pagination import PageQuery
from community.stories.models import CATEGORIES, STAGES
from community.toolkit import debriefs, feedback, plans, progress, story
from community.toolkit.content import AUDIT_CATEGORIES, tones
from community.toolkit.models import OUTCOMES

TAGS = ["toolkit"]
PRIVATE_PATHS = ("/api/v1/me/debriefs", "/api/v1/me/plan", "/api/v1/me/progress")


@bp.after_request
def _never_stored(response):
    """The toolkit's answers are private: no browser or proxy keeps a copy."""
    if request.path.startswith(PRIVATE_PATHS):
        response.headers["Cache-Control"] = "no-store"
    return response


class AuditAnswer(BaseModel):
    rating: int | None = Field(None, description="1 (needs work) to 5 (went well).")
    notes: str | None = Field(None, description="Up to 5,000 characters.")


class DebriefIn(Schema):
    company: str | None = Field(None, description="Required when creating; up to 100 characters.")
    role: str | None = Field(None, description="Up to 120 characters.")
    industry: str | None = Field(None, description="Up to 60 characters.")
    stage: str | None = Field(None, description=f"Required when creating: one of {', '.join(STAGES)}.")
    interviewed_on: str | None = Field(None, description="Required when creating: a date, not in the future.")
    outcome: str | None = Field(None, description=f"One of {', '.join(OUTCOMES)}.")
    audit: dict[str, AuditAnswer] | None = Field(
        None, description=f"Keyed by category: {', '.join(AUDIT_CATEGORIES)}."
    )
    went_well: list[str] | None = Field(None, description="Up to 10 short texts.")
    feedback: str | None = Field(None, description="The feedback received, up to 5,000 characters.")


class FeedbackRequestOut(BaseModel):
    sent_on: str
    follow_up_days: int
    follow_up_due_at: str
    followed_up: bool = False


class DebriefOut(BaseModel):
    id: int
    company: str
    role: str | None
    industry: str | None
    stage: str
    interviewed_on: str
    outcome: str | None
    audit: dict[str, AuditAnswer]
    went_well: list[str]
    feedback: str | None
    feedback_request: FeedbackRequestOut | None = None
    created_at: str


class DebriefPage(Page[DebriefOut]):
    pass


class DraftQuery(Schema):
    tone: str | None = Field(None, description=f"One of {', '.join(tones())}; default warm.")


class FeedbackDraft(BaseModel):
    subject: str
    body: str
    tone: str


class FeedbackSentIn(Schema):
    sent_on: str | None = Field(None, description="The day it was sent (default today), not in the future.")
    follow_up_days: int | None = Field(None, description="Days until a follow-up reminder, 1-30 (default 7).")


class StoryDraftIn(Schema):
    share_company: bool = Field(False, description="Put the company in the draft.")


class DraftLesson(BaseModel):
    category: str
    text: str


class StoryDraft(BaseModel):
    title: str
    body: str
    lessons: list[DraftLesson]
    stage: str
    industry: str
    company: str | None
    share_company: bool


class Goals(BaseModel):
    applications: float | None = None
    networking: float | None = None
    skills_hours: float | None = None
    rest_days: float | None = None


class ActionIn(BaseModel):
    id: int | None = Field(None, description="One of your actions; leave out to add a new one.")
    text: str | None = Field(None, description="Up to 500 characters.")
    category: str | None = Field(None, description=f"One of {', '.join(CATEGORIES)}, or none.")
    done: bool = False


class PlanIn(Schema):
    weekly_goals: dict[str, Any] | None = Field(
        None, description="applications, networking, skills_hours and rest_days per week."
    )
    actions: list[Any] | None = Field(
        None, description="The whole list of actions: {id?, text, category, done}; left-out ones are removed."
    )


class ActionOut(BaseModel):
    id: int
    text: str
    category: str | None
    done: bool


class PlanOut(BaseModel):
    weekly_goals: Goals
    actions: list[ActionOut]


class CheckInIn(Schema):
    week: str | None = Field(None, description="An ISO week such as 2026-W47; default this week.")
    applications: float | None = None
    networking: float | None = None
    skills_hours: float | None = None
    rest_days: float | None = None
    note: str | None = Field(None, description="Up to 5,000 characters.")


class CheckInOut(BaseModel):
    week: str
    applications: float
    networking: float
    skills_hours: float
    rest_days: float
    note: str | None


class Week(BaseModel):
    week: str
    goals: Goals
    done: Goals | None


class PatternLesson(BaseModel):
    category: str
    text: str
    story_id: int
    helpful: int


class PatternMentor(BaseModel):
    id: int
    display_name: str
    headline: str
    expertise: list[str]
    open_slots: int


class Pattern(BaseModel):
    category: str
    average: float
    debriefs: int
    lessons: list[PatternLesson]
    mentors: list[PatternMentor]


class ProgressOut(BaseModel):
    weeks: list[Week]
    patterns: list[Pattern]


@bp.get("/me/debriefs")
@member_required
@spec.validate(
    query=PageQuery, resp=Response(HTTP_200=DebriefPage, HTTP_401=ErrorResponse), tags=TAGS, security=BEARER
)
def list_debriefs(query: PageQuery):
    """The caller's debriefs, the most recent interview first."""
    return debriefs.list_own(current_user.id, query.page, query.per_page)


@bp.post("/me/debriefs")
@member_required
@spec.validate(
    json=DebriefIn, resp=Response(HTTP_201=DebriefOut, HTTP_422=ErrorResponse), tags=TAGS, security=BEARER
)
def create_debrief(json: DebriefIn):
    """Look back on an interview: the self-audit, what went well, the feedback received."""
    return debriefs.as_dict(debriefs.create(current_user.id, json.model_dump(exclude_unset=True))), 201


_ONE = Response(HTTP_200=DebriefOut, HTTP_404=ErrorResponse)


@bp.get("/me/debriefs/<int:debrief_id>")
@member_required
@spec.validate(resp=_ONE, tags=TAGS, security=BEARER)
def get_debrief(debrief_id: int):
    return debriefs.as_dict(debriefs.own(debrief_id, current_user.id))


@bp.put("/me/debriefs/<int:debrief_id>")
@member_required
@spec.validate(
    json=DebriefIn,
    resp=Response(HTTP_200=DebriefOut, HTTP_404=ErrorResponse, HTTP_422=ErrorResponse),
    tags=TAGS,
    security=BEARER,
)
def put_debrief(debrief_id: int, json: DebriefIn):
    """Change the fields given; the others stay as they are."""
    values = json.model_dump(exclude_unset=True)
    return debriefs.as_dict(debriefs.update(debrief_id, current_user.id, values))


@bp.delete("/me/debriefs/<int:debrief_id>")
@member_required
@spec.validate(resp=Response("HTTP_204", HTTP_404=ErrorResponse), tags=TAGS, security=BEARER)
def delete_debrief(debrief_id: int):
    debriefs.remove(debrief_id, current_user.id)
    return "", 204


@bp.get("/me/debriefs/<int:debrief_id>/feedback-request")
@member_required
@spec.validate(
    query=DraftQuery,
    resp=Response(HTTP_200=FeedbackDraft, HTTP_404=ErrorResponse, HTTP_422=ErrorResponse),
    tags=TAGS,
    security=BEARER,
)
def feedback_request_draft(debrief_id: int, query: DraftQuery):
    """A short, gracious email asking the interviewer for feedback, with questions drawn from the
    weakest-rated categories."""
    return feedback.draft(debrief_id, current_user.id, query.tone)


@bp.post("/me/debriefs/<int:debrief_id>/feedback-request")
@member_required
@spec.validate(
    json=FeedbackSentIn,
    resp=Response(HTTP_201=FeedbackRequestOut, HTTP_404=ErrorResponse, HTTP_422=ErrorResponse),
    tags=TAGS,
    security=BEARER,
)
def feedback_request_sent(debrief_id: int, json: FeedbackSentIn):
    """Record that the request was sent; a `followup` notification comes when the follow-up falls due
    without feedback recorded."""
    values = json.model_dump(exclude_unset=True)
    return feedback.record_request(
        debrief_id, current_user.id, values.get("sent_on"), values.get("follow_up_days")
    ), 201


@bp.post("/me/debriefs/<int:debrief_id>/story-draft")
@member_required
@spec.validate(
    json=StoryDraftIn,
    resp=Response(HTTP_200=StoryDraft, HTTP_404=ErrorResponse, HTTP_422=ErrorResponse),
    tags=TAGS,
    security=BEARER,
)
def story_draft(debrief_id: int, json: StoryDraftIn):
    """A story to edit and post (through POST /api/v1/stories, moderated like any other)."""
    return story.draft(debrief_id, current_user.id, json.share_company)


@bp.get("/me/plan")
@member_required
@spec.validate(resp=Response(HTTP_200=PlanOut, HTTP_401=ErrorResponse), tags=TAGS, security=BEARER)
def get_plan():
    return plans.get_plan(current_user.id)


@bp.put("/me/plan")
@member_required
@spec.validate(
    json=PlanIn,
    resp=Response(HTTP_200=PlanOut, HTTP_404=ErrorResponse, HTTP_422=ErrorResponse),
    tags=TAGS,
    security=BEARER,
)
def put_plan(json: PlanIn):
    return plans.put_plan(current_user.id, json.model_dump(exclude_unset=True))


@bp.post("/me/plan/check-ins")
@member_required
@spec.validate(
    json=CheckInIn, resp=Response(HTTP_201=CheckInOut, HTTP_422=ErrorResponse), tags=TAGS, security=BEARER
)
def post_check_in(json: CheckInIn):
    """One check-in per week: a second for the same week replaces the first."""
    row = plans.check_in(current_user.id, json.model_dump(exclude_unset=True))
    return plans.check_in_dict(row), 201


@bp.get("/me/progress")
@member_required
@spec.validate(resp=Response(HTTP_200=ProgressOut, HTTP_401=ErrorResponse), tags=TAGS, security=BEARER)
def get_progress():
    """Goals against what was done over the weeks, and the categories rated lowest across debriefs."""
    return progress.progress(current_user.id)
