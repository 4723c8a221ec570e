"""The JSON shapes of stories, replies, reactions, reports and lessons under /api/v1: what clients send and
what they get back."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_serializer

from community.api.spec import Page, Schema
from community.industries import INDUSTRY_MAX
from community.models import MAX_ID
from community.pagination import CursorQuery, PageQuery
from community.stories import reports
from community.stories import services as stories
from community.stories.models import CATEGORIES, CONTENT_NOTES, REACTION_KINDS, STAGES

Stage = Literal[STAGES]  # type: ignore[valid-type]
Category = Literal[CATEGORIES]  # type: ignore[valid-type]
ReactionKind = Literal[REACTION_KINDS]  # type: ignore[valid-type]
ContentNote = Literal[CONTENT_NOTES]  # type: ignore[valid-type]


class LessonIn(Schema):
    category: Category = Field(description="The self-audit category the lesson belongs to.")
    text: str = Field(min_length=1, max_length=stories.LESSON_TEXT_MAX)


class NewStory(Schema):
    title: str = Field(min_length=1, max_length=stories.TITLE_MAX)
    body: str = Field(min_length=1, max_length=stories.BODY_MAX, description="Markdown.")
    lessons: list[LessonIn] = Field(min_length=1, max_length=stories.LESSONS_MAX)
    stage: Stage
    industry: str = Field(min_length=1, max_length=INDUSTRY_MAX)
    company: str | None = Field(None, max_length=stories.COMPANY_MAX)
    group_id: int | None = Field(None, description="A group you belong to; its members see the story.")
    share_company: bool = Field(
        False, description="Allow the company to be shown, once three established members name it publicly."
    )
    content_notes: list[ContentNote] = Field(
        default_factory=list,
        max_length=len(CONTENT_NOTES),
        description="What readers may want to know before they open the story; lists show it closed.",
    )


class StoryEdit(Schema):
    """Any of the story's fields; those left out stay as they are."""

    title: str | None = Field(None, min_length=1, max_length=stories.TITLE_MAX)
    body: str | None = Field(None, min_length=1, max_length=stories.BODY_MAX, description="Markdown.")
    lessons: list[LessonIn] | None = Field(None, min_length=1, max_length=stories.LESSONS_MAX)
    stage: Stage | None = None
    industry: str | None = Field(None, min_length=1, max_length=INDUSTRY_MAX)
    company: str | None = Field(None, max_length=stories.COMPANY_MAX)
    share_company: bool | None = None
    content_notes: list[ContentNote] | None = Field(None, max_length=len(CONTENT_NOTES))
    group_id: int | None = Field(
        None, description="Not editable: a story stays in the group it was posted to."
    )


class ReplyEdit(Schema):
    body: str = Field(min_length=1, max_length=stories.REPLY_MAX, description="Markdown.")


class EditAccepted(BaseModel):
    id: int
    status: str = Field(description="The post's own status; a published post stays published meanwhile.")
    edit_status: Literal["pending"]


class Accepted(BaseModel):
    id: int
    status: Literal["pending"]


class LessonOut(BaseModel):
    category: str
    text: str


class Reactions(BaseModel):
    me_too: int
    helpful: int
    strength: int


class StoryOut(BaseModel):
    id: int
    title: str
    body_html: str
    lessons: list[LessonOut]
    stage: str
    industry: str
    company: str | None
    group_id: int | None
    pseudonym: str
    content_notes: list[ContentNote] | None = Field(
        None,
        description="Present when the author named what the story touches on; show it closed behind them.",
    )
    published_at: str | None
    reactions: Reactions
    reply_count: int

    @model_serializer(mode="wrap")
    def _notes_only_when_present(self, handler):
        body = handler(self)
        if body.get("content_notes") is None:
            body.pop("content_notes", None)
        return body


class StoryPage(Page[StoryOut]):
    pass


class Moderation(BaseModel):
    reason: str | None
    resources: str | None


class OwnStoryOut(StoryOut):
    status: str
    moderation: Moderation
    edit_status: Literal["pending", "published", "held", "rejected"] | None = Field(
        description="The latest edit's status; null when the story was never edited."
    )


class OwnStoryPage(Page[OwnStoryOut]):
    pass


class _Filters(PageQuery):
    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_absent(cls, value: object) -> object:
        # `?stage=` from a form left blank means "any", not an invalid stage.
        return None if value == "" else value


class StoryQuery(_Filters, CursorQuery):
    group_id: int | None = Field(None, ge=1, le=MAX_ID)
    stage: Stage | None = None
    industry: str | None = Field(None, max_length=INDUSTRY_MAX)
    category: Category | None = None


class LessonQuery(_Filters, CursorQuery):
    category: Category | None = None


class ListQuery(_Filters):
    pass


class NewReply(Schema):
    body: str = Field(min_length=1, max_length=stories.REPLY_MAX, description="Markdown.")


class ReplyOut(BaseModel):
    id: int
    body_html: str
    pseudonym: str
    is_author: bool
    created_at: str


class ReplyPage(Page[ReplyOut]):
    pass


class NewReaction(Schema):
    kind: ReactionKind


class ReactionsOut(BaseModel):
    reactions: Reactions


class NewReport(Schema):
    reason: str = Field(min_length=1, max_length=reports.REPORT_REASON_MAX)


class Received(BaseModel):
    status: Literal["received"]


class LessonItem(BaseModel):
    category: str
    text: str
    story_id: int
    helpful: int


class LessonPage(Page[LessonItem]):
    pass
