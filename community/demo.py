"""Demo data: members, groups, mentors and stories, published through the real moderation pipeline."""

from __future__ import annotations

import click
from sqlalchemy import select

from community import demo_content
from community.accounts import services as accounts
from community.accounts.models import User
from community.extensions import db

DEMO_PASSWORD = "rebound-demo-password"


def _member(email: str, name: str, role: str = "member") -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    return user or accounts.register(email, DEMO_PASSWORD, name, role=role, welcome=False)


def run() -> None:
    staff = [
        ("admin@example.org", "Avery (admin)", "admin"),
        ("moderator@example.org", "Morgan (moderator)", "moderator"),
    ]
    people = [(m["email"], m["display_name"], "member") for m in demo_content.MEMBERS]
    with click.progressbar(staff + people, label="Members") as bar:
        members = [_member(*row) for row in bar]
    click.echo(
        f"{len(members)} demo members ready; sign in as member {demo_content.MEMBERS[0]['email']}, "
        f"moderator@example.org or admin@example.org with the password {DEMO_PASSWORD!r}."
    )
