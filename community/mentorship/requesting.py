"""Mentorship requests: asking a mentor, the mentor's answer, closing, the member's own list, and expiry
of requests nobody answered. Each side hears of a change through a notification written with it, and
by mail where the change carries contact details."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from community import queue
from community.accounts.models import User
from community.errors import ServiceError, conflict, invalid, not_found
from community.extensions import db
from community.fields import required_text
from community.mentorship.models import OPEN_STATUSES, MentorProfile, MentorshipRequest
from community.mentorship.services import lock_profile, move_request
from community.models import isoformat, utcnow
from community.moderation.screen import screen
from community.notifications.services import tell as add_notification
from community.permissions import require_mentor

MESSAGE_MAX = 2_000
# A request nobody answered in this long expires, so the mentee can look elsewhere.
EXPIRY = timedelta(days=14)


def check_message(message: Any) -> str:
    return required_text(
        message,
        "message",
        MESSAGE_MAX,
        missing="Write a short message: who you are and what you would like help with.",
    )


def request_mentor(mentor_id: int, mentee_id: int, message: str) -> MentorshipRequest:
    profile = db.session.get(MentorProfile, mentor_id)
    if profile is None:
        raise not_found("That mentor")
    if profile.user_id == mentee_id:
        raise invalid(mentor="You cannot ask yourself to be your mentor.")
    text = screen({"message": check_message(message)})[0]["message"]
    lock_profile(mentor_id)
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
    """The request if the actor may answer it: 404 for strangers, 403 for the mentee where only the mentor
    may."""
    item = db.session.get(MentorshipRequest, request_id)
    profile = db.session.get(MentorProfile, item.mentor_id) if item is not None else None
    if item is None or profile is None or actor_id not in (profile.user_id, item.mentee_id):
        raise not_found("That request")
    if mentor_only:
        require_mentor(profile.user_id, actor_id, "Only the mentor can answer this request.")
    return item, profile


def _not_pending(item: MentorshipRequest) -> ServiceError:
    return conflict(f"This request is already {item.status}.")


def _answer(item: MentorshipRequest, profile: MentorProfile, to_status: str) -> str:
    """Move the pending request to `to_status` (409 if it was answered meanwhile); the mentor's name."""
    if not move_request(item.id, "pending", to_status, answered_at=utcnow()):
        db.session.rollback()
        db.session.refresh(item)
        raise _not_pending(item)
    return db.session.scalar(select(User.display_name).where(User.id == profile.user_id))


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
    mentor_name = _answer(item, profile, "accepted")
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
    mentor_name = _answer(item, profile, "declined")
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
    lock_profile(profile.id)
    if move_request(request_id, "accepted", "closed"):
        db.session.execute(
            update(MentorProfile)
            .where(MentorProfile.id == profile.id, MentorProfile.active_count > 0)
            .values(active_count=MentorProfile.active_count - 1)
            .execution_options(synchronize_session=False)
        )
    elif not move_request(request_id, "pending", "closed"):
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
    expired = [row for row in stale if move_request(row.id, "pending", "expired")]
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
