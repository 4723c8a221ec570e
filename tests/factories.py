"""Test data, from one place.

Rows are written straight to the database (`make_story`, `make_reply`, `make_group`, `make_mentor`, ...) with
defaults that make a valid row, as the product would have left it, and keyword overrides for any column.
People, stories, groups and mentors may be given as objects (anything with an `id`) or as ids.

Members who sign in are made the way a person makes an account, through the API (`MemberFactory`, behind the
`make_member` fixture); the bodies members send to the API come from the `*_payload` builders, and
`post_story` posts one as a member does. `build_world` puts a small community together: one member of each
kind and the things they own.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from markupsafe import escape
from sqlalchemy import func, select, update

from community.accounts import services as accounts
from community.accounts.models import User
from community.digest.compose import week_bounds
from community.extensions import db
from community.groups.models import GroupMembership, SupportGroup
from community.mentorship.models import MentorProfile, MentorshipRequest
from community.models import utcnow
from community.moderation.models import KeywordRule
from community.review.models import ReviewItem
from community.stories.counts import refresh_reply_count
from community.stories.models import Lesson, Reply, Story, company_key
from tests.helpers import deliver_mail_to, link_token

# A past week, so what the tests publish "in" it is settled: Monday 2026-09-28 to Sunday 2026-10-04 (UTC).
WEEK = "2026-W40"
IN_WEEK = datetime(2026, 9, 30, 12, 0, tzinfo=UTC)
WEEK_BEFORE = datetime(2026, 9, 27, 23, 59, tzinfo=UTC)
WEEK_AFTER = datetime(2026, 10, 5, 0, 0, tzinfo=UTC)

_serial = itertools.count(1)


def _id(thing: Any) -> int | None:
    """The id of a row, member or account; an id (or None) as it is."""
    return thing if thing is None or isinstance(thing, int) else thing.id


def _html(text: str) -> str:
    """Plain text as the renderer leaves a paragraph of it."""
    return f"<p>{escape(text)}</p>"


def _save(row):
    db.session.add(row)
    db.session.commit()
    return row


# --- members ----------------------------------------------------------------------------------------------


@dataclass
class Member:
    id: int
    email: str
    password: str
    display_name: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class MemberFactory:
    """Accounts made as a person makes one: registered through the API, confirmed through the link in the
    mail that reached the SMTP sink, then signed in for an API token. Moderators and admins are made as
    `flask users create` makes them (confirmed). `established=True` moves the confirmation back past
    TRUST_MIN_AGE_DAYS: the tests cannot wait a week for a member to count as established."""

    password = "correct horse battery"

    def __init__(self, app, client, mailbox) -> None:
        self.app = app
        self.client = client
        self.mailbox = mailbox
        self.counter = itertools.count(1)

    def __call__(
        self,
        role: str = "member",
        name: str | None = None,
        email: str | None = None,
        established: bool = False,
    ) -> Member:
        n = next(self.counter)
        email = email or f"{role}{n}@example.org"
        name = name or f"{role.title()} Person {n}"
        if role == "member":
            user_id = self._sign_up(email, name)
        else:
            user_id = accounts.create_account(email, self.password, name, role=role, confirmed=True).id
        if established:
            long_ago = utcnow() - timedelta(days=self.app.config["TRUST_MIN_AGE_DAYS"] + 1)
            db.session.execute(update(User).where(User.id == user_id).values(email_confirmed_at=long_ago))
            db.session.commit()
        token, _ = accounts.issue_token(db.session.get(User, user_id))
        return Member(user_id, email, self.password, name, token)

    def _sign_up(self, email: str, name: str) -> int:
        resp = self.client.post(
            "/api/v1/users", json={"email": email, "password": self.password, "display_name": name}
        )
        assert resp.status_code == 202, resp.get_json()
        deliver_mail_to(db.session.scalar(select(User.id).where(User.email == email)))
        confirmation = [m for m in self.mailbox.to(email) if "Confirm" in m["Subject"]][-1]
        resp = self.client.post("/api/v1/email-confirmations", json={"token": link_token(confirmation)})
        assert resp.status_code == 200, resp.get_json()
        user_id = resp.get_json()["id"]
        deliver_mail_to(user_id)
        # The member's own welcome and confirmation mails are not what the test looks for.
        with self.mailbox.lock:
            self.mailbox.messages[:] = [m for m in self.mailbox.messages if m["To"] != email]
        return user_id


class Account(NamedTuple):
    id: int
    email: str


def make_accounts(count: int = 1, **overrides: Any) -> list[Account]:
    """Accounts written straight to the database, many at once: no password is hashed for them (they never
    sign in). Overrides apply to every one of them."""
    start = (db.session.scalar(select(func.max(User.id))) or 0) + 1
    users = [
        User(
            email=f"reader{start + n}@example.org",
            password_hash="!",
            display_name=f"Reader {start + n}",
            **overrides,
        )
        for n in range(count)
    ]
    db.session.add_all(users)
    db.session.commit()
    return [Account(u.id, u.email) for u in users]


# --- stories, lessons and replies -------------------------------------------------------------------------


def make_story(
    author: Any,
    title: str | None = None,
    *,
    group: Any = None,
    status: str = "published",
    at: datetime | None = None,
    lessons: Sequence[tuple[str, str]] = (("preparation", "Research the team before the call."),),
    helpful: int = 0,
    me_too: int = 0,
    strength: int = 0,
    **overrides: Any,
) -> Story:
    """A story as moderation leaves it: published (at `at`, written an hour before; now by default), its text
    and lessons (category, text) rendered. A pending one has no rendering yet. `helpful`, `me_too` and
    `strength` are its reaction counts; a `company` gets its key as the stories area makes it."""
    n = next(_serial)
    moderated = status != "pending"
    body = overrides.pop("body", "What happened, and what I learned.")
    values: dict[str, Any] = {
        "author_id": _id(author),
        "group_id": _id(group),
        "title": title or f"Story number {n}",
        "body": body,
        "body_html": _html(body) if moderated else None,
        "stage": "onsite",
        "industry": "Software",
        "pseudonym": f"Steady Heron {n}",
        "status": status,
        "published_at": (at or utcnow()) if status == "published" else None,
        "helpful_count": helpful,
        "me_too_count": me_too,
        "strength_count": strength,
        "lessons": [
            Lesson(position=i, category=category, text=text, text_html=_html(text) if moderated else None)
            for i, (category, text) in enumerate(lessons)
        ],
    }
    if at is not None:
        values["created_at"] = at - timedelta(hours=1)
    if overrides.get("company") and "company_key" not in overrides:
        values["company_key"] = company_key(overrides["company"])
    values.update(overrides)
    return _save(Story(**values))


def publish_week(week: str, author: Any, count: int = 3) -> list[Story]:
    """Stories published in `week`, as moderation leaves them, so every member's digest has news."""
    start, _ = week_bounds(week)
    return [
        make_story(
            author,
            f"What the panel taught me, part {n}",
            at=start + timedelta(days=1, hours=n),
            body="I learned to slow down.",
            pseudonym=f"Quiet Otter {n}",
            lessons=[("answers", "Pause before answering.")],
        )
        for n in range(count)
    ]


