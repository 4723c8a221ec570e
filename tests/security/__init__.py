"""A small community for the security tests: one member of each kind and the things they own.

Rows are written straight to the database (no worker), so a test can build a fresh one cheaply.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from sqlalchemy import update

from community.extensions import db
from community.groups.models import GroupMembership, SupportGroup
from community.mentorship.models import MentorProfile, MentorshipRequest
from community.models import utcnow
from community.moderation.models import KeywordRule, ReviewItem
from community.stories.models import Lesson, Reply, Story

ROLES = ("anonymous", "member", "other", "group_member", "moderator", "admin")
# Words only the private group's story carries: a response that shows them to an outsider leaks it.
PRIVATE_MARKER = "Quokkaprivate"

_serial = itertools.count(1)


def add_story(
    author_id: int,
    title: str = "Froze on the system design round",
    group_id: int | None = None,
    status: str = "published",
    lesson: str = "Practise designs out loud.",
) -> int:
    story = Story(
        author_id=author_id,
        group_id=group_id,
        title=title,
        body=f"{title}. What happened and what I learned.",
        body_html=f"<p>{title}. What happened and what I learned.</p>",
        stage="technical",
        industry="Software",
        pseudonym="Steady Heron",
        status=status,
        published_at=utcnow() if status == "published" else None,
        lessons=[Lesson(position=0, category="preparation", text=lesson, text_html=f"<p>{lesson}</p>")],
    )
    db.session.add(story)
    db.session.commit()
    return story.id


def add_reply(story_id: int, author_id: int, body: str = "You will get there.") -> int:
    """A published reply, counted on its story."""
    reply = Reply(
        story_id=story_id,
        author_id=author_id,
        body=body,
        body_html=f"<p>{body}</p>",
        pseudonym="Kind Otter",
        status="published",
        published_at=utcnow(),
    )
    db.session.add(reply)
    db.session.execute(update(Story).where(Story.id == story_id).values(reply_count=Story.reply_count + 1))
    db.session.commit()
    return reply.id


def add_group(name: str, visibility: str, member_ids: tuple[int, ...] = ()) -> SupportGroup:
    slug = f"{name.lower().replace(' ', '-')}-{next(_serial)}"
    group = SupportGroup(slug=slug, name=name, description="", description_html="", visibility=visibility)
    db.session.add(group)
    db.session.flush()
    db.session.add_all(GroupMembership(group_id=group.id, user_id=uid) for uid in member_ids)
    db.session.commit()
    return group


def add_review_item(author_id: int) -> int:
    """A held story waiting in the review queue; the item's id."""
    story_id = add_story(author_id, "A story held for a look", status="held")
    item = ReviewItem(kind="story", target_id=story_id, reason="Held by a rule: test", excerpt="A story")
    db.session.add(item)
    db.session.commit()
    return item.id


def add_rule(pattern: str = "forbidden phrase") -> int:
    rule = KeywordRule(pattern=f"{pattern} {next(_serial)}", action="flag", note="for the tests")
    db.session.add(rule)
    db.session.commit()
    return rule.id


def add_mentor(user_id: int) -> int:
    profile = MentorProfile(
        id=user_id,
        user_id=user_id,
        headline="Engineering manager, happy to run mock interviews",
        bio="I have hired for ten years.",
        bio_html="<p>I have hired for ten years.</p>",
        expertise=["answers", "preparation"],
        industries=["Software"],
        capacity=10,
        active_count=0,
        accepting=True,
        active=True,
    )
    db.session.add(profile)
    db.session.commit()
    return profile.id


def add_request(mentor_id: int, mentee_id: int) -> int:
    item = MentorshipRequest(
        mentor_id=mentor_id, mentee_id=mentee_id, message="Could we talk?", status="pending"
    )
    db.session.add(item)
    db.session.commit()
    return item.id


KEEP = {"user", "api_token"}


def empty_tables(keep_people: bool = False) -> None:
    """Start again from nothing, or from just the accounts (they are the costly rows to make)."""
    for table in reversed(db.metadata.sorted_tables):
        if not (keep_people and table.name in KEEP):
            db.session.execute(table.delete())
    db.session.commit()


@dataclass
class World:
    """Who is who, and the ids of what they made."""

    people: dict  # role -> tests.conftest.Member (no entry for anonymous)
    writer: object  # the private story's author: a member of the private group, never a caller
    public_group: SupportGroup
    private_group: SupportGroup
    public_story: int  # by "member"
    private_story: int  # by the writer, in the private group ("group_member" belongs to it)
    pending_story: int  # by "member", not yet moderated
    mentor: int  # the mentor profile of "other"

    def new_public_story(self) -> int:
        return add_story(self.people["member"].id)

    def new_private_story(self) -> int:
        return add_story(self.writer.id, f"{PRIVATE_MARKER} again", group_id=self.private_group.id)


def make_people(make_member) -> dict:
    """One account of each kind, and the writer (the private group's author, never a caller)."""
    return {
        "member": make_member(),
        "other": make_member(),
        "group_member": make_member(),
        "moderator": make_member("moderator"),
        "admin": make_member("admin"),
        "writer": make_member(name="Writer Of Private Things"),
    }


def build_world(people: dict) -> World:
    """Groups, stories, a reply and a mentor around `people` (from `make_people`)."""
    writer = people["writer"]
    member_id = people["member"].id
    public_group = add_group("Final rounds", "public", (member_id,))
    private_group = add_group("Quiet circle", "private", (writer.id, people["group_member"].id))
    public_story = add_story(member_id)
    private_story = add_story(
        writer.id,
        f"{PRIVATE_MARKER} story for the circle",
        group_id=private_group.id,
        lesson=f"{PRIVATE_MARKER} lesson",
    )
    db.session.add(
        Reply(
            story_id=public_story,
            author_id=writer.id,
            body="Hang in there",
            body_html="<p>Hang in there</p>",
            pseudonym="Calm Otter",
            status="published",
            published_at=utcnow(),
        )
    )
    db.session.commit()
    return World(
        people={role: who for role, who in people.items() if role != "writer"},
        writer=writer,
        public_group=public_group,
        private_group=private_group,
        public_story=public_story,
        private_story=private_story,
        pending_story=add_story(member_id, "Still waiting for the check", status="pending"),
        mentor=add_mentor(people["other"].id),
    )
