"""Support groups: creating them, joining and leaving, and the stories a viewer may see in one."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError

from community.accounts.models import User
from community.errors import invalid, not_found
from community.extensions import db
from community.feed.lists import list_stories
from community.feed.rule import group_lets_in, is_member
from community.groups.models import VISIBILITIES, GroupMembership, SupportGroup
from community.moderation.screen import screen
from community.permissions import require_moderator

NAME_MAX = 80
DESCRIPTION_MAX = 5_000
SLUG_MAX = 80
# Room kept at the end of a long slug for "-2", "-3", ... when the name is taken.
_SUFFIX_ROOM = 6
_SLUG_ATTEMPTS = 5
_SLUG = re.compile(r"[a-z0-9-]{1,80}")


def slugify(name: str) -> str:
    """ "Final-round rejections" -> "final-round-rejections"; accents folded, never empty."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[: SLUG_MAX - _SUFFIX_ROOM].strip("-") or "group"


def _free_slug(base: str) -> str:
    taken = set(
        db.session.scalars(
            select(SupportGroup.slug).where((SupportGroup.slug == base) | SupportGroup.slug.like(f"{base}-%"))
        )
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def check_group(name: str, description: str, visibility: str) -> dict[str, str]:
    """Field problems, by field name; empty when the input is fine."""
    fields: dict[str, str] = {}
    name = (name or "").strip()
    if not name:
        fields["name"] = "Give the group a name."
    elif len(name) > NAME_MAX:
        fields["name"] = f"Use at most {NAME_MAX} characters."
    if len(description or "") > DESCRIPTION_MAX:
        fields["description"] = f"Use at most {DESCRIPTION_MAX:,} characters."
    if visibility not in VISIBILITIES:
        fields["visibility"] = "Choose public or private."
    return fields


def create_group(name: str, description: str, visibility: str, created_by_id: int | None) -> SupportGroup:
    """A new group; only moderators and admins create them (no creator: the command line or demo data)."""
    if created_by_id is not None:
        require_moderator(db.session.get(User, created_by_id), "Only moderators can create groups.")
    fields = check_group(name, description, visibility)
    if fields:
        raise invalid(**fields)
    texts, html = screen(
        {"name": name.strip(), "description": (description or "").strip()}, markdown_fields={"description"}
    )
    name, description = texts["name"], texts["description"]
    base = slugify(name)
    for _ in range(_SLUG_ATTEMPTS):
        group = SupportGroup(
            slug=_free_slug(base),
            name=name,
            description=description,
            description_html=html["description"],
            visibility=visibility,
            created_by_id=created_by_id,
        )
        db.session.add(group)
        try:
            db.session.commit()
        except IntegrityError:
            # Another group took the slug between our look and our insert: look again.
            db.session.rollback()
            continue
        return group
    raise invalid(name="Many groups have a name like this one; please choose another.")


def get_group(group_id: int) -> SupportGroup:
    group = db.session.get(SupportGroup, group_id)
    if group is None:
        raise not_found("That group")
    return group


def group_by_slug(slug: str) -> SupportGroup:
    group = (
        db.session.scalar(select(SupportGroup).where(SupportGroup.slug == slug))
        if _SLUG.fullmatch(slug)
        else None
    )
    if group is None:
        raise not_found("That group")
    return group


def join_group(group_id: int, user_id: int) -> SupportGroup:
    """Idempotent: joining twice, even at the same moment, leaves one membership."""
    group = get_group(group_id)
    if not is_member(group_id, user_id):
        db.session.add(GroupMembership(group_id=group_id, user_id=user_id))
        try:
            db.session.commit()
        except IntegrityError:
            # The unique (group, member) row already exists: a parallel join won.
            db.session.rollback()
    return group


def leave_group(group_id: int, user_id: int) -> None:
    """Idempotent: leaving a group one is not in changes nothing."""
    get_group(group_id)
    db.session.execute(
        GroupMembership.__table__.delete().where(
            GroupMembership.group_id == group_id, GroupMembership.user_id == user_id
        )
    )
    db.session.commit()


def member_counts(group_ids: Sequence[int]) -> dict[int, int]:
    if not group_ids:
        return {}
    rows = db.session.execute(
        select(GroupMembership.group_id, func.count())
        .where(GroupMembership.group_id.in_(group_ids))
        .group_by(GroupMembership.group_id)
    )
    return {group_id: count for group_id, count in rows}


def groups_of(user_ids: Iterable[int]) -> dict[int, list[int]]:
    """The groups each of these members belongs to, in one query (a member in none is left out)."""
    found: dict[int, list[int]] = {}
    for user_id, group_id in db.session.execute(
        select(GroupMembership.user_id, GroupMembership.group_id)
        .where(GroupMembership.user_id.in_(list(user_ids)))
        .order_by(GroupMembership.group_id)
    ):
        found.setdefault(user_id, []).append(group_id)
    return found


def member_group_ids(user_id: int | None) -> set[int]:
    return set(groups_of([user_id]).get(user_id, [])) if user_id is not None else set()


def groups_query() -> Select[tuple[SupportGroup]]:
    return select(SupportGroup).order_by(SupportGroup.name, SupportGroup.id)


def group_rows(groups: Sequence[SupportGroup], viewer_id: int | None) -> list[dict]:
    """Groups with their member counts and whether the viewer belongs, in two queries for any number."""
    counts = member_counts([g.id for g in groups])
    mine = member_group_ids(viewer_id)
    return [
        {
            "id": g.id,
            "slug": g.slug,
            "name": g.name,
            "description": g.description,
            "description_html": g.description_html,
            "visibility": g.visibility,
            "member_count": counts.get(g.id, 0),
            "is_member": g.id in mine,
        }
        for g in groups
    ]


def group_stories(
    group: SupportGroup, viewer: User | None, page: int = 1, per_page: int = 20, cursor: str | None = None
) -> dict:
    """A page of the group's published stories the viewer may see, newest first, in the public story
    shape; 404 for outsiders of a private group, so its existence says nothing about its stories. Anyone may
    read a public group's stories; a private group's are for its members and moderators."""
    if not group_lets_in(group.id, group.visibility, viewer):
        raise not_found("That group")
    return list_stories(viewer, page, per_page, group_id=group.id, cursor=cursor)
