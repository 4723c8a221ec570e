"""Mentorship: volunteering as a mentor (volunteering.py), finding one (finding.py), and requests with their
answers (requesting.py); here, the two guards every change to a profile and its requests goes through.

A mentor's free places are guarded by the database, not by Python: accepting moves `active_count` with a
conditional UPDATE (`active_count < capacity`) in the same transaction that moves the request out of
`pending`, so parallel accepts can never seat more mentees than the capacity allows. Every change that
touches both a profile and its requests takes the profile row first, so two of them cannot deadlock.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from community.extensions import db
from community.mentorship.models import MentorProfile, MentorshipRequest


def lock_profile(profile_id: int) -> None:
    """Take the profile's row lock (a write on SQLite) for the rest of the transaction."""
    db.session.execute(
        update(MentorProfile)
        .where(MentorProfile.id == profile_id)
        .values(active_count=MentorProfile.active_count)
        .execution_options(synchronize_session=False)
    )


def move_request(request_id: int, from_status: str, to_status: str, **values: Any) -> bool:
    """Move a request between statuses only if it is still in `from_status`; whether it moved."""
    result = db.session.execute(
        update(MentorshipRequest)
        .where(MentorshipRequest.id == request_id, MentorshipRequest.status == from_status)
        .values(status=to_status, **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1
