"""JSON routes for moderators under /api/v1/moderation: keyword rules, the review queue and the log."""

from __future__ import annotations

from typing import Any, Literal

from flask_login import current_user
from pydantic import BaseModel, Field
from spectree import Response

from community.api import bp
from community.api.auth import member_required, moderator_required
from community.api.spec import BEARER, ErrorResponse, Page, Schema, spec
from community.models import MAX_ID, isoformat
from community.moderation import decisions, keyword_rules, outreach, preview, record
from community.moderation.patterns import ACTIONS, MAX_PATTERN_LENGTH
from community.pagination import PageQuery
from community.review import appeals
from community.statuses import PUBLISHED

DENIED = {"HTTP_401": ErrorResponse, "HTTP_403": ErrorResponse}


class NewRule(Schema):
    # Checked by the service rather than here, so every field at fault is named in one answer.
    pattern: str = Field(
        description=f"A word or phrase (1-{MAX_PATTERN_LENGTH} characters); '*' is a wildcard within a word."
    )
    action: str = Field(description="Most severe first.", json_schema_extra={"enum": list(ACTIONS)})
    note: str = Field("", description="Why the rule exists, for other moderators.")


class RuleOut(BaseModel):
    id: int
    pattern: str
    action: str
    note: str


class RulePage(Page[RuleOut]):
    pass


class RuleQuery(PageQuery):
    action: Literal[ACTIONS] | None = None  # type: ignore[valid-type]
    q: str | None = Field(None, max_length=100, description="Part of a pattern.")


class LessonText(Schema):
    category: str | None = None
    text: str = Field("", max_length=preview.FIELD_MAX)


class Sent(BaseModel):
    status: Literal["sent"]


class ReviewOut(BaseModel):
    id: int
    kind: Literal["story", "reply"]
    target_id: int
    reason: str
    priority: Literal["urgent", "normal"]
    matched_rules: list[dict[str, Any]]
    excerpt: str
    created_at: str


class ReviewPage(Page[ReviewOut]):
    pass


class Decided(ReviewOut):
    status: str = Field(description="The story's or reply's status after the decision.")
    resolved_at: str


class Rejection(Schema):
    reason: str = Field("", description="Shown to the author (1-500 characters).")


class LogQuery(PageQuery):
    kind: Literal["story", "reply"] | None = None
    target_id: int | None = Field(None, ge=1, le=MAX_ID)


class DecisionOut(BaseModel):
    id: int
    kind: str
    target_id: int
    action: str
    from_status: str
    to_status: str
    rules: list[dict[str, Any]]
    actor: str
    reason: str | None
    created_at: str


class DecisionPage(Page[DecisionOut]):
    pass


@bp.get("/moderation/rules")
@moderator_required
@spec.validate(
    query=RuleQuery,
    resp=Response(HTTP_200=RulePage, HTTP_422=ErrorResponse, **DENIED),
    tags=["moderation"],
    security=BEARER,
)
def list_rules(query: RuleQuery):
    return keyword_rules.list_rules(query.page, query.per_page, action=query.action, search=query.q)


@bp.post("/moderation/rules")
@moderator_required
@spec.validate(
    json=NewRule,
    resp=Response(HTTP_201=RuleOut, HTTP_422=ErrorResponse, **DENIED),
    tags=["moderation"],
    security=BEARER,
)
def add_rule(json: NewRule):
    rule = keyword_rules.add_rule(json.pattern, json.action, json.note, created_by_id=current_user.id)
    return keyword_rules.rule_json(rule), 201


@bp.delete("/moderation/rules/<int:rule_id>")
@moderator_required
@spec.validate(
    resp=Response("HTTP_204", HTTP_404=ErrorResponse, **DENIED), tags=["moderation"], security=BEARER
)
def delete_rule(rule_id: int):
    keyword_rules.delete_rule(rule_id)
    return "", 204


@bp.get("/moderation/queue")
@moderator_required
@spec.validate(
    query=PageQuery,
    resp=Response(HTTP_200=ReviewPage, HTTP_422=ErrorResponse, **DENIED),
    tags=["moderation"],
    security=BEARER,
)
def review_queue(query: PageQuery):
    return decisions.list_queue(query.page, query.per_page)


def _decided(item, status: str) -> dict:
    return {**decisions.review_json(item), "status": status, "resolved_at": isoformat(item.resolved_at)}


