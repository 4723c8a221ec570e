"""Mentorship: volunteering as a mentor, finding one, and requests with their answers.

A mentor's free places are guarded by the database, not by Python: accepting moves `active_count` with a
conditional UPDATE (`active_count < capacity`) in the same transaction that moves the request out of
`pending`, so parallel accepts can never seat more mentees than the capacity allows. Every change that
touches both a profile and its requests takes the profile row first, so two of them cannot deadlock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from community import queue
from community.accounts.models import User
from community.errors import ServiceError, conflict, forbidden, invalid, not_found
from community.extensions import db
from community.industries import clean_industries, industries_problem
from community.mentorship.models import OPEN_STATUSES, MentorProfile, MentorshipRequest
from community.models import isoformat, utcnow
from community.moderation.screen import screen
from community.notifications.services import tell as add_notification
from community.stories.models import CATEGORIES, Lesson, Story

HEADLINE_MAX = 120
BIO_MAX = 5_000
MESSAGE_MAX = 2_000
CAPACITY_MIN = 1
CAPACITY_MAX = 10
# A request nobody answered in this long expires, so the mentee can look elsewhere.
EXPIRY = timedelta(days=14)


# --- volunteering -------------------------------------------------------------------------------------


def check_profile(
    headline: Any, bio: Any, expertise: Any, industries: Any, capacity: Any, accepting: Any
) -> dict[str, str]:
    """Field problems, by field name; empty when the input is fine."""
    fields: dict[str, str] = {}
    headline = headline.strip() if isinstance(headline, str) else ""
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
        if _move(request_id, "pending", "declined", answered_at=now)
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


# --- finding a mentor ---------------------------------------------------------------------------------


def open_slots(profile: MentorProfile) -> int:
    if not profile.active or not profile.accepting:
        return 0
    return max(0, profile.capacity - profile.active_count)


def story_categories(user_id: int | None) -> set[str]:
    """The lesson categories of the member's own stories: what they wrote about."""
    if user_id is None:
        return set()
    return set(
        db.session.scalars(
            select(Lesson.category)
            .join(Story, Story.id == Lesson.story_id)
            .where(Story.author_id == user_id, Story.status != "removed")
            .distinct()
        )
    )


def _same_industry(wanted: str, industries: Iterable[str]) -> bool:
    key = " ".join(wanted.split()).lower()
    return any(" ".join(str(i).split()).lower() == key for i in industries)


def _ranked_mentor_ids(
    viewer_id: int | None, industry: str | None, expertise: str | None
) -> list[tuple[int, int]]:
    """(profile id, categories in common with the viewer's stories), best first.

    Matching on JSON lists is done here rather than in SQL so it behaves the same on SQLite and PostgreSQL;
    it reads a few small columns of the active profiles only.
    """
    if expertise and expertise not in CATEGORIES:
        raise invalid(expertise=f"Choose one of: {', '.join(CATEGORIES)}.")
    rows = db.session.execute(
        select(
            MentorProfile.id,
            MentorProfile.user_id,
            MentorProfile.expertise,
            MentorProfile.industries,
            MentorProfile.capacity,
            MentorProfile.active_count,
            MentorProfile.accepting,
            MentorProfile.volunteered_at,
        ).where(MentorProfile.active.is_(True))
    ).all()
    wanted = story_categories(viewer_id)
    ranked = []
    for row in rows:
        if industry and industry.strip() and not _same_industry(industry, row.industries or []):
            continue
        if expertise and expertise not in (row.expertise or []):
            continue
        common = 0 if row.user_id == viewer_id else len(wanted & set(row.expertise or []))
        available = row.accepting and row.active_count < row.capacity
        ranked.append((common, available, row.volunteered_at, row.id))
    ranked.sort(key=lambda r: (r[0], r[1], r[2], r[3]), reverse=True)
    return [(profile_id, common) for common, _, _, profile_id in ranked]


def mentor_rows(profile_ids: Sequence[int]) -> list[dict]:
    """Mentors as anyone may see them, in the given order: named by display name, never by email."""
    if not profile_ids:
        return []
    rows = db.session.execute(
        select(MentorProfile, User.display_name)
        .join(User, User.id == MentorProfile.user_id)
        .where(MentorProfile.id.in_(profile_ids))
    ).all()
    by_id = {profile.id: (profile, name) for profile, name in rows}
    return [
        {
            "id": profile.id,
            "display_name": name,
            "headline": profile.headline,
            "bio_html": profile.bio_html,
            "expertise": list(profile.expertise or []),
            "industries": list(profile.industries or []),
            "open_slots": open_slots(profile),
        }
        for profile, name in (by_id[i] for i in profile_ids if i in by_id)
    ]


