from __future__ import annotations

import pytest

from community.extensions import db
from community.mentorship.models import MentorProfile, MentorshipRequest
from tests.factories import make_story, profile_payload

MENTOR_KEYS = {"id", "display_name", "headline", "bio_html", "expertise", "industries", "open_slots"}


def answer(client, who, request_id: int, action: str):
    return client.post(f"/api/v1/mentorship-requests/{request_id}/{action}", headers=who.headers)


def requests_of(client, who) -> dict:
    resp = client.get("/api/v1/me/mentorship-requests", headers=who.headers)
    assert resp.status_code == 200
    return resp.get_json()


def test_volunteering_creates_then_updates_the_profile(client, member):
    resp = client.put(
        "/api/v1/me/mentor-profile",
        headers=member.headers,
        json=profile_payload(bio="<script>alert(1)</script>Rejected **often**."),
    )
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["id"] == member.id
    assert body["display_name"] == member.display_name
    assert "<script" not in body["bio_html"] and "<strong>often</strong>" in body["bio_html"]
    assert (body["capacity"], body["accepting"], body["open_slots"]) == (2, True, 2)

    resp = client.put(
        "/api/v1/me/mentor-profile",
        headers=member.headers,
        json=profile_payload(capacity=5, accepting=False, industries=["Health", " health "]),
    )
    assert resp.status_code == 200
    assert (resp.get_json()["capacity"], resp.get_json()["open_slots"]) == (5, 0)
    assert resp.get_json()["industries"] == ["Health"]
    assert db.session.query(MentorProfile).count() == 1
    assert client.get("/api/v1/me/mentor-profile", headers=member.headers).get_json()["capacity"] == 5


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": 11}, "capacity"),
        ({"expertise": ["cooking"]}, "expertise"),
        ({"expertise": []}, "expertise"),
        ({"bio": "x" * 5_001}, "bio"),
        ({"headline": "x" * 121}, "headline"),
        ({"headline": "  "}, "headline"),
        ({"industries": ["x" * 61]}, "industries"),
        ({"capacity": "lots"}, "capacity"),
    ],
)
def test_bad_profile_fields_are_422_and_write_nothing(client, member, overrides, field):
    resp = client.put("/api/v1/me/mentor-profile", headers=member.headers, json=profile_payload(**overrides))
    assert resp.status_code == 422
    assert field in resp.get_json()["error"]["fields"]
    assert db.session.query(MentorProfile).count() == 0


def test_volunteering_needs_a_member(client):
    assert client.put("/api/v1/me/mentor-profile", json=profile_payload()).status_code == 401
    assert client.delete("/api/v1/me/mentor-profile").status_code == 401


def test_mentor_list_filters_and_never_shows_an_email(client, make_member, volunteer):
    ana = make_member(name="Ana")
    ben = make_member(name="Ben")
    volunteer(ana, industries=["Software"], expertise=["answers"])
    volunteer(ben, industries=["Health care"], expertise=["mindset", "materials"])

    resp = client.get("/api/v1/mentors")
    body = resp.get_json()
    assert (body["page"], body["pages"], body["total"]) == (1, 1, 2)
    assert all(set(item) == MENTOR_KEYS for item in body["items"])
    text = resp.get_data(as_text=True)
    assert ana.email not in text and ben.email not in text and "@" not in text

    def names(query: str) -> list[str]:
        return [m["display_name"] for m in client.get(f"/api/v1/mentors?{query}").get_json()["items"]]

    assert names("industry=software") == ["Ana"]
    assert names("industry=health%20%20care") == ["Ben"]
    assert names("expertise=materials") == ["Ben"]
    assert names("expertise=answers&industry=Health%20care") == []
    assert client.get("/api/v1/mentors?expertise=cooking").status_code == 422


def test_mentors_matching_what_i_wrote_about_come_first(client, make_member, volunteer):
    ana, ben, cleo, writer = (make_member(name=n) for n in ("Ana", "Ben", "Cleo", "Writer"))
    volunteer(ana, expertise=["skills"])
    volunteer(ben, expertise=["follow_up", "mindset"])
    volunteer(cleo, expertise=["mindset"])
    make_story(writer, "Froze at the end", lessons=[("mindset", "Stay calm."), ("follow_up", "Write back.")])

    anonymous = [m["display_name"] for m in client.get("/api/v1/mentors").get_json()["items"]]
    assert anonymous == ["Cleo", "Ben", "Ana"]  # newest first
    mine = [
        m["display_name"] for m in client.get("/api/v1/mentors", headers=writer.headers).get_json()["items"]
    ]
    assert mine == ["Ben", "Cleo", "Ana"]