def make_reply(
    story: Any,
    author: Any,
    body: str = "You will get there.",
    *,
    status: str = "published",
    at: datetime | None = None,
    **overrides: Any,
) -> Reply:
    """A reply as moderation leaves it: published (at `at`, now by default) and counted on its story. A pending
    one has no rendering yet and waits for moderation."""
    values: dict[str, Any] = {
        "story_id": _id(story),
        "author_id": _id(author),
        "body": body,
        "body_html": _html(body) if status != "pending" else None,
        "pseudonym": "Kind Otter",
        "status": status,
        "published_at": (at or utcnow()) if status == "published" else None,
    }
    if at is not None:
        values["created_at"] = at
    values.update(overrides)
    reply = Reply(**values)
    db.session.add(reply)
    db.session.flush()
    refresh_reply_count(reply.story_id)
    db.session.commit()
    return reply


# --- groups -----------------------------------------------------------------------------------------------


def make_group(
    name: str = "Final rounds", visibility: str = "public", members: Iterable[Any] = (), **overrides: Any
) -> SupportGroup:
    """A support group named `name` (its slug made from the name), with these members."""
    values: dict[str, Any] = {"slug": name.lower().replace(" ", "-"), "name": name, "visibility": visibility}
    values.update(overrides)
    group = SupportGroup(**values)
    db.session.add(group)
    db.session.flush()
    db.session.add_all(GroupMembership(group_id=group.id, user_id=_id(who)) for who in members)
    db.session.commit()
    return group