def list_mentors(
    viewer_id: int | None,
    industry: str | None = None,
    expertise: str | None = None,
    page: int = 1,
    per_page: int = 20,
) -> dict:
    """Active mentors, filtered; for a member, those who know what the member wrote about come first."""
    ranked = _ranked_mentor_ids(viewer_id, industry, expertise)
    total = len(ranked)
    start = (page - 1) * per_page
    ids = [profile_id for profile_id, _ in ranked[start : start + per_page]]
    return {"items": mentor_rows(ids), "page": page, "pages": max(1, -(-total // per_page)), "total": total}


def suggested_mentors(viewer_id: int | None, limit: int = 3) -> list[dict]:
    """Mentors with an open place whose expertise covers what the member's own stories are about."""
    if viewer_id is None:
        return []
    ids = [profile_id for profile_id, common in _ranked_mentor_ids(viewer_id, None, None) if common]
    return [row for row in mentor_rows(ids) if row["open_slots"] > 0][:limit]


# --- requests -----------------------------------------------------------------------------------------


def _lock_profile(profile_id: int) -> None:
    """Take the profile's row lock (a write on SQLite) for the rest of the transaction."""
    db.session.execute(
        update(MentorProfile)
        .where(MentorProfile.id == profile_id)
        .values(active_count=MentorProfile.active_count)
        .execution_options(synchronize_session=False)
    )


def _move(request_id: int, from_status: str, to_status: str, **values: Any) -> bool:
    """Move a request between statuses only if it is still in `from_status`; whether it moved."""
    result = db.session.execute(
        update(MentorshipRequest)
        .where(MentorshipRequest.id == request_id, MentorshipRequest.status == from_status)
        .values(status=to_status, **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def check_message(message: Any) -> str:
    text = message.strip() if isinstance(message, str) else ""
    if not text:
        raise invalid(message="Write a short message: who you are and what you would like help with.")
    if len(text) > MESSAGE_MAX:
        raise invalid(message=f"Use at most {MESSAGE_MAX:,} characters.")
    return text


def request_mentor(mentor_id: int, mentee_id: int, message: str) -> MentorshipRequest:
    profile = db.session.get(MentorProfile, mentor_id)
    if profile is None:
        raise not_found("That mentor")
    if profile.user_id == mentee_id:
        raise invalid(mentor="You cannot ask yourself to be your mentor.")
    text = screen({"message": check_message(message)})[0]["message"]
    _lock_profile(mentor_id)
    state = db.session.execute(
        select(
            MentorProfile.active, MentorProfile.accepting, MentorProfile.capacity, MentorProfile.active_count
        ).where(MentorProfile.id == mentor_id)
    ).one()
    problem = None
    if not state.active:
        problem = "This mentor is no longer volunteering."
    elif not state.accepting:
        problem = "This mentor is not taking new requests right now."
    elif state.active_count >= state.capacity:
        problem = "This mentor has no open place right now."
    elif db.session.scalar(
        select(MentorshipRequest.id).where(
            MentorshipRequest.mentor_id == mentor_id,
            MentorshipRequest.mentee_id == mentee_id,
            MentorshipRequest.status.in_(OPEN_STATUSES),
        )
    ):
        problem = "You already have an open request with this mentor."
    if problem:
        db.session.rollback()
        raise conflict(problem)
    item = MentorshipRequest(mentor_id=mentor_id, mentee_id=mentee_id, message=text, status="pending")
    db.session.add(item)
    _tell(profile.user_id, "A member asked you to be their mentor. Their message is waiting for your answer.")
    db.session.commit()
    return item


def _tell(user_id: int, text: str, own_mail: bool = False) -> None:
    """A `mentorship` notification, written with the change it tells of; `own_mail` when a mail of its own
    (with the contact details it carries) tells of it too."""
    add_notification(user_id, "mentorship", text, "/me/mentorship", own_mail=own_mail)


def _request_for(
    request_id: int, actor_id: int, mentor_only: bool
) -> tuple[MentorshipRequest, MentorProfile]:
    """The request if the actor may answer it: 404 for strangers, 403 for the mentee where only the mentor may."""
    item = db.session.get(MentorshipRequest, request_id)
    profile = db.session.get(MentorProfile, item.mentor_id) if item is not None else None
    if item is None or profile is None or actor_id not in (profile.user_id, item.mentee_id):
        raise not_found("That request")
    if mentor_only and actor_id != profile.user_id:
        raise forbidden("Only the mentor can answer this request.")
    return item, profile


def _not_pending(item: MentorshipRequest) -> ServiceError:
    return conflict(f"This request is already {item.status}.")


def accept(request_id: int, actor_id: int, notify: bool = True) -> MentorshipRequest:
    item, profile = _request_for(request_id, actor_id, mentor_only=True)
    if item.status != "pending":
        raise _not_pending(item)
    seated = db.session.execute(
        update(MentorProfile)
        .where(MentorProfile.id == profile.id, MentorProfile.active_count < MentorProfile.capacity)
        .values(active_count=MentorProfile.active_count + 1)
        .execution_options(synchronize_session=False)
    )
    if seated.rowcount != 1:
        db.session.rollback()
        raise conflict("You are at capacity: close a mentorship or raise your capacity to accept another.")
    if not _move(request_id, "pending", "accepted", answered_at=utcnow()):
        db.session.rollback()
        db.session.refresh(item)
        raise _not_pending(item)
    mentor_name = db.session.scalar(select(User.display_name).where(User.id == profile.user_id))
    _tell(
        item.mentee_id,
        f"{mentor_name} accepted your mentorship request. You can now write to each other.",
        own_mail=notify,
    )
    db.session.commit()
    if notify:
        mentor = db.session.get(User, profile.user_id)
        mentee = db.session.get(User, item.mentee_id)
        queue.enqueue_mail(
            "mentor_accepted",
            mentee.id,
            mentor_name=mentor.display_name,
            mentor_email=mentor.email,
            request_id=request_id,
        )
        queue.enqueue_mail(
            "new_mentee",
            mentor.id,
            mentee_name=mentee.display_name,
            mentee_email=mentee.email,
            request_id=request_id,
        )
    return item


def decline(request_id: int, actor_id: int, notify: bool = True) -> MentorshipRequest:
    item, profile = _request_for(request_id, actor_id, mentor_only=True)
    if not _move(request_id, "pending", "declined", answered_at=utcnow()):
        db.session.rollback()
        db.session.refresh(item)
        raise _not_pending(item)
    mentor_name = db.session.scalar(select(User.display_name).where(User.id == profile.user_id))
    _tell(
        item.mentee_id,
        f"{mentor_name} can't take on your mentorship request right now. Other mentors can.",
        own_mail=notify,
    )
    db.session.commit()
    if notify:
        mentor = db.session.get(User, profile.user_id)
        queue.enqueue_mail(
            "mentorship_declined",
            item.mentee_id,
            mentor_name=mentor.display_name,
            reason="declined",
            request_id=request_id,
        )
    return item


def close(request_id: int, actor_id: int) -> MentorshipRequest:
    """Either side ends a mentorship (or withdraws a pending request); an accepted one frees its place."""
    item, profile = _request_for(request_id, actor_id, mentor_only=False)
    if item.status not in OPEN_STATUSES:
        raise _not_pending(item)
    _lock_profile(profile.id)
    if _move(request_id, "accepted", "closed"):
        db.session.execute(
            update(MentorProfile)
            .where(MentorProfile.id == profile.id, MentorProfile.active_count > 0)
            .values(active_count=MentorProfile.active_count - 1)
            .execution_options(synchronize_session=False)
        )
    elif not _move(request_id, "pending", "closed"):
        db.session.rollback()
        db.session.refresh(item)
        raise _not_pending(item)
    other = item.mentee_id if actor_id == profile.user_id else profile.user_id
    _tell(other, "A mentorship of yours was closed. Thank you for the time you gave each other.")
    db.session.commit()
    return item


def _person(user: User, with_email: bool) -> dict:
    person = {"id": user.id, "display_name": user.display_name}
    if with_email:
        person["email"] = user.email
    return person


def member_requests(user_id: int) -> dict[str, list[dict]]:
    """The member's requests as mentor (incoming) and as mentee (outgoing), newest first.

    Each side sees the other's email only while the mentorship is accepted.
    """
    rows = db.session.execute(
        select(MentorshipRequest, MentorProfile.user_id)
        .join(MentorProfile, MentorProfile.id == MentorshipRequest.mentor_id)
        .where((MentorProfile.user_id == user_id) | (MentorshipRequest.mentee_id == user_id))
        .order_by(MentorshipRequest.created_at.desc(), MentorshipRequest.id.desc())
    ).all()
    people_ids = {mentor_user for _, mentor_user in rows} | {item.mentee_id for item, _ in rows}
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(people_ids)))}
    result: dict[str, list[dict]] = {"incoming": [], "outgoing": []}
    for item, mentor_user_id in rows:
        incoming = mentor_user_id == user_id
        accepted = item.status == "accepted"
        mentor = _person(people[mentor_user_id], with_email=accepted and not incoming)
        mentor["id"] = item.mentor_id
        result["incoming" if incoming else "outgoing"].append(
            {
                "id": item.id,
                "status": item.status,
                "message": item.message,
                "mentor": mentor,
                "mentee": _person(people[item.mentee_id], with_email=accepted and incoming),
                "created_at": isoformat(item.created_at),
            }
        )
    return result


def expire_requests(now: datetime | None = None) -> int:
    """Expire requests left pending for 14 days and tell each mentee kindly; idempotent."""
    cutoff = (now or utcnow()) - EXPIRY
    stale = db.session.execute(
        select(MentorshipRequest.id, MentorshipRequest.mentee_id, User.display_name)
        .join(MentorProfile, MentorProfile.id == MentorshipRequest.mentor_id)
        .join(User, User.id == MentorProfile.user_id)
        .where(MentorshipRequest.status == "pending", MentorshipRequest.created_at < cutoff)
    ).all()
    expired = [row for row in stale if _move(row.id, "pending", "expired")]
    for _, mentee_id, mentor_name in expired:
        _tell(
            mentee_id,
            f"Your mentorship request to {mentor_name} expired unanswered. Other mentors can help.",
            own_mail=True,
        )
    db.session.commit()
    for request_id, mentee_id, mentor_name in expired:
        queue.enqueue_mail("mentorship_expired", mentee_id, mentor_name=mentor_name, request_id=request_id)
    return len(expired)