def test_request_then_accept_shares_emails_and_mails_both(
    client, make_member, volunteer, ask, run_jobs, mailbox
):
    mentor, mentee = make_member(name="Mira Mentor"), make_member(name="Theo")
    mentor_id = volunteer(mentor, capacity=1)
    request_id = ask(mentee, mentor_id)

    incoming = requests_of(client, mentor)["incoming"]
    assert incoming == [
        {
            "id": request_id,
            "status": "pending",
            "message": "Could you help me prepare for final rounds?",
            "mentor": {"id": mentor_id, "display_name": "Mira Mentor"},
            "mentee": {"id": mentee.id, "display_name": "Theo"},
            "created_at": incoming[0]["created_at"],
        }
    ]
    outgoing = requests_of(client, mentee)["outgoing"]
    assert outgoing[0]["status"] == "pending" and "email" not in outgoing[0]["mentor"]
    assert requests_of(client, mentee)["incoming"] == []

    resp = answer(client, mentor, request_id, "accept")
    assert resp.status_code == 200 and resp.get_json() == {"id": request_id, "status": "accepted"}
    assert requests_of(client, mentee)["outgoing"][0]["mentor"]["email"] == mentor.email
    assert "email" not in requests_of(client, mentee)["outgoing"][0]["mentee"]
    assert requests_of(client, mentor)["incoming"][0]["mentee"]["email"] == mentee.email
    listed = client.get("/api/v1/mentors").get_json()["items"][0]
    assert listed["open_slots"] == 0

    run_jobs()
    [to_mentee] = mailbox.to(mentee.email)
    assert to_mentee["Subject"] == "You have a mentor"
    body = to_mentee.get_body(("plain",)).get_content()
    assert "Mira Mentor" in body and mentor.email in body
    [to_mentor] = mailbox.to(mentor.email)
    assert to_mentor["Subject"] == "You have a new mentee"
    assert mentee.email in to_mentor.get_body(("plain",)).get_content()


def test_request_rules(client, make_member, volunteer, ask):
    mentor, mentee, other = make_member(), make_member(), make_member()
    mentor_id = volunteer(mentor, capacity=1)

    def post(who, mentor_id=mentor_id, message="Hello, could you help?"):
        return client.post(
            f"/api/v1/mentors/{mentor_id}/requests", headers=who.headers, json={"message": message}
        )

    assert post(mentor).status_code == 422
    assert "message" in post(mentee, message="   ").get_json()["error"]["fields"]
    assert post(mentee, message="x" * 2_001).status_code == 422
    assert post(mentee, mentor_id=9999).status_code == 404
    assert client.post(f"/api/v1/mentors/{mentor_id}/requests", json={"message": "hi"}).status_code == 401
    assert db.session.query(MentorshipRequest).count() == 0

    first = ask(mentee, mentor_id)
    second = post(mentee)
    assert second.status_code == 409 and second.get_json()["error"]["code"] == "conflict"
    # A mentor at capacity takes no new requests.
    answer(client, mentor, first, "accept")
    assert post(other).status_code == 409
    assert post(mentee).status_code == 409
    # Closing frees the place again, and the mentee may ask again.
    assert answer(client, mentee, first, "close").status_code == 200
    assert post(mentee).status_code == 201


def test_paused_and_stopped_mentors_take_no_requests(client, make_member, volunteer, ask):
    mentor, mentee = make_member(), make_member()
    mentor_id = volunteer(mentor, accepting=False)
    body = {"message": "Hello"}
    url = f"/api/v1/mentors/{mentor_id}/requests"
    assert client.post(url, headers=mentee.headers, json=body).status_code == 409
    volunteer(mentor, accepting=True)
    assert client.delete("/api/v1/me/mentor-profile", headers=mentor.headers).status_code == 204
    assert client.post(url, headers=mentee.headers, json=body).status_code == 409
    assert client.get("/api/v1/mentors").get_json()["total"] == 0


def test_only_the_mentor_answers_and_answered_requests_are_409(client, make_member, volunteer, ask):
    mentor, mentee, stranger = make_member(), make_member(), make_member()
    mentor_id = volunteer(mentor)
    request_id = ask(mentee, mentor_id)

    assert answer(client, mentee, request_id, "accept").status_code == 403
    assert answer(client, stranger, request_id, "accept").status_code == 404
    assert answer(client, stranger, request_id, "close").status_code == 404
    assert answer(client, mentor, 9999, "accept").status_code == 404
    assert db.session.get(MentorshipRequest, request_id).status == "pending"

    assert answer(client, mentor, request_id, "decline").status_code == 200
    for who, action in ((mentor, "accept"), (mentor, "decline"), (mentee, "close")):
        resp = answer(client, who, request_id, action)
        assert resp.status_code == 409, action
    assert db.session.get(MentorshipRequest, request_id).status == "declined"