@bp.post("/moderation/queue/<int:item_id>/approve")
@moderator_required
@spec.validate(
    resp=Response(HTTP_200=Decided, HTTP_404=ErrorResponse, HTTP_409=ErrorResponse, **DENIED),
    tags=["moderation"],
    security=BEARER,
)
def approve(item_id: int):
    return _decided(decisions.approve(item_id, current_user.id), PUBLISHED)


@bp.post("/moderation/queue/<int:item_id>/reject")
@moderator_required
@spec.validate(
    json=Rejection,
    resp=Response(
        HTTP_200=Decided, HTTP_404=ErrorResponse, HTTP_409=ErrorResponse, HTTP_422=ErrorResponse, **DENIED
    ),
    tags=["moderation"],
    security=BEARER,
)
def reject(item_id: int, json: Rejection):
    return _decided(decisions.reject(item_id, current_user.id, json.reason), "rejected")


class ModeratorMessage(Schema):
    text: str = Field(min_length=1, max_length=outreach.MESSAGE_MAX, description="What the author reads.")


@bp.post("/moderation/queue/<int:item_id>/message")
@moderator_required
@spec.validate(
    json=ModeratorMessage,
    resp=Response(HTTP_202=Sent, HTTP_404=ErrorResponse, HTTP_422=ErrorResponse, **DENIED),
    tags=["moderation"],
    security=BEARER,
)
def message_author(item_id: int, json: ModeratorMessage):
    """A caring note to the item's author, who stays anonymous to the moderator."""
    outreach.message_author(item_id, current_user.id, json.text)
    return {"status": "sent"}, 202


class PreviewIn(Schema):
    title: str | None = Field(None, max_length=preview.FIELD_MAX)
    body: str | None = Field(None, max_length=preview.FIELD_MAX)
    lessons: list[str | LessonText] | None = Field(None, max_length=preview.LESSONS_MAX)
    industry: str | None = Field(None, max_length=preview.FIELD_MAX)
    company: str | None = Field(None, max_length=preview.FIELD_MAX)


class Removed(BaseModel):
    email: int
    phone: int
    profile: int


class PreviewOut(BaseModel):
    outcome: Literal["published", "held", "rejected"]
    removed: Removed
    masked: list[str]
    reason: str | None
    resources: str | None


@bp.post("/moderation/preview")
@member_required
@spec.validate(
    json=PreviewIn,
    resp=Response(HTTP_200=PreviewOut, HTTP_401=ErrorResponse, HTTP_422=ErrorResponse),
    tags=["moderation"],
    security=BEARER,
)
def preview_post(json: PreviewIn):
    """What moderation would do with this text (any member, for their own draft); nothing is stored."""
    return preview.preview(json.model_dump(exclude_none=True))


class AppealIn(Schema):
    message: str = Field(
        min_length=1, max_length=appeals.APPEAL_MAX, description="Why it should be published."
    )


class AppealReceived(BaseModel):
    status: Literal["received"]


APPEALED = Response(
    HTTP_202=AppealReceived,
    HTTP_401=ErrorResponse,
    HTTP_404=ErrorResponse,
    HTTP_409=ErrorResponse,
    HTTP_422=ErrorResponse,
)


@bp.post("/stories/<int:story_id>/appeal")
@member_required
@spec.validate(json=AppealIn, resp=APPEALED, tags=["stories"], security=BEARER)
def appeal_story(story_id: int, json: AppealIn):
    """The author of a rejected story asks, once, for a moderator to look again."""
    appeals.appeal("story", story_id, current_user.id, json.message)
    return {"status": "received"}, 202


@bp.post("/replies/<int:reply_id>/appeal")
@member_required
@spec.validate(json=AppealIn, resp=APPEALED, tags=["stories"], security=BEARER)
def appeal_reply(reply_id: int, json: AppealIn):
    """The author of a rejected reply asks, once, for a moderator to look again."""
    appeals.appeal("reply", reply_id, current_user.id, json.message)
    return {"status": "received"}, 202


@bp.get("/moderation/log")
@moderator_required
@spec.validate(
    query=LogQuery,
    resp=Response(HTTP_200=DecisionPage, HTTP_422=ErrorResponse, **DENIED),
    tags=["moderation"],
    security=BEARER,
)
def decision_log(query: LogQuery):
    return record.list_log(query.kind, query.target_id, query.page, query.per_page)
