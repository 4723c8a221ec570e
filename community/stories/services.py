"""Stories, lessons, replies, reactions and reports.

Authors are never exposed: every public serialisation goes through `public_story`, `public_reply` or
`public_lesson`, none of which reads `author_id`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from community import queue
from community.accounts.models import User
from community.errors import invalid, not_found
from community.extensions import db
from community.feed.public import readable_story, visible_story
from community.feed.rule import is_member
from community.fields import squash, trimmed
from community.groups.models import GroupMembership, SupportGroup
from community.industries import INDUSTRY_MAX
from community.models import MAX_ID, SOFT, UNSEEN, utcnow
from community.notifications.services import notify
from community.permissions import is_author, require_author_or_moderator
from community.review.items import close_items, open_item, record_decision
from community.statuses import AUTHOR_DELETED
from community.stories import pseudonyms, versions
from community.stories.models import (
    CATEGORIES,
    COMPANY_MAX,
    CONTENT_NOTES,
    REACTION_KINDS,
    STAGES,
    Lesson,
    Reaction,
    Reply,
    Report,
    Story,
    StoryFollow,
    company_key,
)
from community.stories.reports import forget_reply_reports

log = logging.getLogger(__name__)

TITLE_MAX = 120
BODY_MAX = 20_000
LESSONS_MAX = 10
LESSON_TEXT_MAX = 500

REPLY_MAX = 5_000

# --- validation ---------------------------------------------------------------------------------------


def _lesson_fields(item: Any) -> tuple[Any, Any]:
    if isinstance(item, Mapping):
        return item.get("category"), item.get("text")
    return getattr(item, "category", None), getattr(item, "text", None)


def clean_lessons(lessons: Any, fields: dict[str, str]) -> list[tuple[str, str]]:
    """(category, text) pairs; problems go into `fields` as lessons or lessons.N.category / lessons.N.text."""
    if not isinstance(lessons, Sequence) or isinstance(lessons, str | bytes):
        fields["lessons"] = f"Give a list of 1 to {LESSONS_MAX} lessons."
        return []
    if not 1 <= len(lessons) <= LESSONS_MAX:
        fields["lessons"] = f"Share between 1 and {LESSONS_MAX} lessons."
        return []
    cleaned = []
    for i, item in enumerate(lessons):
        category, text = _lesson_fields(item)
        if category not in CATEGORIES:
            fields[f"lessons.{i}.category"] = "Choose one of: " + ", ".join(CATEGORIES) + "."
        text = trimmed(text)
        if not text:
            fields[f"lessons.{i}.text"] = "Write what you learned."
        elif len(text) > LESSON_TEXT_MAX:
            fields[f"lessons.{i}.text"] = f"Keep each lesson to {LESSON_TEXT_MAX} characters."
        cleaned.append((category, text))
    return cleaned


def clean_content_notes(notes: Any, fields: dict[str, str]) -> list[str]:
    """The notes in their usual order, each once; an unknown kind goes into `fields`."""
    if notes is None:
        return []
    if (
        not isinstance(notes, Sequence)
        or isinstance(notes, str | bytes)
        or not all(isinstance(note, str) and note in CONTENT_NOTES for note in notes)
    ):
        fields["content_notes"] = "Choose among: " + ", ".join(CONTENT_NOTES) + "."
        return []
    return [note for note in CONTENT_NOTES if note in notes]


def _check_group(group_id: Any, author_id: int, fields: dict[str, str]) -> int | None:
    if group_id is None:
        return None
    if not isinstance(group_id, int) or isinstance(group_id, bool) or not 0 < group_id <= MAX_ID:
        fields["group_id"] = "Choose one of your groups."
        return None
    if not is_member(group_id, author_id):
        fields["group_id"] = "You can post only to a group you have joined."
    return group_id


def _text(value: Any, name: str, limit: int, fields: dict[str, str], what: str, one_line: bool) -> str:
    text = squash(value) if one_line else trimmed(value)
    if not text:
        fields[name] = f"Add {what}."
    elif len(text) > limit:
        fields[name] = f"Use at most {limit:,} characters."
    return text


def clean_story(values: Mapping[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    """A story's own fields as stored (new or edited), trimmed; problems go into `fields`."""
    company = values.get("company")
    if company is not None and not isinstance(company, str):
        fields["company"] = "Give the company as text, or leave it out."
    company = squash(company) or None
    if company and len(company) > COMPANY_MAX:
        fields["company"] = f"Use at most {COMPANY_MAX} characters."
    share_company = values.get("share_company", False)
    if not isinstance(share_company, bool):
        fields["share_company"] = "Choose true or false."
    stage = values.get("stage")
    if stage not in STAGES:
        fields["stage"] = "Choose one of: " + ", ".join(STAGES) + "."
    return {
        "title": _text(values.get("title"), "title", TITLE_MAX, fields, "a title", one_line=True),
        "body": _text(values.get("body"), "body", BODY_MAX, fields, "your story", one_line=False),
        "lessons": [
            {"category": category, "text": text}
            for category, text in clean_lessons(values.get("lessons"), fields)
        ],
        "stage": stage,
        "industry": _text(
            values.get("industry"), "industry", INDUSTRY_MAX, fields, "an industry", one_line=True
        ),
        "company": company,
        "share_company": bool(share_company is True and company),
        "content_notes": clean_content_notes(values.get("content_notes"), fields),
    }


