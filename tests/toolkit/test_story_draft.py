"""From a debrief to a published story: the draft goes through the normal story API and moderation, like any
story, and the debrief itself stays private."""

from __future__ import annotations

from community.moderation.keyword_rules import install_defaults
from tests.factories import SECRET_COMPANY


def _post(client, who, draft: dict) -> int:
    story = {key: draft[key] for key in ("title", "body", "lessons", "stage", "industry")}
    resp = client.post("/api/v1/stories", json=story, headers=who.headers)
    assert resp.status_code == 202, resp.get_json()
    return resp.get_json()["id"]


def _draft(client, who, debrief_id: int) -> dict:
    resp = client.post(f"/api/v1/me/debriefs/{debrief_id}/story-draft", json={}, headers=who.headers)
    assert resp.status_code == 200
    return resp.get_json()


def test_a_draft_is_posted_and_moderated_like_any_story(client, member, moderator, make_debrief, run_jobs):
    made = make_debrief(
        member, audit={"answers": {"rating": 1, "notes": "Ask jane.doe@example.com how to answer better"}}
    )
    story_id = _post(client, member, _draft(client, member, made["id"]))
    assert client.get(f"/api/v1/stories/{story_id}").status_code == 404  # pending until moderated
    run_jobs()
    story = client.get(f"/api/v1/stories/{story_id}").get_json()
    assert story["title"] == "What I learned interviewing for Support engineer"
    # Moderation scrubbed the address that the private notes held.
    assert [lesson["text"] for lesson in story["lessons"]] == ["Ask [email removed] how to answer better"]
    assert story["company"] is None and SECRET_COMPANY not in str(story)
    log = client.get(f"/api/v1/moderation/log?kind=story&target_id={story_id}", headers=moderator.headers)
    assert [entry["to_status"] for entry in log.get_json()["items"]] == ["published"]


def test_crisis_words_in_a_draft_get_crisis_care(client, member, make_debrief, run_jobs):
    install_defaults()
    made = make_debrief(
        member, audit={"mindset": {"rating": 1, "notes": "I want to kill myself after this one"}}
    )
    story_id = _post(client, member, _draft(client, member, made["id"]))
    run_jobs()
    mine = {s["id"]: s for s in client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"]}
    assert mine[story_id]["status"] == "held"
    assert mine[story_id]["moderation"]["resources"]
    assert client.get(f"/api/v1/stories/{story_id}").status_code == 404
