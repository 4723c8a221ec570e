"""Appeals end to end: a rejected post's author asks once, the post returns to the queue as `appeal`, and the
moderator's decision is logged and told to the author."""

from __future__ import annotations

import pytest

from tests.factories import make_rule


@pytest.fixture
def rejected(client, member, run_jobs):
    make_rule("bozo", "block", note="for the test")
    story_id = client.post(
        "/api/v1/stories",
        headers=member.headers,
        json={
            "title": "The bozo who interviewed me",
            "body": "He was rude from the first minute.",
            "lessons": [{"category": "mindset", "text": "Their rudeness is not my failure."}],
            "stage": "onsite",
            "industry": "Retail",
        },
    ).get_json()["id"]
    run_jobs()
    [mine] = client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"]
    assert mine["status"] == "rejected"
    return story_id


def _queue(client, moderator):
    return client.get("/api/v1/moderation/queue", headers=moderator.headers).get_json()["items"]


def test_an_appeal_returns_the_post_to_the_queue_and_approval_publishes_it(
    client, rejected, member, make_member, moderator
):
    url = f"/api/v1/stories/{rejected}/appeal"
    other = make_member()
    assert client.post(url, headers=other.headers, json={"message": "Please"}).status_code == 404
    assert client.post(url, json={"message": "Please"}).status_code == 401
    assert client.post(url, headers=member.headers, json={"message": " "}).status_code == 422

    resp = client.post(url, headers=member.headers, json={"message": "It was a quote, not an insult."})
    assert resp.status_code == 202
    again = client.post(url, headers=member.headers, json={"message": "Please look again"})
    assert again.status_code == 409

    [item] = _queue(client, moderator)
    assert item["reason"] == "appeal" and item["target_id"] == rejected
    assert "It was a quote" in item["excerpt"]
    assert (
        client.post(f"/api/v1/moderation/queue/{item['id']}/approve", headers=moderator.headers).status_code
        == 200
    )

    assert client.get(f"/api/v1/stories/{rejected}").status_code == 200
    log = client.get(f"/api/v1/moderation/log?kind=story&target_id={rejected}", headers=moderator.headers)
    assert [e["action"] for e in log.get_json()["items"]] == ["block", "appeal", "approve"]
    notes = client.get("/api/v1/me/notifications", headers=member.headers).get_json()["items"]
    assert notes[0]["kind"] == "moderation" and "published" in notes[0]["text"].lower()
    # Published now: nothing left to appeal.
    assert client.post(url, headers=member.headers, json={"message": "x"}).status_code == 409


def test_a_rejected_appeal_stays_rejected_and_the_author_is_told(
    client, rejected, member, moderator, run_jobs
):
    client.post(f"/api/v1/stories/{rejected}/appeal", headers=member.headers, json={"message": "Please"})
    [item] = _queue(client, moderator)
    reason = "The word is still an insult; you are welcome to post it without it."
    resp = client.post(
        f"/api/v1/moderation/queue/{item['id']}/reject", headers=moderator.headers, json={"reason": reason}
    )
    assert resp.status_code == 200
    [mine] = client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"]
    assert mine["status"] == "rejected" and mine["moderation"]["reason"] == reason
    run_jobs()  # the worker tells the author
    notes = client.get("/api/v1/me/notifications", headers=member.headers).get_json()["items"]
    assert reason in notes[0]["text"]


def test_the_my_stories_page_offers_the_appeal_once(app, client, rejected, member, moderator):
    web = app.test_client()
    web.post("/login", data={"email": member.email, "password": member.password})
    assert "Ask a moderator to look again" in web.get("/me/stories").get_data(as_text=True)
    sent = web.post(f"/me/stories/{rejected}/appeal", data={"message": "It was a quote."})
    assert sent.status_code == 302
    page = web.get("/me/stories").get_data(as_text=True)
    assert "Ask a moderator to look again" not in page and "You appealed" in page
    assert [i["reason"] for i in _queue(client, moderator)] == ["appeal"]