def clean_reply_body(body: Any, fields: dict[str, str]) -> str:
    return _text(body, "body", REPLY_MAX, fields, "a reply", one_line=False)


def _user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise not_found("That member")
    return user


# --- posting ------------------------------------------------------------------------------------------


def create_story(
    author_id: int,
    title: str,
    body: str,
    lessons: Iterable[Mapping[str, str]],
    stage: str,
    industry: str,
    company: str | None = None,
    group_id: int | None = None,
    share_company: bool = False,
    content_notes: Sequence[str] | None = None,
) -> int:
    """Validate, store as pending and enqueue moderation; the new story's id. 422 naming every field at
    fault."""
    _user(author_id)
    fields: dict[str, str] = {}
    clean = clean_story(
        {
            "title": title,
            "body": body,
            "lessons": lessons,
            "stage": stage,
            "industry": industry,
            "company": company,
            "share_company": share_company,
            "content_notes": content_notes,
        },
        fields,
    )
    group_id = _check_group(group_id, author_id, fields)
    if fields:
        raise invalid(**fields)
    title, body, stage, industry = clean["title"], clean["body"], clean["stage"], clean["industry"]
    company, share_company, notes = clean["company"], clean["share_company"], clean["content_notes"]
    cleaned_lessons = [(lesson["category"], lesson["text"]) for lesson in clean["lessons"]]

    # Plain INSERTs (one statement for the story, one for all its lessons): nothing reads the new rows back.
    story_id = db.session.execute(
        insert(Story)
        .values(
            author_id=author_id,
            group_id=group_id,
            title=title,
            body=body,
            stage=stage,
            industry=industry,
            company=company,
            company_key=company_key(company),
            share_company=bool(share_company and company),
            content_notes=notes,
            pseudonym=pseudonyms.draw(),
            status="pending",
        )
        .returning(Story.id)
        .execution_options(feed_change=UNSEEN)
    ).scalar_one()
    # Its author follows it from the start, to hear of replies.
    db.session.execute(insert(StoryFollow).values(story_id=story_id, user_id=author_id))
    if cleaned_lessons:
        db.session.execute(
            insert(Lesson).execution_options(feed_change=UNSEEN),
            [
                {"story_id": story_id, "position": i, "category": category, "text": text}
                for i, (category, text) in enumerate(cleaned_lessons)
            ],
        )
    return _submit("story", story_id)


def _submit(kind: str, post_id: int) -> int:
    """Commit the new pending story or reply and queue its moderation; its id."""
    db.session.commit()
    queue.enqueue_moderation(kind, post_id)
    return post_id


def create_reply(story_id: int, author_id: int, body: str) -> int:
    """A pending reply to a story the author can see, moderated like stories; its id."""
    author = _user(author_id)
    story = visible_story(story_id, author)
    fields: dict[str, str] = {}
    body = clean_reply_body(body, fields)
    if fields:
        raise invalid(**fields)
    reply_id = db.session.execute(
        insert(Reply)
        .values(
            story_id=story.id,
            author_id=author_id,
            body=body,
            pseudonym=pseudonyms.draw(),
            status="pending",
        )
        .returning(Reply.id)
    ).scalar_one()
    return _submit("reply", reply_id)


# --- encouragement --------------------------------------------------------------------------------------

_COUNTERS = {"me_too": Story.me_too_count, "helpful": Story.helpful_count, "strength": Story.strength_count}


def _check_kind(kind: str) -> None:
    if kind not in REACTION_KINDS:
        raise invalid(kind="Choose one of: " + ", ".join(REACTION_KINDS) + ".")


def _bump(story_id: int, kind: str, step: int) -> None:
    column = _COUNTERS[kind]
    # Computed by the database, so concurrent reactions never overwrite each other's counts.
    db.session.execute(
        update(Story)
        .where(Story.id == story_id)
        .values({column: column + step})
        .execution_options(synchronize_session=False, feed_change=SOFT)
    )