def join_group(group: Any, *people: Any) -> None:
    """Make each of `people` a member of the group."""
    db.session.add_all(GroupMembership(group_id=_id(group), user_id=_id(who)) for who in people)
    db.session.commit()


# --- mentorship -------------------------------------------------------------------------------------------


def make_mentor(
    who: Any, industries: Iterable[str] = ("Software",), *, at: datetime | None = None, **overrides: Any
) -> MentorProfile:
    """`who` volunteering as a mentor (at `at`, now by default), with open places."""
    user_id = _id(who)
    values: dict[str, Any] = {
        "id": user_id,
        "user_id": user_id,
        "headline": "Ten years hiring",
        "bio": "I have hired for ten years.",
        "bio_html": "<p>I have hired for ten years.</p>",
        "expertise": ["answers", "preparation"],
        "industries": list(industries),
        "capacity": 10,
        "active_count": 0,
        "accepting": True,
        "active": True,
    }
    if at is not None:
        values["volunteered_at"] = at
    values.update(overrides)
    return _save(MentorProfile(**values))


def make_mentorship_request(mentor: Any, mentee: Any, **overrides: Any) -> MentorshipRequest:
    """A pending request from `mentee` to the mentor (a profile or its id)."""
    values: dict[str, Any] = {
        "mentor_id": _id(mentor),
        "mentee_id": _id(mentee),
        "message": "Could we talk?",
        "status": "pending",
    }
    values.update(overrides)
    return _save(MentorshipRequest(**values))


# --- moderation -------------------------------------------------------------------------------------------


def make_rule(pattern: str | None = None, action: str = "flag", **overrides: Any) -> KeywordRule:
    """A keyword rule; without a pattern, one no other rule has."""
    values: dict[str, Any] = {
        "pattern": pattern or f"forbidden phrase {next(_serial)}",
        "action": action,
    }
    values.update(overrides)
    return _save(KeywordRule(**values))


def make_review_item(author: Any, **overrides: Any) -> ReviewItem:
    """A held story of `author` waiting in the review queue."""
    story = make_story(author, "A story held for a look", status="held")
    values: dict[str, Any] = {
        "kind": "story",
        "target_id": story.id,
        "reason": "Held by a rule: test",
        "excerpt": "A story",
    }
    values.update(overrides)
    return _save(ReviewItem(**values))


# --- what members send to the API ---------------------------------------------------------------------------


def story_payload(number: int | None = None, /, **overrides: Any) -> dict:
    """The JSON of a new story; a `number` makes its title and body its own (the n-th of many)."""
    if number is None:
        title = "Final round at a fintech, and what I would do differently"
        body = "I made it to the **final round** and froze on the system design question."
    else:
        title = f"Final round number {number}, and what I would do differently"
        body = f"I made it to the **final round** (try {number}) and froze on the system design question."
    payload = {
        "title": title,
        "body": body,
        "lessons": [
            {"category": "preparation", "text": "Practice system design out loud, not just in my head."},
            {"category": "follow_up", "text": "Send a short thank-you note the same day."},
        ],
        "stage": "final_round",
        "industry": "Software",
    }
    payload.update(overrides)
    return payload


def post_story(client, who: Member, **overrides: Any) -> int:
    """POST a story through the API as `who`; returns its id (asserting the 202 and that it waits for
    moderation)."""
    resp = client.post("/api/v1/stories", headers=who.headers, json=story_payload(**overrides))
    assert resp.status_code == 202, resp.get_json()
    assert resp.get_json()["status"] == "pending"
    return resp.get_json()["id"]


