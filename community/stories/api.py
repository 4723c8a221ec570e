"""JSON routes for stories, replies, reactions, reports and the lessons library under /api/v1."""

from __future__ import annotations

from flask_login import current_user
from spectree import Response

from community import feed
from community.api import bp
from community.api.auth import member_required
from community.api.spec import BEARER, ErrorResponse, spec
from community.feed import cache as feed_cache
from community.limits import edit_limit, reply_limit, story_limit
from community.pagination import next_link
from community.stories import edits, follows, reply_removal, reports
from community.stories import services as stories
from community.stories.schemas import (
    Accepted,
    EditAccepted,
    LessonPage,
    LessonQuery,
    ListQuery,
    NewReaction,
    NewReply,
    NewReport,
    NewStory,
    OwnStoryPage,
    ReactionsOut,
    Received,
    ReplyEdit,
    ReplyPage,
    StoryEdit,
    StoryOut,
    StoryPage,
    StoryQuery,
)

NOT_FOUND = {"HTTP_404": ErrorResponse}


@bp.post("/stories")
@member_required
@story_limit
@spec.validate(
    json=NewStory,
    resp=Response(HTTP_202=Accepted, HTTP_401=ErrorResponse, HTTP_422=ErrorResponse, HTTP_429=ErrorResponse),
    tags=["stories"],
    security=BEARER,
)
def create_story(json: NewStory):
    story_id = stories.create_story(
        current_user.id,
        title=json.title,
        body=json.body,
        lessons=[lesson.model_dump() for lesson in json.lessons],
        stage=json.stage,
        industry=json.industry,
        company=json.company,
        share_company=json.share_company,
        group_id=json.group_id,
        content_notes=json.content_notes,
    )
    return {"id": story_id, "status": "pending"}, 202


@bp.get("/stories")
@spec.validate(
    query=StoryQuery,
    resp=Response(HTTP_200=StoryPage, HTTP_400=ErrorResponse, HTTP_422=ErrorResponse),
    tags=["stories"],
)
def list_stories(query: StoryQuery):
    page = feed.list_stories(
        current_user,
        page=query.page,
        per_page=query.per_page,
        group_id=query.group_id,
        stage=query.stage,
        industry=query.industry,
        category=query.category,
        cursor=query.cursor,
    )
    # A model instance goes out as is; a plain dict this size would be walked again by spectree. For a page
    # the cache served, the model is made once.
    return feed_cache.derived(page, "model", lambda: StoryPage.model_validate(page)), 200, next_link(page)


@bp.get("/stories/<int:story_id>")
@spec.validate(resp=Response(HTTP_200=StoryOut, **NOT_FOUND), tags=["stories"])
def get_story(story_id: int):
    story = feed.readable_story(story_id, current_user)
    return feed.public_story(story, current_user)


@bp.delete("/stories/<int:story_id>")
@member_required
@spec.validate(
    resp=Response("HTTP_204", HTTP_401=ErrorResponse, HTTP_403=ErrorResponse, **NOT_FOUND),
    tags=["stories"],
    security=BEARER,
)
def delete_story(story_id: int):
    stories.delete_story(story_id, current_user.id)
    return "", 204


@bp.patch("/stories/<int:story_id>")
@member_required
@edit_limit
@spec.validate(
    json=StoryEdit,
    resp=Response(
        HTTP_202=EditAccepted,
        HTTP_401=ErrorResponse,
        HTTP_403=ErrorResponse,
        HTTP_409=ErrorResponse,
        HTTP_422=ErrorResponse,
        HTTP_429=ErrorResponse,
        **NOT_FOUND,
    ),
    tags=["stories"],
    security=BEARER,
)
def edit_story(story_id: int, json: StoryEdit):
    """The author's edit, moderated like a new post; readers keep the published version until it is decided."""
    changes = json.model_dump(include=json.model_fields_set)
    return edits.edit_story(story_id, current_user.id, changes), 202


@bp.patch("/replies/<int:reply_id>")
@member_required
@edit_limit
@spec.validate(
    json=ReplyEdit,
    resp=Response(
        HTTP_202=EditAccepted,
        HTTP_401=ErrorResponse,
        HTTP_403=ErrorResponse,
        HTTP_409=ErrorResponse,
        HTTP_422=ErrorResponse,
        HTTP_429=ErrorResponse,
        **NOT_FOUND,
    ),
    tags=["stories"],
    security=BEARER,
)
def edit_reply(reply_id: int, json: ReplyEdit):
    return edits.edit_reply(reply_id, current_user.id, {"body": json.body}), 202


