from __future__ import annotations

import threading

from community.errors import ServiceError
from community.extensions import db
from community.mentorship import requesting, volunteering
from community.mentorship.models import MentorProfile, MentorshipRequest


def test_parallel_accepts_never_exceed_capacity(app, make_member):
    mentor = make_member()
    profile = volunteering.volunteer(mentor.id, "Mentor", "", ["answers"], ["Software"], 1, True)
    mentor_id = profile.id
    request_ids = [
        requesting.request_mentor(mentor_id, make_member().id, "Could you help me?").id for _ in range(6)
    ]
    db.session.remove()

    barrier = threading.Barrier(len(request_ids))
    outcomes: dict[int, object] = {}

    def accept(request_id: int) -> None:
        # Each thread is its own request: its own app context, session and connection.
        with app.app_context():
            try:
                barrier.wait(10)
                requesting.accept(request_id, mentor.id, notify=False)
                outcomes[request_id] = "accepted"
            except ServiceError as err:
                outcomes[request_id] = err.status
            except BaseException as exc:
                outcomes[request_id] = exc
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=(rid,)) for rid in request_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert sorted(map(str, outcomes.values())) == ["409"] * 5 + ["accepted"]
    statuses = db.session.query(MentorshipRequest.status).order_by(MentorshipRequest.id).all()
    assert sorted(s for (s,) in statuses) == ["accepted"] + ["pending"] * 5
    assert db.session.get(MentorProfile, mentor_id).active_count == 1