def profile_payload(**overrides: Any) -> dict:
    """The JSON of a mentor profile."""
    body = {
        "headline": "Hiring manager in software; I have sat on both sides of the table",
        "bio": "I was rejected **eleven** times before my first offer.",
        "expertise": ["answers", "questions_asked"],
        "industries": ["Software", "Finance"],
        "capacity": 2,
        "accepting": True,
    }
    body.update(overrides)
    return body


# Words that appear nowhere else, so that finding one in a raw row, a log or another reply is a leak.
SECRET_COMPANY = "Zanzibrite Labs"
SECRET_NOTE = "Quillfeather rambled about the migration project"
SECRET_WELL = "Marmalight rapport with the manager"
SECRET_FEEDBACK = "Thistlewick said my answers were too long"


def debrief_payload(**changes: Any) -> dict:
    """The JSON of an interview debrief, carrying the secret words."""
    payload = {
        "company": SECRET_COMPANY,
        "role": "Support engineer",
        "industry": "Software",
        "stage": "onsite",
        "interviewed_on": (date.today() - timedelta(days=3)).isoformat(),
        "outcome": "rejected",
        "audit": {
            "preparation": {"rating": 2, "notes": "Had not read about their new product."},
            "first_impression": {"rating": 4, "notes": "Arrived early and calm."},
            "answers": {"rating": 1, "notes": SECRET_NOTE},
            "enthusiasm": {"rating": 4, "notes": ""},
            "questions_asked": {"rating": 3, "notes": "Only asked about the salary."},
            "materials": {"rating": 5, "notes": ""},
        },
        "went_well": [SECRET_WELL, "Solid SQL answer"],
    }
    payload.update(changes)
    return payload


# --- a small community --------------------------------------------------------------------------------------

ROLES = ("anonymous", "member", "other", "group_member", "moderator", "admin")
# Words only the private group's story carries: a response that shows them to an outsider leaks it.
PRIVATE_MARKER = "Quokkaprivate"


@dataclass
class World:
    """Who is who, and the ids of what they made."""

    people: dict  # role -> Member (no entry for anonymous)
    writer: Member  # the private story's author: a member of the private group, never a caller
    public_group: SupportGroup
    private_group: SupportGroup
    public_story: int  # by "member"
    private_story: int  # by the writer, in the private group ("group_member" belongs to it)
    pending_story: int  # by "member", not yet moderated
    mentor: int  # the mentor profile of "other"

    def new_public_story(self) -> int:
        return make_story(self.people["member"], "Froze on the system design round").id

    def new_private_story(self) -> int:
        return _private_story(self.writer, self.private_group, f"{PRIVATE_MARKER} again")


def _private_story(
    writer: Member, group: SupportGroup, title: str, lesson: str = "Practise designs out loud."
) -> int:
    """A story in the private group; its body repeats its title (which carries PRIVATE_MARKER)."""
    body = f"{title}. What happened and what I learned."
    return make_story(writer, title, group=group, body=body, lessons=[("preparation", lesson)]).id


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
    writer, member = people["writer"], people["member"]
    public_group = make_group("Final rounds", "public", [member])
    private_group = make_group("Quiet circle", "private", [writer, people["group_member"]])
    public_story = make_story(member, "Froze on the system design round").id
    private_story = _private_story(
        writer, private_group, f"{PRIVATE_MARKER} story for the circle", lesson=f"{PRIVATE_MARKER} lesson"
    )
    make_reply(public_story, writer, "Hang in there", pseudonym="Calm Otter")
    return World(
        people={role: who for role, who in people.items() if role != "writer"},
        writer=writer,
        public_group=public_group,
        private_group=private_group,
        public_story=public_story,
        private_story=private_story,
        pending_story=make_story(member, "Still waiting for the check", status="pending").id,
        mentor=make_mentor(people["other"]).id,
    )
