"""The notifications area: the count a client polls, the list, marking read, the page and the badge."""

from __future__ import annotations

from datetime import date, timedelta

from community.extensions import db
from community.notifications.services import notify
from community.toolkit import debriefs, feedback
from tests.factories import story_payload


def _note(who, text: str = "Someone replied to your story.", **extra) -> None:
    notify(who.id, "reply", text, "/stories/1", **extra)
    db.session.commit()


def test_count_list_and_mark_read(client, member, make_member):
    other = make_member()
    _note(member, "First")
    _note(member, "Second")
    _note(other, "Not yours")
    assert client.get("/api/v1/me/notifications/count", headers=member.headers).get_json() == {"unread": 2}
    listed = client.get("/api/v1/me/notifications?unread=true", headers=member.headers).get_json()
    assert [n["text"] for n in listed["items"]] == ["Second", "First"]
    assert listed["total"] == 2 and all(not n["read"] for n in listed["items"])

    first = listed["items"][1]["id"]
    resp = client.post("/api/v1/me/notifications/read", headers=member.headers, json={"ids": [first]})
    assert resp.status_code == 204
    assert client.get("/api/v1/me/notifications/count", headers=member.headers).get_json() == {"unread": 1}

    # Another member's notification cannot be marked: 404, and it stays unread.
    theirs = client.get("/api/v1/me/notifications", headers=other.headers).get_json()["items"][0]["id"]
    resp = client.post("/api/v1/me/notifications/read", headers=member.headers, json={"ids": [theirs]})
    assert resp.status_code == 404
    assert client.get("/api/v1/me/notifications/count", headers=other.headers).get_json() == {"unread": 1}

    assert client.post("/api/v1/me/notifications/read", headers=member.headers, json={}).status_code == 422
    resp = client.post("/api/v1/me/notifications/read", headers=member.headers, json={"all": True})
    assert resp.status_code == 204
    assert client.get("/api/v1/me/notifications/count", headers=member.headers).get_json() == {"unread": 0}


def test_events_of_one_subject_gather_in_one_notification(client, member):
    _note(member, "1 person found your story helpful", subject_key="reactions-1-2026-12-05")
    _note(member, "2 people found your story helpful", subject_key="reactions-1-2026-12-05")
    items = client.get("/api/v1/me/notifications", headers=member.headers).get_json()["items"]
    assert [n["text"] for n in items] == ["2 people found your story helpful"]


def test_a_toolkit_follow_up_arrives_through_the_worker(client, member, run_jobs):
    made = debriefs.create(
        member.id, {"company": "Acme", "stage": "onsite", "interviewed_on": date.today() - timedelta(days=20)}
    )
    feedback.record_request(made.id, member.id, date.today() - timedelta(days=10), 7)
    run_jobs()
    items = client.get("/api/v1/me/notifications", headers=member.headers).get_json()["items"]
    assert [n["kind"] for n in items] == ["followup"]
    assert "Acme" not in items[0]["text"]


def test_the_badge_and_the_page(app, member):
    browser = app.test_client()
    browser.post("/login", data={"email": member.email, "password": member.password})
    _note(member, "Someone replied to your story.")
    home = browser.get("/").get_data(as_text=True)
    assert 'aria-label="1 unread"' in home
    page = browser.get("/notifications").get_data(as_text=True)
    assert "Someone replied to your story." in page and "New" in page
    # Seen once on the page, it no longer counts as unread.
    assert 'aria-label="1 unread"' not in browser.get("/").get_data(as_text=True)


def test_notifications_leave_with_the_account(client, member):
    _note(member)
    export = client.get("/api/v1/me/export", headers=member.headers).get_json()
    assert [n["text"] for n in export["notifications"]] == ["Someone replied to your story."]


def _kinds_and_texts(client, who) -> list[tuple[str, str]]:
    items = client.get("/api/v1/me/notifications", headers=who.headers).get_json()["items"]
    return [(n["kind"], n["text"]) for n in items]


def test_the_worker_tells_an_author_their_story_is_published_and_someone_replied(
    client, member, make_member, run_jobs
):
    replier = make_member()
    story_id = client.post(
        "/api/v1/stories", headers=member.headers, json=story_payload(title="Panel day")
    ).get_json()["id"]
    assert _kinds_and_texts(client, member) == []  # nothing until the worker decides
    run_jobs()
    assert _kinds_and_texts(client, member) == [
        ("moderation", "Your story \u201cPanel day\u201d is published. Thank you for sharing it.")
    ]
    for body in ("You are not alone.", "Same thing happened to me."):
        client.post(f"/api/v1/stories/{story_id}/replies", headers=replier.headers, json={"body": body})
    run_jobs()
    replies = [
        n
        for n in client.get("/api/v1/me/notifications", headers=member.headers).get_json()["items"]
        if n["kind"] == "reply"
    ]
    # Two replies, one notification about them; it says nothing of who wrote them.
    assert len(replies) == 1 and replies[0]["link"] == f"/stories/{story_id}#replies"
    assert replier.display_name not in replies[0]["text"]
    # The replier hears their reply is published; their own replies never notify themselves as replies.
    assert [k for k, _ in _kinds_and_texts(client, replier)] == ["moderation", "moderation"]


def test_a_held_then_rejected_story_is_told_with_the_reason(client, member, moderator, run_jobs):
    rule = {"pattern": "heldword", "action": "hold", "note": "test"}
    client.post("/api/v1/moderation/rules", headers=moderator.headers, json=rule)
    client.post("/api/v1/stories", headers=member.headers, json=story_payload(body="A heldword story."))
    run_jobs()
    [(kind, text)] = _kinds_and_texts(client, member)
    assert kind == "moderation" and "waiting for a moderator" in text
    [item] = client.get("/api/v1/moderation/queue", headers=moderator.headers).get_json()["items"]
    reason = "It names a colleague; please post it again without the name."
    client.post(
        f"/api/v1/moderation/queue/{item['id']}/reject", headers=moderator.headers, json={"reason": reason}
    )
    run_jobs()  # the moderator's request only enqueued the telling
    newest = _kinds_and_texts(client, member)[0]
    assert newest[0] == "moderation" and reason in newest[1] and "not published" in newest[1]


def test_a_web_request_hands_notifications_to_the_worker_and_loses_none_without_redis(
    client, member, run_jobs, redis_server
):
    from community.notifications.services import tell

    tell(member.id, "moderation", "Rolled back: never told.")
    db.session.rollback()
    tell(member.id, "moderation", "Told by the worker.")
    db.session.commit()
    assert _kinds_and_texts(client, member) == [], "enqueued, not written by the request"
    run_jobs()
    assert _kinds_and_texts(client, member) == [("moderation", "Told by the worker.")]

    redis_server.stop()
    try:
        tell(member.id, "moderation", "Told while Redis was away.")
        db.session.commit()
    finally:
        redis_server.start()
    assert [text for _, text in _kinds_and_texts(client, member)] == [
        "Told while Redis was away.",
        "Told by the worker.",
    ]
