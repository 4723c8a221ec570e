"""The follow-up reminder: one `followup` notification when a feedback request's follow-up falls due without
feedback recorded, however often the scheduled job runs."""

from __future__ import annotations

from datetime import date, timedelta

from community.models import utcnow
from community.toolkit import feedback
from tests.factories import SECRET_COMPANY


def followups(client, who) -> list[dict]:
    items = client.get("/api/v1/me/notifications", headers=who.headers).get_json()["items"]
    return [item for item in items if item["kind"] == "followup"]


def ask(client, who, debrief_id: int, days_ago: int, follow_up_days: int = 7) -> None:
    sent = (date.today() - timedelta(days=days_ago)).isoformat()
    resp = client.post(
        f"/api/v1/me/debriefs/{debrief_id}/feedback-request",
        json={"sent_on": sent, "follow_up_days": follow_up_days},
        headers=who.headers,
    )
    assert resp.status_code == 201


def test_a_follow_up_already_due_arrives_once_however_often_the_job_runs(
    client, member, make_debrief, run_jobs
):
    made = make_debrief(member)
    ask(client, member, made["id"], days_ago=10)
    # Recording it enqueued the job at once; the scheduler's own runs come on top.
    assert run_jobs() >= 1
    assert feedback.send_due_followups() == 0
    assert feedback.send_due_followups() == 0
    run_jobs()
    (note,) = followups(client, member)
    assert note["link"].endswith(f"/me/debriefs/{made['id']}/feedback-request?followup=1")
    assert "follow-up" in note["text"] and "Even a line or two would help" in note["text"]
    # The reminder can travel by email, so it names neither company nor role.
    assert SECRET_COMPANY not in note["text"] and "Support engineer" not in note["text"]
    shown = client.get(f"/api/v1/me/debriefs/{made['id']}", headers=member.headers).get_json()
    assert shown["feedback_request"]["followed_up"] is True


def test_nothing_before_it_falls_due_then_one(client, member, make_debrief):
    made = make_debrief(member)
    ask(client, member, made["id"], days_ago=1, follow_up_days=5)
    assert feedback.send_due_followups() == 0
    assert followups(client, member) == []
    later = utcnow() + timedelta(days=5)
    assert feedback.send_due_followups(now=later) == 1
    assert feedback.send_due_followups(now=later) == 0
    assert len(followups(client, member)) == 1


def test_feedback_recorded_first_means_no_reminder(client, member, make_debrief):
    made = make_debrief(member)
    ask(client, member, made["id"], days_ago=1, follow_up_days=3)
    client.put(f"/api/v1/me/debriefs/{made['id']}", json={"feedback": "Kind words"}, headers=member.headers)
    assert feedback.send_due_followups(now=utcnow() + timedelta(days=10)) == 0
    assert followups(client, member) == []


def test_the_reminder_reaches_only_its_member(client, member, make_member, make_debrief):
    other = make_member()
    made = make_debrief(member)
    ask(client, member, made["id"], days_ago=8)
    feedback.send_due_followups()
    assert len(followups(client, member)) == 1
    assert followups(client, other) == []
