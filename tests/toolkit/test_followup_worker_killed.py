"""The worker SIGKILLed in the middle of sending a follow-up reminder: the claim and the notification were one
transaction, so nothing of it stayed, and the next worker sends it exactly once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rq import Worker as RQWorker
from rq.registry import StartedJobRegistry

from community import queue
from community.extensions import db
from community.models import utcnow
from community.toolkit import debriefs, feedback
from tests.helpers import running, wait_until

pytestmark = pytest.mark.slow

# Long enough for a worker to start (its scheduler's first pass finds nothing due yet), short enough to wait.
DUE_IN = 25


def test_follow_up_interrupted_by_sigkill_arrives_exactly_once(
    client, processes, member, database, database_lock
):
    made = debriefs.create(
        member.id, {"company": "Acme", "stage": "onsite", "interviewed_on": date.today() - timedelta(days=8)}
    )
    feedback.record_request(made.id, member.id, date.today(), 7)
    due = utcnow() + timedelta(seconds=DUE_IN)
    database("UPDATE debrief SET follow_up_due_at = :due WHERE id = :id", due=due, id=made.id)
    db.session.remove()

    first = processes.worker()
    connection = queue.redis_connection()
    wait_until(lambda: RQWorker.all(connection=connection), 30, "the worker to start")
    started = StartedJobRegistry("default", connection=connection)
    with database_lock("debrief"):
        wait_until(lambda: utcnow() > due, DUE_IN + 5, "the follow-up to fall due", interval=0.2)
        queue.enqueue("default", "worker.jobs.send_due_followups")
        # The job waits on the lock, so the kill lands in the middle of it.
        wait_until(lambda: running(started), 30, "the follow-up job under way")
        processes.kill(first)
    assert database("SELECT followup_sent_at FROM debrief WHERE id = :id", id=made.id)[0][0] is None

    processes.worker()
    wait_until(
        lambda: database("SELECT followup_sent_at FROM debrief WHERE id = :id", id=made.id)[0][0],
        60,
        "the new worker to send the reminder",
    )
    # And more runs of the job send nothing more.
    assert feedback.send_due_followups() == 0
    items = client.get("/api/v1/me/notifications", headers=member.headers).get_json()["items"]
    assert [item["kind"] for item in items].count("followup") == 1
