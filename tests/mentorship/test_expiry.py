from __future__ import annotations

from datetime import timedelta

from community import queue
from community.extensions import db
from community.mentorship.models import MentorshipRequest
from community.models import utcnow
from worker import jobs
from worker.__main__ import CRON_JOBS


def age(request_id: int, days: int) -> None:
    db.session.execute(
        MentorshipRequest.__table__.update()
        .where(MentorshipRequest.id == request_id)
        .values(created_at=utcnow() - timedelta(days=days))
    )
    db.session.commit()


def test_unanswered_requests_expire_through_the_job(make_member, volunteer, ask, run_jobs, mailbox):
    mentor, old, recent = make_member(name="Mira"), make_member(), make_member()
    mentor_id = volunteer(mentor)
    stale_id, fresh_id = ask(old, mentor_id), ask(recent, mentor_id)
    age(stale_id, 15)
    age(fresh_id, 13)

    assert queue.enqueue("default", "worker.jobs.expire_mentorship_requests")
    run_jobs()
    assert db.session.get(MentorshipRequest, stale_id).status == "expired"
    assert db.session.get(MentorshipRequest, fresh_id).status == "pending"
    [mail] = mailbox.messages
    assert mail["To"] == old.email and mail["Subject"] == "Your mentorship request expired"
    assert "Mira" in mail.get_body(("plain",)).get_content()

    # Running again changes nothing and sends nothing.
    queue.enqueue("default", "worker.jobs.expire_mentorship_requests")
    run_jobs()
    assert len(mailbox.messages) == 1


def test_expiry_is_scheduled_by_the_worker():
    assert any(func is jobs.expire_mentorship_requests for func, *_ in CRON_JOBS)
