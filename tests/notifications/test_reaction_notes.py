"""Encouragement reaches a story's author: one notification per story and day that counts up, naming no one."""

from __future__ import annotations

from tests.factories import story_payload


def test_reactions_gather_into_one_notification_per_story_and_day(client, member, make_member, run_jobs):
    story_id = client.post("/api/v1/stories", headers=member.headers, json=story_payload()).get_json()["id"]
    run_jobs()
    first, second = make_member(), make_member()
    url = f"/api/v1/stories/{story_id}/reactions"
    client.post(url, headers=first.headers, json={"kind": "helpful"})
    client.post(url, headers=first.headers, json={"kind": "helpful"})  # again: nothing new
    client.post(url, headers=second.headers, json={"kind": "strength"})
    client.post(url, headers=member.headers, json={"kind": "me_too"})  # one's own: no notification
    run_jobs()  # the worker tells the author

    notes = [
        n
        for n in client.get("/api/v1/me/notifications", headers=member.headers).get_json()["items"]
        if n["kind"] == "reactions"
    ]
    assert len(notes) == 1
    assert notes[0]["text"].endswith("was encouraged 2 times today.")
    assert notes[0]["link"] == f"/stories/{story_id}#reactions"
    for who in (first, second):
        assert who.display_name not in notes[0]["text"]
