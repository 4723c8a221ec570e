"""Demo data: members, groups, mentors and stories, published through the real moderation pipeline."""

from __future__ import annotations

import functools
import json
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import click
from sqlalchemy import func, select, update

from community.accounts import services as accounts
from community.accounts.models import User
from community.extensions import db
from community.groups import services as groups
from community.groups.models import SupportGroup
from community.mentorship import requesting, volunteering
from community.mentorship.models import MentorProfile
from community.models import utcnow
from community.moderation import keyword_rules
from community.moderation import services as moderation
from community.stories import services as stories
from community.stories.models import Reply, Story
from community.toolkit import demo as toolkit_demo

# What the demo loads, written as data: everything in it is fictional (members, companies, stories), and every
# cross-reference is a list index (`author` and `member` into members, `story` into stories, `group` into
# groups, `mentor` into mentors); `days_ago` counts back from the moment the demo is loaded.
DATA = Path(__file__).parent / "demo_data"
PARTS = ("groups", "members", "stories", "replies", "reactions", "mentors", "mentorship_requests")


@functools.cache
def content() -> SimpleNamespace:
    return SimpleNamespace(
        **{part.upper(): json.loads((DATA / f"{part}.json").read_text(encoding="utf-8")) for part in PARTS}
    )


DEMO_PASSWORD = "rebound-demo-password"
STAFF = [
    ("admin@example.org", "Avery", "admin"),
    ("moderator@example.org", "Morgan", "moderator"),
]


def _member(email: str, name: str, role: str = "member") -> int:
    user_id = db.session.scalar(select(User.id).where(User.email == email))
    if user_id is None:
        user_id = accounts.create_account(email, DEMO_PASSWORD, name, role=role, confirmed=True).id
        # Demo members have been here a while: established, so the companies they share can show.
        _backdate(User, user_id, 60, confirmed="email_confirmed_at")
    return user_id


def _group(spec: dict, admin_id: int) -> int:
    group_id = db.session.scalar(select(SupportGroup.id).where(SupportGroup.name == spec["name"]))
    if group_id is None:
        group_id = groups.create_group(spec["name"], spec["description"], spec["visibility"], admin_id).id
    return group_id


def _backdate(model, row_id: int, days_ago: float, **columns: str) -> None:
    when = utcnow() - timedelta(days=days_ago)
    db.session.execute(
        update(model).where(model.id == row_id).values(**dict.fromkeys(columns.values(), when))
    )
    db.session.commit()


def _load_stories(members: list[int], group_ids: list[int]) -> list[int]:
    story_ids: list[int] = []
    with click.progressbar(content().STORIES, label="Stories") as bar:
        for spec in bar:
            author = members[spec["author"]]
            group_id = group_ids[spec["group"]] if spec.get("group") is not None else None
            if group_id is not None:
                groups.join_group(group_id, author)
            story_id = stories.create_story(
                author,
                spec["title"],
                spec["body"],
                spec["lessons"],
                spec["stage"],
                spec["industry"],
                company=spec.get("company"),
                share_company=bool(spec.get("company")),
                group_id=group_id,
                content_notes=spec.get("content_notes"),
            )
            moderation.moderate_item("story", story_id)
            # Spread over the weeks behind us, so lists and last week's digest have something to show.
            when = utcnow() - timedelta(days=spec["days_ago"], hours=(story_id * 7) % 20)
            db.session.execute(
                update(Story).where(Story.id == story_id).values(created_at=when, published_at=when)
            )
            db.session.commit()
            story_ids.append(story_id)
    return story_ids


def _load_conversation(members: list[int], story_ids: list[int]) -> None:
    with click.progressbar(content().REPLIES, label="Replies") as bar:
        for spec in bar:
            story_id = story_ids[spec["story"]]
            author = members[spec["author"]]
            story = db.session.get(Story, story_id)
            if story.group_id is not None:
                groups.join_group(story.group_id, author)
            reply_id = stories.create_reply(story_id, author, spec["body"])
            moderation.moderate_item("reply", reply_id)
            published = story.published_at + timedelta(hours=2 + reply_id % 30)
            db.session.execute(
                update(Reply).where(Reply.id == reply_id).values(created_at=published, published_at=published)
            )
            db.session.commit()
    with click.progressbar(content().REACTIONS, label="Reactions") as bar:
        for story_index, member_index, kind in bar:
            story_id = story_ids[story_index]
            story = db.session.get(Story, story_id)
            if story.group_id is not None:
                groups.join_group(story.group_id, members[member_index])
            stories.react(story_id, members[member_index], kind)


def _load_mentors(members: list[int]) -> list[int]:
    mentor_ids: list[int] = []
    with click.progressbar(content().MENTORS, label="Mentors") as bar:
        for spec in bar:
            profile = volunteering.volunteer(
                members[spec["member"]],
                spec["headline"],
                spec["bio"],
                spec["expertise"],
                spec["industries"],
                spec["capacity"],
                True,
            )
            mentor_ids.append(profile.id)
            _backdate(MentorProfile, profile.id, spec.get("days_ago", 30), at="volunteered_at")
    for spec in content().MENTORSHIP_REQUESTS:
        mentor_id = mentor_ids[spec["mentor"]]
        mentee = members[spec["mentee"]]
        mentor_user = db.session.scalar(select(MentorProfile.user_id).where(MentorProfile.id == mentor_id))
        request = requesting.request_mentor(mentor_id, mentee, spec["message"])
        if spec["status"] in ("accepted", "closed"):
            requesting.accept(request.id, mentor_user, notify=False)
        if spec["status"] == "declined":
            requesting.decline(request.id, mentor_user, notify=False)
        if spec["status"] == "closed":
            requesting.close(request.id, mentee)
    # Pausing comes last: a mentor who is not accepting still keeps the requests answered before.
    for spec, mentor_id in zip(content().MENTORS, mentor_ids, strict=True):
        if not spec["accepting"]:
            db.session.execute(
                update(MentorProfile).where(MentorProfile.id == mentor_id).values(accepting=False)
            )
    db.session.commit()
    return mentor_ids


def run() -> None:
    added, _ = keyword_rules.install_defaults()
    if added:
        click.echo(f"Installed {added} default moderation rules.")
    people = [(email, name, role) for email, name, role in STAFF]
    people += [(m["email"], m["display_name"], "member") for m in content().MEMBERS]
    with click.progressbar(people, label="Members") as bar:
        ids = [_member(*row) for row in bar]
    admin_id, members = ids[0], ids[len(STAFF) :]
    group_ids = [_group(spec, admin_id) for spec in content().GROUPS]

    if db.session.scalar(select(func.count(Story.id))):
        click.echo("Stories are already there; demo members and groups are up to date.")
    else:
        story_ids = _load_stories(members, group_ids)
        _load_conversation(members, story_ids)
        _load_mentors(members)
    # Private to the demo member: two debriefs, a plan and check-ins, so the toolkit is seen alive.
    if toolkit_demo.load(members[0]):
        click.echo(f"Filled the private toolkit of {content().MEMBERS[0]['email']}.")
    click.echo(
        f"Demo ready. Sign in as {content().MEMBERS[0]['email']} (member), moderator@example.org or "
        f"admin@example.org, password {DEMO_PASSWORD!r}."
    )
