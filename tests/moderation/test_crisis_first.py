"""Crisis care comes first: an urgent item outlives its post's deletion, and nothing about it gives the author
away to the moderator."""

from __future__ import annotations

import pytest

from tests.factories import make_rule, story_payload


@pytest.fixture
def defaults(runner):
    assert runner.invoke(args=["moderation", "install-defaults"]).exit_code == 0


def _story(client, who, body: str) -> int:
    lessons = [{"category": "mindset", "text": "Talk to someone."}]
    payload = story_payload(title="After the final round", body=body, lessons=lessons)
    resp = client.post("/api/v1/stories", headers=who.headers, json=payload)
    assert resp.status_code == 202
    return resp.get_json()["id"]


def _urgent(client, moderator) -> list[dict]:
    queue = client.get("/api/v1/moderation/queue", headers=moderator.headers).get_json()["items"]
    return [item for item in queue if item["priority"] == "urgent"]


def test_deleting_a_crisis_post_keeps_its_urgent_item(client, defaults, member, moderator, run_jobs):
    story_id = _story(client, member, "I keep thinking about ending my life after this.")
    run_jobs()
    [item] = _urgent(client, moderator)
    assert item["target_id"] == story_id

    assert client.delete(f"/api/v1/stories/{story_id}", headers=member.headers).status_code == 204
    # Gone for the author and everyone else...
    mine = client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"]
    assert [s["id"] for s in mine] == []
    assert client.get(f"/api/v1/stories/{story_id}").status_code == 404
    # ...but the moderator can still read it.
    [still] = _urgent(client, moderator)
    assert still["id"] == item["id"] and "ending my life" in still["excerpt"]
    shown = client.get(f"/api/v1/stories/{story_id}", headers=moderator.headers)
    assert shown.status_code == 200 and "ending my life" in shown.get_json()["body_html"]
    log = client.get(f"/api/v1/moderation/log?kind=story&target_id={story_id}", headers=moderator.headers)
    actors = {entry["actor"] for entry in log.get_json()["items"]}
    assert member.display_name not in actors  # the log never names the author

    # It cannot be published against its author's wish; rejecting closes the item and leaves it removed.
    approve = client.post(f"/api/v1/moderation/queue/{item['id']}/approve", headers=moderator.headers)
    assert approve.status_code == 409
    reject = client.post(
        f"/api/v1/moderation/queue/{item['id']}/reject",
        headers=moderator.headers,
        json={"reason": "Closed after we reached out."},
    )
    assert reject.status_code == 200
    assert _urgent(client, moderator) == []
    assert client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"] == []


def test_crisis_outranks_block_and_the_author_is_never_told_a_cold_no(
    client, defaults, member, moderator, run_jobs
):
    story_id = _story(client, member, "Those retards rejected me and I want to kill myself.")
    run_jobs()
    [item] = _urgent(client, moderator)
    assert item["target_id"] == story_id
    [mine] = client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"]
    assert mine["status"] == "held"
    assert "language we don't allow" not in (mine["moderation"]["reason"] or "")
    assert mine["moderation"]["resources"]


def test_every_moderator_is_mailed_once_about_a_new_urgent_item(
    client, defaults, member, moderator, make_member, mailbox, run_jobs
):
    admin = make_member("admin")
    mailbox.clear()
    story_id = _story(client, member, "Honestly I just want to die after this week.")
    run_jobs()
    for person in (moderator, admin):
        [message] = [m for m in mailbox.to(person.email) if "urgent" in m["Subject"]]
        text = message.get_body(("plain",)).get_content()
        assert f"/moderation/items/story/{story_id}" in text
        assert member.display_name not in text and member.email not in text
    assert [m for m in mailbox.to(member.email) if "urgent" in m["Subject"]] == []

    # The sweeper and a repeated job send nothing more.
    from community import queue
    from community.review.models import ReviewItem
    from community.sweeper import sweep

    [item] = ReviewItem.query.filter_by(target_id=story_id).all()
    assert queue.enqueue("mail", "worker.jobs.tell_moderators", item.id)
    sweep()
    run_jobs()
    assert len([m for m in mailbox.to(moderator.email) if "urgent" in m["Subject"]]) == 1


