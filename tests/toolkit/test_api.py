"""The toolkit's API: a member's own debriefs, feedback requests, plan, check-ins, progress and story drafts;
bad input named field by field; anyone else's ids are "not found"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from community.digest.compose import shift_week, week_of
from community.models import utcnow
from tests.factories import SECRET_COMPANY, SECRET_NOTE, debrief_payload


def test_a_member_keeps_debriefs_and_changes_them(client, member, make_debrief):
    made = make_debrief(member)
    assert made["company"] == SECRET_COMPANY
    assert made["audit"]["answers"] == {"rating": 1, "notes": SECRET_NOTE}
    assert made["went_well"][1] == "Solid SQL answer"
    url = f"/api/v1/me/debriefs/{made['id']}"

    resp = client.put(
        url, json={"outcome": "waiting", "feedback": "Be more concise."}, headers=member.headers
    )
    assert resp.status_code == 200
    assert resp.get_json()["outcome"] == "waiting"
    assert resp.get_json()["feedback"] == "Be more concise."
    # Fields not sent stay as they were.
    assert resp.get_json()["company"] == SECRET_COMPANY

    listed = client.get("/api/v1/me/debriefs", headers=member.headers).get_json()
    assert [d["id"] for d in listed["items"]] == [made["id"]] and listed["total"] == 1

    assert client.delete(url, headers=member.headers).status_code == 204
    assert client.get(url, headers=member.headers).status_code == 404


def test_only_company_stage_and_date_are_required(client, member):
    resp = client.post(
        "/api/v1/me/debriefs",
        json={"company": "Acme", "stage": "technical", "interviewed_on": date.today().isoformat()},
        headers=member.headers,
    )
    assert resp.status_code == 201
    assert resp.get_json()["audit"] == {} and resp.get_json()["went_well"] == []
    resp = client.post("/api/v1/me/debriefs", json={}, headers=member.headers)
    assert resp.status_code == 422
    assert set(resp.get_json()["error"]["fields"]) == {"company", "stage", "interviewed_on"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"audit": {"answers": {"rating": 0}}}, "audit.answers.rating"),
        ({"audit": {"answers": {"rating": 6}}}, "audit.answers.rating"),
        ({"audit": {"charm": {"rating": 3}}}, "audit.charm"),
        ({"audit": {"other": {"rating": 3}}}, "audit.other"),
        ({"interviewed_on": (date.today() + timedelta(days=1)).isoformat()}, "interviewed_on"),
        ({"interviewed_on": "last tuesday"}, "interviewed_on"),
        ({"stage": "panel"}, "stage"),
        ({"outcome": "ghosted"}, "outcome"),
        ({"feedback": "x" * 5001}, "feedback"),
        ({"audit": {"answers": {"rating": 3, "notes": "y" * 5001}}}, "audit.answers.notes"),
        ({"company": "c" * 101}, "company"),
        ({"went_well": ["w" * 1001]}, "went_well.0"),
    ],
)
def test_bad_debrief_input_is_named(client, member, changes, field):
    resp = client.post("/api/v1/me/debriefs", json=debrief_payload(**changes), headers=member.headers)
    assert resp.status_code == 422, resp.get_json()
    assert field in resp.get_json()["error"]["fields"]


def test_a_text_of_exactly_5000_characters_is_fine(client, member):
    resp = client.post(
        "/api/v1/me/debriefs", json=debrief_payload(feedback="x" * 5000), headers=member.headers
    )
    assert resp.status_code == 201


@pytest.mark.parametrize("who", ["other", "moderator", "admin"])
def test_anyone_else_is_told_the_debrief_does_not_exist(client, member, make_member, make_debrief, who):
    made = make_debrief(member)
    caller = make_member(who if who != "other" else "member")
    base = f"/api/v1/me/debriefs/{made['id']}"
    calls = [
        ("GET", base, None),
        ("PUT", base, {"outcome": "offer"}),
        ("DELETE", base, None),
        ("GET", f"{base}/feedback-request", None),
        ("POST", f"{base}/feedback-request", {"follow_up_days": 3}),
        ("POST", f"{base}/story-draft", {"share_company": True}),
    ]
    for method, url, body in calls:
        resp = client.open(url, method=method, json=body, headers=caller.headers)
        assert resp.status_code == 404, (method, url)
        assert SECRET_COMPANY not in resp.get_data(as_text=True)
    # Nothing changed for the owner.
    mine = client.get(base, headers=member.headers).get_json()
    assert mine["outcome"] == "rejected" and mine["feedback_request"] is None
    assert client.get("/api/v1/me/debriefs", headers=caller.headers).get_json()["total"] == 0


def test_signed_out_callers_are_asked_to_sign_in(client):
    for url in ("/api/v1/me/debriefs", "/api/v1/me/plan", "/api/v1/me/progress"):
        assert client.get(url).status_code == 401


def test_the_feedback_request_asks_about_the_weakest_parts(client, member, make_debrief):
    made = make_debrief(member)
    url = f"/api/v1/me/debriefs/{made['id']}/feedback-request"
    draft = client.get(url, headers=member.headers).get_json()
    assert "Thank you" in draft["body"] and SECRET_COMPANY in draft["body"]
    questions = [line for line in draft["body"].splitlines() if line.startswith("- ")]
    assert 2 <= len(questions) <= 3
    # Answers (1), preparation (2) and questions asked (3) were rated lowest.
    assert "answers of mine" in questions[0]
    assert "before we spoke" in questions[1]
    bodies = {
        tone: client.get(f"{url}?tone={tone}", headers=member.headers).get_json()["body"]
        for tone in ("brief", "warm", "formal")
    }
    assert len(set(bodies.values())) == 3
    assert len(bodies["brief"]) < len(bodies["warm"])
    assert client.get(f"{url}?tone=grumpy", headers=member.headers).status_code == 422


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"follow_up_days": 0}, "follow_up_days"),
        ({"follow_up_days": 31}, "follow_up_days"),
        ({"follow_up_days": "soon"}, "follow_up_days"),
        ({"sent_on": (date.today() + timedelta(days=2)).isoformat()}, "sent_on"),
    ],
)
def test_bad_feedback_request_input_is_named(client, member, make_debrief, body, field):
    made = make_debrief(member)
    resp = client.post(
        f"/api/v1/me/debriefs/{made['id']}/feedback-request", json=body, headers=member.headers
    )
    assert resp.status_code == 422
    assert field in resp.get_json()["error"]["fields"]


def test_recording_the_request_sets_the_follow_up(client, member, make_debrief):
    made = make_debrief(member)
    url = f"/api/v1/me/debriefs/{made['id']}/feedback-request"
    resp = client.post(url, json={}, headers=member.headers)
    assert resp.status_code == 201
    assert resp.get_json()["follow_up_days"] == 7
    assert resp.get_json()["sent_on"] == utcnow().date().isoformat()
    sent = (date.today() - timedelta(days=1)).isoformat()
    resp = client.post(url, json={"sent_on": sent, "follow_up_days": 30}, headers=member.headers)
    assert resp.get_json()["follow_up_due_at"].startswith(
        (date.fromisoformat(sent) + timedelta(days=30)).isoformat()
    )
    shown = client.get(f"/api/v1/me/debriefs/{made['id']}", headers=member.headers).get_json()
    assert shown["feedback_request"]["follow_up_days"] == 30


def test_the_plan_holds_goals_and_actions_that_can_be_checked_off(client, member, make_member):
    resp = client.get("/api/v1/me/plan", headers=member.headers)
    assert set(resp.get_json()["weekly_goals"]) == {"applications", "networking", "skills_hours", "rest_days"}
    body = {
        "weekly_goals": {"applications": 6, "skills_hours": 2.5},
        "actions": [{"text": "Write five STAR stories", "category": "answers"}, {"text": "Walk every day"}],
    }
    plan = client.put("/api/v1/me/plan", json=body, headers=member.headers).get_json()
    assert plan["weekly_goals"]["applications"] == 6 and plan["weekly_goals"]["skills_hours"] == 2.5
    first, second = plan["actions"]
    assert not first["done"] and second["category"] is None
    changed = client.put(
        "/api/v1/me/plan", json={"actions": [{**first, "done": True}]}, headers=member.headers
    ).get_json()
    assert changed["actions"] == [{**first, "done": True}]
    assert changed["weekly_goals"]["applications"] == 6

    # Another member cannot touch these actions by id.
    other = make_member()
    resp = client.put(
        "/api/v1/me/plan", json={"actions": [{**first, "text": "mine now"}]}, headers=other.headers
    )
    assert resp.status_code == 404
    assert (
        client.get("/api/v1/me/plan", headers=member.headers).get_json()["actions"][0]["text"]
        == first["text"]
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"weekly_goals": {"applications": -1}}, "weekly_goals.applications"),
        ({"weekly_goals": {"rest_days": 8}}, "weekly_goals.rest_days"),
        ({"weekly_goals": {"sleep": 8}}, "weekly_goals.sleep"),
        ({"actions": [{"text": "a" * 501}]}, "actions.0.text"),
        ({"actions": [{"text": "Read", "category": "luck"}]}, "actions.0.category"),
    ],
)
def test_bad_plan_input_is_named(client, member, body, field):
    resp = client.put("/api/v1/me/plan", json=body, headers=member.headers)
    assert resp.status_code == 422
    assert field in resp.get_json()["error"]["fields"]


def test_a_second_check_in_for_a_week_replaces_the_first(client, member):
    week = week_of(utcnow())
    first = {
        "week": week,
        "applications": 2,
        "networking": 1,
        "skills_hours": 1.5,
        "rest_days": 1,
        "note": "Tired",
    }
    assert client.post("/api/v1/me/plan/check-ins", json=first, headers=member.headers).status_code == 201
    again = {**first, "applications": 5, "note": "Better"}
    resp = client.post("/api/v1/me/plan/check-ins", json=again, headers=member.headers)
    assert resp.status_code == 201 and resp.get_json()["applications"] == 5
    weeks = client.get("/api/v1/me/progress", headers=member.headers).get_json()["weeks"]
    assert weeks[-1]["week"] == week
    assert weeks[-1]["done"] == {"applications": 5, "networking": 1, "skills_hours": 1.5, "rest_days": 1}
    # A week without a check-in is listed too, with nothing done recorded.
    assert weeks[-2]["done"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"week": "2026-W60"}, "week"),
        ({"week": shift_week(week_of(utcnow()), 1)}, "week"),
        ({"applications": -2}, "applications"),
        ({"applications": 2.5}, "applications"),
        ({"rest_days": 9}, "rest_days"),
        ({"note": "n" * 5001}, "note"),
    ],
)
def test_bad_check_ins_are_named(client, member, body, field):
    resp = client.post("/api/v1/me/plan/check-ins", json=body, headers=member.headers)
    assert resp.status_code == 422
    assert field in resp.get_json()["error"]["fields"]


def test_the_story_draft_leaves_the_company_out_unless_asked(client, member, make_debrief):
    made = make_debrief(member)
    url = f"/api/v1/me/debriefs/{made['id']}/story-draft"
    draft = client.post(url, json={}, headers=member.headers).get_json()
    assert draft["company"] is None and draft["share_company"] is False
    assert SECRET_COMPANY not in str(draft)
    assert draft["stage"] == "onsite" and draft["industry"] == "Software"
    # Lessons come from the notes, the lowest-rated first.
    assert draft["lessons"][0] == {"category": "answers", "text": SECRET_NOTE}
    assert {lesson["category"] for lesson in draft["lessons"]} == {
        "answers",
        "preparation",
        "first_impression",
        "questions_asked",
    }
    shared = client.post(url, json={"share_company": True}, headers=member.headers).get_json()
    assert shared["company"] == SECRET_COMPANY and shared["share_company"] is True


def test_every_toolkit_endpoint_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    expected = {
        "/api/v1/me/debriefs": {"get", "post"},
        "/api/v1/me/debriefs/{debrief_id}": {"get", "put", "delete"},
        "/api/v1/me/debriefs/{debrief_id}/feedback-request": {"get", "post"},
        "/api/v1/me/debriefs/{debrief_id}/story-draft": {"post"},
        "/api/v1/me/plan": {"get", "put"},
        "/api/v1/me/plan/check-ins": {"post"},
        "/api/v1/me/progress": {"get"},
    }
    for path, methods in expected.items():
        assert methods <= set(paths[path]), path