def test_closing_an_accepted_mentorship_frees_the_place(client, make_member, volunteer, ask):
    mentor, first, second = make_member(), make_member(), make_member()
    mentor_id = volunteer(mentor, capacity=1)
    a, b = ask(first, mentor_id), ask(second, mentor_id)
    assert answer(client, mentor, a, "accept").status_code == 200
    resp = answer(client, mentor, b, "accept")
    assert resp.status_code == 409 and "capacity" in resp.get_json()["error"]["message"]
    assert db.session.get(MentorshipRequest, b).status == "pending"

    assert answer(client, mentor, a, "close").status_code == 200
    assert answer(client, mentor, a, "close").status_code == 409
    assert db.session.get(MentorProfile, mentor_id).active_count == 0
    assert answer(client, mentor, b, "accept").status_code == 200
    assert db.session.get(MentorProfile, mentor_id).active_count == 1


def test_stopping_declines_kindly_and_closes_mentorships(
    client, make_member, volunteer, ask, run_jobs, mailbox
):
    mentor, waiting, accepted = make_member(name="Mira"), make_member(), make_member()
    mentor_id = volunteer(mentor)
    pending_id = ask(waiting, mentor_id)
    accepted_id = ask(accepted, mentor_id)
    answer(client, mentor, accepted_id, "accept")
    run_jobs()
    mailbox.clear()

    assert client.delete("/api/v1/me/mentor-profile", headers=mentor.headers).status_code == 204
    assert client.delete("/api/v1/me/mentor-profile", headers=mentor.headers).status_code == 204
    assert db.session.get(MentorshipRequest, pending_id).status == "declined"
    assert db.session.get(MentorshipRequest, accepted_id).status == "closed"
    profile = db.session.get(MentorProfile, mentor_id)
    assert (profile.active, profile.active_count) == (False, 0)

    run_jobs()
    [mail] = mailbox.messages
    assert mail["To"] == waiting.email
    assert "Mira" in mail.get_body(("plain",)).get_content()

    # Volunteering again lists the mentor afresh, with every place open.
    volunteer(mentor, capacity=2)
    assert client.get("/api/v1/mentors").get_json()["items"][0]["open_slots"] == 2


def test_declining_tells_the_mentee(client, make_member, volunteer, ask, run_jobs, mailbox):
    mentor, mentee = make_member(name="Mira"), make_member()
    request_id = ask(mentee, volunteer(mentor))
    assert answer(client, mentor, request_id, "decline").get_json()["status"] == "declined"
    run_jobs()
    [mail] = mailbox.to(mentee.email)
    assert mail["Subject"] == "About your mentorship request"


def test_openapi_lists_the_mentorship_endpoints(client):
    paths = set(client.get("/api/v1/openapi.json").get_json()["paths"])
    assert {
        "/api/v1/me/mentor-profile",
        "/api/v1/mentors",
        "/api/v1/mentors/{mentor_id}/requests",
        "/api/v1/me/mentorship-requests",
        "/api/v1/mentorship-requests/{request_id}/accept",
        "/api/v1/mentorship-requests/{request_id}/decline",
        "/api/v1/mentorship-requests/{request_id}/close",
    } <= paths


def test_each_step_of_a_mentorship_is_a_notification(client, make_member, volunteer, ask, run_jobs):
    mentor, mentee = make_member(name="Mira Mentor"), make_member(name="Theo")
    request_id = ask(mentee, volunteer(mentor, capacity=2))

    def latest(who) -> dict:
        run_jobs()  # web requests only enqueue; the worker writes the notifications
        return client.get("/api/v1/me/notifications", headers=who.headers).get_json()["items"][0]

    assert latest(mentor)["kind"] == "mentorship" and "asked you to be their mentor" in latest(mentor)["text"]
    client.post(f"/api/v1/mentorship-requests/{request_id}/accept", headers=mentor.headers)
    assert latest(mentee)["text"].startswith("Mira Mentor accepted your mentorship request")
    client.post(f"/api/v1/mentorship-requests/{request_id}/close", headers=mentee.headers)
    assert "was closed" in latest(mentor)["text"] and latest(mentor)["link"] == "/me/mentorship"
