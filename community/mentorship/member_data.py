"""A member's mentor profile and mentorship requests, for the export and for erasing an account."""

from __future__ import annotations

from sqlalchemy import delete, or_, select, update

from community.accounts import lifecycle
from community.extensions import db
from community.mentorship.models import MentorProfile, MentorshipRequest
from community.models import isoformat


def export(user_id: int) -> dict:
    profile = db.session.scalar(select(MentorProfile).where(MentorProfile.user_id == user_id))
    own = select(MentorProfile.id).where(MentorProfile.user_id == user_id)
    requests = db.session.scalars(
        select(MentorshipRequest)
        .where(or_(MentorshipRequest.mentee_id == user_id, MentorshipRequest.mentor_id.in_(own)))
        .order_by(MentorshipRequest.id)
    )
    return {
        "mentor_profile": None
        if profile is None
        else {
            "headline": profile.headline,
            "bio": profile.bio,
            "expertise": profile.expertise,
            "industries": profile.industries,
            "capacity": profile.capacity,
            "accepting": profile.accepting,
            "active": profile.active,
        },
        "mentorship_requests": [
            {
                "id": r.id,
                "role": "mentee" if r.mentee_id == user_id else "mentor",
                "message": r.message,
                "status": r.status,
                "created_at": isoformat(r.created_at),
            }
            for r in requests
        ],
    }


def erase(user_id: int) -> None:
    # A mentee leaving frees the slot they held with their mentor.
    for (mentor_id,) in db.session.execute(
        select(MentorshipRequest.mentor_id).where(
            MentorshipRequest.mentee_id == user_id, MentorshipRequest.status == "accepted"
        )
    ).all():
        db.session.execute(
            update(MentorProfile)
            .where(MentorProfile.id == mentor_id, MentorProfile.active_count > 0)
            .values(active_count=MentorProfile.active_count - 1)
        )
    own = select(MentorProfile.id).where(MentorProfile.user_id == user_id).scalar_subquery()
    db.session.execute(
        delete(MentorshipRequest).where(
            or_(MentorshipRequest.mentee_id == user_id, MentorshipRequest.mentor_id == own)
        )
    )
    db.session.execute(delete(MentorProfile).where(MentorProfile.user_id == user_id))


lifecycle.register_export("mentorship", export)
lifecycle.register_erase(erase)