def test_the_queue_shows_how_long_an_urgent_item_has_waited(
    app, client, defaults, member, moderator, run_jobs
):
    from datetime import timedelta

    from community.extensions import db
    from community.review.models import ReviewItem

    story_id = _story(client, member, "I don't want to be here anymore.")
    run_jobs()
    item = ReviewItem.query.filter_by(target_id=story_id).one()
    item.created_at = item.created_at - timedelta(hours=2, minutes=5)
    db.session.commit()
    web = app.test_client()
    web.post("/login", data={"email": moderator.email, "password": moderator.password})
    assert "Waiting 2 h 5 min" in web.get("/moderation").get_data(as_text=True)


def test_a_moderator_reaches_out_and_never_learns_who_the_author_is(
    app, client, defaults, member, moderator, mailbox, run_jobs
):
    story_id = _story(client, member, "I wish I was dead, honestly.")
    run_jobs()
    [item] = _urgent(client, moderator)
    mailbox.clear()
    url = f"/api/v1/moderation/queue/{item['id']}/message"
    resp = client.post(url, headers=moderator.headers, json={"text": "We read your post. You matter to us."})
    assert resp.status_code == 202 and resp.get_json() == {"status": "sent"}
    for secret in (member.email, member.display_name, str(member.id)):
        assert secret not in resp.get_data(as_text=True)
    run_jobs()

    [note] = client.get("/api/v1/me/notifications", headers=member.headers).get_json()["items"][:1]
    assert note["kind"] == "moderation"
    assert note["text"] == "A message from the Rebound moderators: We read your post. You matter to us."
    [mail] = mailbox.to(member.email)
    assert "You matter to us." in mail.get_body(("plain",)).get_content()
    assert mailbox.to(moderator.email) == []

    assert client.post(url, headers=member.headers, json={"text": "hi"}).status_code == 403
    assert client.post(url, headers=moderator.headers, json={"text": "  "}).status_code == 422
    missing = client.post(
        "/api/v1/moderation/queue/99999/message", headers=moderator.headers, json={"text": "x"}
    )
    assert missing.status_code == 404

    # The item's page offers the form with kind words to start from.
    web = app.test_client()
    web.post("/login", data={"email": moderator.email, "password": moderator.password})
    page = web.get(f"/moderation/items/story/{story_id}").get_data(as_text=True)
    assert "Reach out to the author" in page and "glad you shared it" in page
    sent = web.post(
        f"/moderation/items/story/{story_id}/message",
        data={"item_id": item["id"], "text": "Thinking of you."},
    )
    assert sent.status_code == 302
    run_jobs()  # the worker delivers it
    texts = [
        n["text"] for n in client.get("/api/v1/me/notifications", headers=member.headers).get_json()["items"]
    ]
    assert "A message from the Rebound moderators: Thinking of you." in texts


def test_industry_and_company_are_scrubbed_and_checked_like_the_rest(
    client, defaults, member, moderator, run_jobs
):
    resp = client.post(
        "/api/v1/stories",
        headers=member.headers,
        json={
            "title": "An ordinary title",
            "body": "An ordinary story.",
            "lessons": [{"category": "mindset", "text": "Keep going."}],
            "stage": "onsite",
            "industry": "I want to die",
            "company": "mail sam@example.org",
            "share_company": True,
        },
    )
    story_id = resp.get_json()["id"]
    run_jobs()
    [item] = _urgent(client, moderator)
    assert item["target_id"] == story_id
    [mine] = client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"]
    assert mine["company"] == "mail [email removed]"
    assert "sam@example.org" not in str(mine)


def test_mentor_profiles_requests_and_groups_are_scrubbed_and_checked_too(
    client, member, moderator, make_member
):
    make_rule("bozo", "block", note="for the test")
    profile = {
        "headline": "Hiring manager; mail me at pat@example.org",
        "bio": "Call 415-555-0132 any time.",
        "expertise": ["answers"],
        "industries": ["Software"],
        "capacity": 2,
    }
    mentor = make_member()
    resp = client.put("/api/v1/me/mentor-profile", headers=mentor.headers, json=profile)
    assert resp.status_code in (200, 201), resp.get_json()
    shown = str(client.get("/api/v1/mentors", headers=member.headers).get_json())
    assert "pat@example.org" not in shown and "415-555-0132" not in shown and "[email removed]" in shown
    bozo = client.put(
        "/api/v1/me/mentor-profile", headers=mentor.headers, json={**profile, "bio": "No bozo."}
    )
    assert bozo.status_code == 422 and "bio" in bozo.get_json()["error"]["fields"]

    group = client.post(
        "/api/v1/groups",
        headers=moderator.headers,
        json={"name": "Career changers", "description": "Ask sam@example.org", "visibility": "public"},
    )
    assert group.status_code == 201 and "sam@example.org" not in str(group.get_json())
