"""Volunteering as a mentor: the profile (checked, screened, saved), and stopping, which answers the mentor's
open requests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from community import queue
from community.accounts.models import User
from community.errors import conflict, invalid, not_found
from community.extensions import db
from community.fields import trimmed
from community.industries import clean_industries, industries_problem
from community.mentorship.models import MentorProfile, MentorshipRequest
from community.mentorship.services import move_request
from community.models import utcnow
from community.moderation.screen import screen
from community.stories.models import CATEGORIES

HEADLINE_MAX = 120
BIO_MAX = 5_000
CAPACITY_MIN = 1
CAPACITY_MAX = 10


def check_profile(
    headline: Any, bio: Any, expertise: Any, industries: Any, capacity: Any, accepting: Any
) -> dict[str, str]:
    """Field problems, by field name; empty when the input is fine."""
    fields: dict[str, str] = {}
    headline = trimmed(headline)
    if not headline:
        fields["headline"] = "Write a one-line headline, e.g. what you do and how you can help."
    elif len(headline) > HEADLINE_MAX:
        fields["headline"] = f"Use at most {HEADLINE_MAX} characters."
    if not isinstance(bio, str):
        fields["bio"] = "Write your bio as text."
    elif len(bio.strip()) > BIO_MAX:
        fields["bio"] = f"Use at most {BIO_MAX:,} characters."
    if not isinstance(expertise, list | tuple) or not expertise:
        fields["expertise"] = "Choose at least one area you can help with."
    elif any(item not in CATEGORIES for item in expertise):
        fields["expertise"] = f"Choose from: {', '.join(CATEGORIES)}."
    if not isinstance(industries, list | tuple) or not all(isinstance(i, str) for i in industries):
        fields["industries"] = "Give a list of industries."
    else:
        cleaned = clean_industries(list(industries))
        if problem := industries_problem(cleaned):
            fields["industries"] = problem
    if (
        isinstance(capacity, bool)
        or not isinstance(capacity, int)
        or not CAPACITY_MIN <= capacity <= CAPACITY_MAX
    ):
        fields["capacity"] = f"Choose how many mentees at once, from {CAPACITY_MIN} to {CAPACITY_MAX}."
    if not isinstance(accepting, bool):
        fields["accepting"] = "Say whether you are taking new requests (true or false)."
    return fields


def profile_for(user_id: int) -> MentorProfile | None:
    return db.session.scalar(select(MentorProfile).where(MentorProfile.user_id == user_id))


def volunteer(
    user_id: int,
    headline: str,
    bio: str,
    expertise: list[str],
    industries: list[str],
    capacity: int,
    accepting: bool = True,
) -> MentorProfile:
    """Create or update the member's mentor profile; volunteering again after stopping starts afresh."""
    fields = check_profile(headline, bio, expertise, industries, capacity, accepting)
    if fields:
        raise invalid(**fields)
    if db.session.get(User, user_id) is None:
        raise not_found("That member")
    texts, html = screen({"headline": headline.strip(), "bio": bio.strip()}, markdown_fields={"bio"})
    values = {
        "headline": texts["headline"],
        "bio": texts["bio"],
        "bio_html": html["bio"],
        "expertise": [c for c in CATEGORIES if c in expertise],
        "industries": clean_industries(list(industries)),
        "capacity": capacity,
        "accepting": accepting,
    }
    for _ in range(2):
        profile = profile_for(user_id)
        if profile is None:
            # A profile shares its member's id, so a mentor has one id everywhere in the API.
            profile = MentorProfile(id=user_id, user_id=user_id, active_count=0, active=True, **values)
            db.session.add(profile)
        else:
            for name, value in values.items():
                setattr(profile, name, value)
            if not profile.active:
                profile.active = True
                profile.volunteered_at = utcnow()
        try:
            db.session.commit()
        except IntegrityError:
            # Two saves of a first profile at once: the other created it, so update that one.
            db.session.rollback()
            continue
        return profile
    raise conflict("Your profile was being saved twice at once; please try again.")


def stop_volunteering(user_id: int, notify: bool = True) -> None:
    """Leave the mentor list; pending requests are declined kindly, accepted ones closed. Idempotent."""
    profile = profile_for(user_id)
    if profile is None:
        return
    profile_id = profile.id
    db.session.execute(
        update(MentorProfile)
        .where(MentorProfile.id == profile_id)
        .values(active=False)
        .execution_options(synchronize_session=False)
    )
    pending = db.session.execute(
        select(MentorshipRequest.id, MentorshipRequest.mentee_id).where(
            MentorshipRequest.mentor_id == profile_id, MentorshipRequest.status == "pending"
        )
    ).all()
    now = utcnow()
    declined = [
        (request_id, mentee_id)
        for request_id, mentee_id in pending
        if move_request(request_id, "pending", "declined", answered_at=now)
    ]
    db.session.execute(
        update(MentorshipRequest)
        .where(MentorshipRequest.mentor_id == profile_id, MentorshipRequest.status == "accepted")
        .values(status="closed")
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(MentorProfile)
        .where(MentorProfile.id == profile_id)
        .values(active_count=0)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if notify:
        name = db.session.get(User, user_id).display_name
        for request_id, mentee_id in declined:
            queue.enqueue_mail(
                "mentorship_declined", mentee_id, mentor_name=name, reason="stopped", request_id=request_id
            )