def current_counts(story_id: int) -> dict[str, int]:
    me_too, helpful, strength = db.session.execute(
        select(Story.me_too_count, Story.helpful_count, Story.strength_count).where(Story.id == story_id)
    ).one()
    return {"me_too": me_too, "helpful": helpful, "strength": strength}


def react(story_id: int, user_id: int, kind: str) -> dict[str, int]:
    """Add the member's reaction of this kind (once; again changes nothing); the story's counts after."""
    _check_kind(kind)
    visible_story(story_id, _user(user_id))
    exists = db.session.scalar(
        select(Reaction.id).where(
            Reaction.story_id == story_id, Reaction.user_id == user_id, Reaction.kind == kind
        )
    )
    if exists is None:
        db.session.add(Reaction(story_id=story_id, user_id=user_id, kind=kind))
        try:
            db.session.flush()
        except IntegrityError:
            # The same reaction arrived twice at once; the other request counted it.
            db.session.rollback()
        else:
            _bump(story_id, kind, 1)
            db.session.commit()
            # The worker tells the author; the request only asks it to.
            queue.enqueue("default", "worker.jobs.tell_of_reaction", story_id, user_id)
    return current_counts(story_id)


def tell_author_of_reaction(story_id: int, user_id: int) -> None:
    """The story's author hears of encouragement: one notification per story and day, counting up. It says
    nothing about who reacted. Run by the worker after a reaction."""
    story = db.session.get(Story, story_id)
    if story is None or story.author_id is None or story.author_id == user_id:
        return
    today = utcnow().date().isoformat()
    note = notify(
        story.author_id,
        "reactions",
        "",
        f"/stories/{story_id}#reactions",
        subject_key=f"reactions-{story_id}-{today}",
    )
    count = note.count or 1
    title = story.title if len(story.title) <= 60 else story.title[:59].rstrip() + "\u2026"
    note.text = (
        f"Your story \u201c{title}\u201d was encouraged today."
        if count == 1
        else f"Your story \u201c{title}\u201d was encouraged {count} times today."
    )
    db.session.commit()


def unreact(story_id: int, user_id: int, kind: str) -> dict[str, int]:
    """Take the member's reaction back (nothing happens if there was none); the story's counts after."""
    _check_kind(kind)
    visible_story(story_id, _user(user_id))
    removed = db.session.execute(
        delete(Reaction)
        .where(Reaction.story_id == story_id, Reaction.user_id == user_id, Reaction.kind == kind)
        .execution_options(synchronize_session=False)
    )
    if removed.rowcount == 1:
        _bump(story_id, kind, -1)
    db.session.commit()
    return current_counts(story_id)


# --- removing -----------------------------------------------------------------------------------------


def delete_story(story_id: int, actor_id: int) -> None:
    """The author deletes the story for good; a moderator removes someone else's (kept, status removed).

    Either way it leaves every list, lesson library and digest at once.
    """
    actor = _user(actor_id)
    story = readable_story(story_id, actor)
    if is_author(story, actor) and open_item("story", story_id) is not None:
        # A moderator has yet to read it (it may be someone at risk): it leaves every list and the author's
        # own, and stays readable for the moderator, who can still reach its author.
        if story.status != "removed":
            record_decision("story", story_id, "delete", story.status, "removed", reason=AUTHOR_DELETED)
        story.status, story.moderation_reason = "removed", AUTHOR_DELETED
        db.session.commit()
        return
    if is_author(story, actor):
        reply_ids = select(Reply.id).where(Reply.story_id == story_id)
        close_items("story", [story_id])
        close_items("reply", reply_ids)
        forget_reply_reports(reply_ids)
        versions.forget("reply", reply_ids)
        versions.forget("story", [story_id])
        for model in (Reaction, Report, Reply, StoryFollow):
            db.session.execute(
                delete(model).where(model.story_id == story_id).execution_options(synchronize_session=False)
            )
        db.session.delete(story)
        db.session.commit()
        return
    require_author_or_moderator(story, actor, "Only the author or a moderator can delete a story.")
    if story.status == "removed":
        return
    reason = "A moderator removed this story."
    record_decision("story", story_id, "remove", story.status, "removed", actor=actor, reason=reason)
    story.status = "removed"
    story.moderation_reason = reason
    db.session.commit()


def author_groups(user_id: int) -> list[SupportGroup]:
    """The groups a member belongs to: where they may post."""
    return list(
        db.session.scalars(
            select(SupportGroup)
            .join(GroupMembership, GroupMembership.group_id == SupportGroup.id)
            .where(GroupMembership.user_id == user_id)
            .order_by(SupportGroup.name)
        )
    )
