"""A reply's author deletes it, a moderator removes it; nobody else can, and the thread and counts follow."""

from __future__ import annotations

from tests.factories import story_payload


def _thread(client, member, make_member, run_jobs):
    story_id = client.post("/api/v1/stories", headers=member.headers, json=story_payload()).get_json()["id"]
    run_jobs()
    writer = make_member()
    reply_id = client.post(
        f"/api/v1/stories/{story_id}/replies", headers=writer.headers, json={"body": "Hang in there."}
    ).get_json()["id"]
    run_jobs()
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["reply_count"] == 1
    return story_id, reply_id, writer


def test_the_author_deletes_their_reply_and_the_count_follows(client, member, make_member, run_jobs):
    story_id, reply_id, writer = _thread(client, member, make_member, run_jobs)
    feed_before = client.get("/api/v1/stories").get_json()["items"][0]["reply_count"]
    assert feed_before == 1
    # Neither the story's author nor another member may delete someone else's reply.
    assert client.delete(f"/api/v1/replies/{reply_id}", headers=member.headers).status_code == 403
    assert client.delete(f"/api/v1/replies/{reply_id}").status_code == 401
    assert client.delete(f"/api/v1/replies/{reply_id}", headers=writer.headers).status_code == 204
    assert client.get(f"/api/v1/stories/{story_id}/replies").get_json()["total"] == 0
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["reply_count"] == 0
    # The visitors' cached feed follows at once.
    assert client.get("/api/v1/stories").get_json()["items"][0]["reply_count"] == 0
    assert client.delete(f"/api/v1/replies/{reply_id}", headers=writer.headers).status_code == 404


def test_a_moderator_removes_a_reply_and_the_log_keeps_it(client, member, make_member, moderator, run_jobs):
    story_id, reply_id, _ = _thread(client, member, make_member, run_jobs)
    assert client.delete(f"/api/v1/replies/{reply_id}", headers=moderator.headers).status_code == 204
    assert client.get(f"/api/v1/stories/{story_id}/replies").get_json()["total"] == 0
    log = client.get(f"/api/v1/moderation/log?kind=reply&target_id={reply_id}", headers=moderator.headers)
    assert "removed" in [e["to_status"] for e in log.get_json()["items"]]
    assert client.delete("/api/v1/replies/999999", headers=moderator.headers).status_code == 404


def test_the_page_offers_delete_only_on_ones_own_reply(app, client, member, make_member, run_jobs):
    story_id, reply_id, writer = _thread(client, member, make_member, run_jobs)
    as_writer = app.test_client()
    as_writer.post("/login", data={"email": writer.email, "password": writer.password})
    as_reader = app.test_client()
    as_reader.post("/login", data={"email": member.email, "password": member.password})
    assert "Delete my reply" in as_writer.get(f"/stories/{story_id}").get_data(as_text=True)
    assert "Delete my reply" not in as_reader.get(f"/stories/{story_id}").get_data(as_text=True)
    resp = as_writer.post(f"/replies/{reply_id}/delete", data={"story_id": story_id})
    assert resp.status_code == 302 and resp.headers["Location"] == f"/stories/{story_id}"
    assert "Hang in there." not in as_reader.get(f"/stories/{story_id}").get_data(as_text=True)
