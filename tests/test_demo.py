"""`flask --app community demo` loads its data files through the real services: every member, group,
story, reply and mentor in them ends up on the site, published by moderation, and a second run adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from community.accounts.models import User
from community.extensions import db
from community.groups.models import SupportGroup
from community.mentorship.models import MentorProfile
from community.stories.models import Reply, Story

DATA = Path(__file__).resolve().parent.parent / "community" / "demo_data"


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_the_demo_loads_its_data_files_once(runner, client):
    data = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in DATA.glob("*.json")}
    assert {"groups", "members", "stories", "replies", "reactions", "mentors"} <= set(data)

    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "Demo ready" in result.output
    assert count(User) == len(data["members"]) + 2  # and an admin and a moderator
    assert count(SupportGroup) == len(data["groups"])
    assert count(Story) == len(data["stories"])
    assert count(Story, Story.status == "published") >= len(data["stories"]) * 0.9
    assert count(Reply) == len(data["replies"])
    assert count(MentorProfile) == len(data["mentors"])
    title = data["stories"][0]["title"]
    assert title in client.get(
        f"/stories/{db.session.scalar(select(Story.id).where(Story.title == title))}"
    ).get_data(as_text=True)

    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0 and "already there" in again.output
    assert count(Story) == len(data["stories"])