@bp.get("/me/stories")
@member_required
@spec.validate(
    query=ListQuery,
    resp=Response(HTTP_200=OwnStoryPage, HTTP_401=ErrorResponse, HTTP_422=ErrorResponse),
    tags=["stories"],
    security=BEARER,
)
def my_stories(query: ListQuery):
    return feed.my_stories(current_user.id, page=query.page, per_page=query.per_page)


@bp.post("/stories/<int:story_id>/replies")
@member_required
@reply_limit
@spec.validate(
    json=NewReply,
    resp=Response(
        HTTP_202=Accepted, HTTP_401=ErrorResponse, HTTP_422=ErrorResponse, HTTP_429=ErrorResponse, **NOT_FOUND
    ),
    tags=["stories"],
    security=BEARER,
)
def create_reply(story_id: int, json: NewReply):
    reply_id = stories.create_reply(story_id, current_user.id, json.body)
    return {"id": reply_id, "status": "pending"}, 202


@bp.delete("/replies/<int:reply_id>")
@member_required
@spec.validate(
    resp=Response("HTTP_204", HTTP_401=ErrorResponse, HTTP_403=ErrorResponse, **NOT_FOUND),
    tags=["stories"],
    security=BEARER,
)
def delete_reply(reply_id: int):
    reply_removal.delete_reply(reply_id, current_user.id)
    return "", 204


@bp.get("/stories/<int:story_id>/replies")
@spec.validate(
    query=ListQuery,
    resp=Response(HTTP_200=ReplyPage, HTTP_422=ErrorResponse, **NOT_FOUND),
    tags=["stories"],
)
def list_replies(story_id: int, query: ListQuery):
    return feed.list_replies(story_id, current_user, page=query.page, per_page=query.per_page)


@bp.post("/stories/<int:story_id>/reactions")
@member_required
@spec.validate(
    json=NewReaction,
    resp=Response(HTTP_200=ReactionsOut, HTTP_401=ErrorResponse, HTTP_422=ErrorResponse, **NOT_FOUND),
    tags=["stories"],
    security=BEARER,
)
def add_reaction(story_id: int, json: NewReaction):
    return {"reactions": stories.react(story_id, current_user.id, json.kind)}


@bp.delete("/stories/<int:story_id>/reactions/<kind>")
@member_required
@spec.validate(
    resp=Response(HTTP_200=ReactionsOut, HTTP_401=ErrorResponse, HTTP_422=ErrorResponse, **NOT_FOUND),
    tags=["stories"],
    security=BEARER,
)
def remove_reaction(story_id: int, kind: str):
    return {"reactions": stories.unreact(story_id, current_user.id, kind)}


@bp.post("/stories/<int:story_id>/reports")
@member_required
@spec.validate(
    json=NewReport,
    resp=Response(HTTP_202=Received, HTTP_401=ErrorResponse, HTTP_422=ErrorResponse, **NOT_FOUND),
    tags=["stories"],
    security=BEARER,
)
def report_story(story_id: int, json: NewReport):
    reports.report("story", story_id, current_user.id, json.reason)
    return {"status": "received"}, 202


@bp.post("/stories/<int:story_id>/follow")
@member_required
@spec.validate(
    resp=Response("HTTP_204", HTTP_401=ErrorResponse, **NOT_FOUND), tags=["stories"], security=BEARER
)
def follow_story(story_id: int):
    """Be told of new published replies on this story (its author follows it from the start)."""
    follows.follow(story_id, current_user.id)
    return "", 204


@bp.delete("/stories/<int:story_id>/follow")
@member_required
@spec.validate(
    resp=Response("HTTP_204", HTTP_401=ErrorResponse, **NOT_FOUND), tags=["stories"], security=BEARER
)
def unfollow_story(story_id: int):
    follows.unfollow(story_id, current_user.id)
    return "", 204


@bp.post("/replies/<int:reply_id>/reports")
@member_required
@spec.validate(
    json=NewReport,
    resp=Response(HTTP_202=Received, HTTP_401=ErrorResponse, HTTP_422=ErrorResponse, **NOT_FOUND),
    tags=["stories"],
    security=BEARER,
)
def report_reply(reply_id: int, json: NewReport):
    """Hold the reply for review on the same rule as a story's reports; never says who wrote it."""
    reports.report("reply", reply_id, current_user.id, json.reason)
    return {"status": "received"}, 202


@bp.get("/lessons")
@spec.validate(
    query=LessonQuery,
    resp=Response(HTTP_200=LessonPage, HTTP_400=ErrorResponse, HTTP_422=ErrorResponse),
    tags=["stories"],
)
def list_lessons(query: LessonQuery):
    found = feed.list_lessons(
        current_user, query.category, page=query.page, per_page=query.per_page, cursor=query.cursor
    )
    body = {key: value for key, value in found.items() if key != "next_cursor"}
    return body, 200, next_link(found)
