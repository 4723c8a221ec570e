"""The moderation API as a moderator's script sees it: rules, the review queue, decisions and the log."""

from __future__ import annotations

import pytest

from community.extensions import db
from community.moderation.defaults import DEFAULT_RULES
from community.moderation.models import KeywordRule
from community.review.models import ModerationDecision
from community.stories.models import Story
from tests.factories import make_rule

# --- who may call it ----------------------------------------------------------------------------------

ENDPOINTS = [
    ("get", "/api/v1/moderation/rules", None),
    ("post", "/api/v1/moderation/rules", {"pattern": "spam", "action": "hold"}),
    ("delete", "/api/v1/moderation/rules/1", None),
    ("get", "/api/v1/moderation/queue", None),
    ("post", "/api/v1/moderation/queue/1/approve", None),
    ("post", "/api/v1/moderation/queue/1/reject", {"reason": "Not for here."}),
    ("get", "/api/v1/moderation/log?kind=story&target_id=1", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_members_get_403_and_anonymous_401(client, member, method, path, body):
    kwargs = {"json": body} if body is not None else {}
    anonymous = getattr(client, method)(path, **kwargs)
    assert anonymous.status_code == 401
    assert anonymous.get_json()["error"]["code"] == "unauthorized"
    resp = getattr(client, method)(path, headers=member.headers, **kwargs)
    assert resp.status_code == 403
    assert resp.get_json()["error"]["code"] == "forbidden"


def test_the_openapi_document_lists_the_moderation_endpoints(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in (
        "/api/v1/moderation/rules",
        "/api/v1/moderation/rules/{rule_id}",
        "/api/v1/moderation/queue",
        "/api/v1/moderation/queue/{item_id}/approve",
        "/api/v1/moderation/queue/{item_id}/reject",
        "/api/v1/moderation/log",
    ):
        assert path in paths


# --- keyword rules ------------------------------------------------------------------------------------


def test_add_list_and_delete_a_rule(client, moderator):
    resp = client.post(
        "/api/v1/moderation/rules",
        headers=moderator.headers,
        json={"pattern": "  crypto   giveaway ", "action": "hold", "note": "Scam wave"},
    )
    assert resp.status_code == 201
    rule = resp.get_json()
    assert rule == {"id": rule["id"], "pattern": "crypto giveaway", "action": "hold", "note": "Scam wave"}

    listed = client.get("/api/v1/moderation/rules", headers=moderator.headers).get_json()
    assert listed["items"] == [rule] and listed["total"] == 1

    assert (
        client.delete(f"/api/v1/moderation/rules/{rule['id']}", headers=moderator.headers).status_code == 204
    )
    assert client.get("/api/v1/moderation/rules", headers=moderator.headers).get_json()["total"] == 0
    again = client.delete(f"/api/v1/moderation/rules/{rule['id']}", headers=moderator.headers)
    assert again.status_code == 404
    assert again.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"pattern": "", "action": "block"}, {"pattern"}),
        ({"pattern": "   ", "action": "block"}, {"pattern"}),
        ({"pattern": "a" * 101, "action": "block"}, {"pattern"}),
        ({"pattern": "* **", "action": "block"}, {"pattern"}),
        ({"pattern": "spam", "action": "delete"}, {"action"}),
        ({"pattern": "*", "action": "ban"}, {"pattern", "action"}),
        ({"pattern": "spam", "action": "hold", "note": "n" * 201}, {"note"}),
        ({"action": "hold"}, {"pattern"}),
        ({"pattern": 42, "action": "hold"}, {"pattern"}),
    ],
)
def test_bad_rules_are_422_naming_each_field(client, moderator, body, fields):
    resp = client.post("/api/v1/moderation/rules", headers=moderator.headers, json=body)
    assert resp.status_code == 422
    error = resp.get_json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == fields
    assert db.session.query(KeywordRule).count() == 0


def test_rules_filter_by_action_and_text(client, moderator, rules):
    holds = client.get("/api/v1/moderation/rules?action=hold", headers=moderator.headers).get_json()
    assert [r["pattern"] for r in holds["items"]] == ["buy followers"]
    found = client.get("/api/v1/moderation/rules?q=RECRUIT", headers=moderator.headers).get_json()
    assert [r["pattern"] for r in found["items"]] == ["recruiter"]
    assert client.get("/api/v1/moderation/rules?action=ban", headers=moderator.headers).status_code == 422


def test_a_new_rule_applies_to_the_next_post(client, moderator, member, post_story):
    before = post_story(member, "Join my crypto giveaway today.")
    client.post(
        "/api/v1/moderation/rules",
        headers=moderator.headers,
        json={"pattern": "crypto giveaway", "action": "hold"},
    )
    after = post_story(member, "Join my crypt0 g1veaway today.")
    assert db.session.get(Story, before).status == "published"
    assert db.session.get(Story, after).status == "held"


def test_a_replaced_rule_takes_effect_even_when_it_reuses_an_id(client, moderator, member, post_story):
    first = client.post(
        "/api/v1/moderation/rules", headers=moderator.headers, json={"pattern": "alpha", "action": "hold"}
    ).get_json()
    assert db.session.get(Story, post_story(member, "alpha")).status == "held"
    client.delete(f"/api/v1/moderation/rules/{first['id']}", headers=moderator.headers)
    client.post(
        "/api/v1/moderation/rules", headers=moderator.headers, json={"pattern": "bravo", "action": "hold"}
    )
    assert db.session.get(Story, post_story(member, "alpha")).status == "published"
    assert db.session.get(Story, post_story(member, "bravo")).status == "held"


def test_deleting_a_rule_keeps_past_decisions(client, moderator, member, rules, post_story):
    story_id = post_story(member, "I h4te how that went.")
    resp = client.delete(f"/api/v1/moderation/rules/{rules['block']}", headers=moderator.headers)
    assert resp.status_code == 204
    log = client.get(f"/api/v1/moderation/log?kind=story&target_id={story_id}", headers=moderator.headers)
    [entry] = log.get_json()["items"]
    assert entry["action"] == "block"
    assert entry["rules"] == [{"id": rules["block"], "pattern": "h*te", "action": "block"}]


def test_install_defaults_is_idempotent_and_skips_present_patterns(app, runner, member, post_story):
    make_rule("Kill Myself", "hold", note="ours")
    result = runner.invoke(args=["moderation", "install-defaults"])
    assert result.exit_code == 0, result.output
    assert f"Installed {len(DEFAULT_RULES) - 1} default rules (1 already present)" in result.output
    assert db.session.query(KeywordRule).count() == len(DEFAULT_RULES)
    again = runner.invoke(args=["moderation", "install-defaults"])
    assert "Installed 0 default rules" in again.output
    assert db.session.query(KeywordRule).count() == len(DEFAULT_RULES)
    assert db.session.query(KeywordRule).filter_by(pattern="Kill Myself").one().action == "hold"

    crisis = post_story(member, "Some nights I feel like I wanna d1e.")
    assert db.session.get(Story, crisis).status == "held"


# --- the review queue --------------------------------------------------------------------------------


def test_queue_lists_open_items_urgent_first_then_oldest(client, moderator, member, rules, post_story):
    held = post_story(member, "Want to buy followers? Ask me.")
    flagged = post_story(member, "The recruiter ghosted me.")
    crisis = post_story(member, "I could kill myself over this.")
    post_story(member, "A calm story about a tough panel.")
    resp = client.get("/api/v1/moderation/queue", headers=moderator.headers)
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["total"] == 3 and body["page"] == 1 and body["pages"] == 1
    assert [(i["target_id"], i["priority"]) for i in body["items"]] == [
        (crisis, "urgent"),
        (held, "normal"),
        (flagged, "normal"),
    ]
    first = body["items"][0]
    assert set(first) == {
        "id",
        "kind",
        "target_id",
        "reason",
        "priority",
        "matched_rules",
        "excerpt",
        "created_at",
    }
    assert first["kind"] == "story"
    assert "kill myself" in first["excerpt"] and "kill myself" in first["reason"]
    assert first["matched_rules"] == [{"id": rules["crisis"], "pattern": "kill myself", "action": "crisis"}]
    assert first["created_at"].endswith("Z")

    paged = client.get("/api/v1/moderation/queue?per_page=2&page=2", headers=moderator.headers).get_json()
    assert [i["target_id"] for i in paged["items"]] == [flagged] and paged["pages"] == 2
    assert client.get("/api/v1/moderation/queue?per_page=500", headers=moderator.headers).status_code == 422


def test_approve_publishes_a_held_story(client, moderator, member, rules, post_story, open_item):
    story_id = post_story(member, "Want to buy followers? Not me, but that recruiter...")
    assert client.get(f"/api/v1/stories/{story_id}").status_code == 404
    item_id = open_item("story", story_id)

    resp = client.post(f"/api/v1/moderation/queue/{item_id}/approve", headers=moderator.headers)
    assert resp.status_code == 200
    decided = resp.get_json()
    assert decided["id"] == item_id and decided["status"] == "published" and decided["resolved_at"]

    public = client.get(f"/api/v1/stories/{story_id}")
    assert public.status_code == 200 and public.get_json()["published_at"]
    mine = client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"][0]
    assert mine["status"] == "published"
    assert "waiting for a moderator" not in (mine["moderation"]["reason"] or "")
    assert client.get("/api/v1/moderation/queue", headers=moderator.headers).get_json()["total"] == 0

    again = client.post(f"/api/v1/moderation/queue/{item_id}/approve", headers=moderator.headers)
    assert again.status_code == 409
    assert again.get_json()["error"]["code"] == "conflict"
    assert client.post("/api/v1/moderation/queue/9999/approve", headers=moderator.headers).status_code == 404


def test_approving_a_flagged_story_only_closes_the_look(
    client, moderator, member, rules, post_story, open_item
):
    story_id = post_story(member, "The recruiter was lovely.")
    published_at = client.get(f"/api/v1/stories/{story_id}").get_json()["published_at"]
    item_id = open_item("story", story_id)
    assert (
        client.post(f"/api/v1/moderation/queue/{item_id}/approve", headers=moderator.headers).status_code
        == 200
    )
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["published_at"] == published_at
    log = client.get(f"/api/v1/moderation/log?kind=story&target_id={story_id}", headers=moderator.headers)
    assert [(e["action"], e["from_status"], e["to_status"]) for e in log.get_json()["items"]] == [
        ("flag", "pending", "published"),
        ("approve", "published", "published"),
    ]


def test_reject_tells_the_author_why(client, moderator, member, rules, post_story, open_item):
    story_id = post_story(member, "Please buy followers from my shop.")
    item_id = open_item("story", story_id)
    path = f"/api/v1/moderation/queue/{item_id}/reject"

    for body in ({}, {"reason": ""}, {"reason": "   "}, {"reason": "x" * 501}):
        resp = client.post(path, headers=moderator.headers, json=body)
        assert resp.status_code == 422
        assert set(resp.get_json()["error"]["fields"]) == {"reason"}

    reason = "We don't allow selling followers here."
    resp = client.post(path, headers=moderator.headers, json={"reason": reason})
    assert resp.status_code == 200
    assert resp.get_json()["status"] == "rejected"
    mine = client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"][0]
    assert mine["status"] == "rejected"
    assert mine["moderation"]["reason"] == reason

    again = client.post(path, headers=moderator.headers, json={"reason": reason})
    assert again.status_code == 409
    missing = client.post(
        "/api/v1/moderation/queue/9999/reject", headers=moderator.headers, json={"reason": "x"}
    )
    assert missing.status_code == 404


def test_a_rejected_crisis_story_still_shows_its_author_support(
    client, app, moderator, member, rules, post_story, open_item
):
    story_id = post_story(member, "Honestly I want to kill myself after this.")
    mine = client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"][0]
    assert mine["status"] == "held"
    assert mine["moderation"]["resources"] == app.config["CRISIS_RESOURCES"]
    assert "988" in mine["moderation"]["resources"]
    assert mine["moderation"]["reason"]

    item_id = open_item("story", story_id)
    client.post(
        f"/api/v1/moderation/queue/{item_id}/reject",
        headers=moderator.headers,
        json={"reason": "We have reached out to you privately; please take care."},
    )
    mine = client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"][0]
    assert mine["status"] == "rejected"
    assert mine["moderation"]["resources"] == app.config["CRISIS_RESOURCES"]


def test_replies_go_through_the_same_queue(
    client, moderator, member, make_member, rules, post_story, post_reply, open_item
):
    story_id = post_story(member, "A story about an onsite.")
    other = make_member()
    held = post_reply(other, story_id, "Buy followers and you'll get hired!")
    flagged = post_reply(other, story_id, "My recruiter did the same.")
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["reply_count"] == 1

    queue = client.get("/api/v1/moderation/queue", headers=moderator.headers).get_json()["items"]
    assert [(i["kind"], i["target_id"]) for i in queue] == [("reply", held), ("reply", flagged)]

    client.post(f"/api/v1/moderation/queue/{open_item('reply', held)}/approve", headers=moderator.headers)
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["reply_count"] == 2
    client.post(
        f"/api/v1/moderation/queue/{open_item('reply', flagged)}/reject",
        headers=moderator.headers,
        json={"reason": "Off topic."},
    )
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["reply_count"] == 1
    replies = client.get(f"/api/v1/stories/{story_id}/replies").get_json()["items"]
    assert [r["id"] for r in replies] == [held]


def test_reports_hold_a_story_until_a_moderator_approves(client, moderator, member, make_member, post_story):
    story_id = post_story(member, "An ordinary story.")
    for _ in range(3):
        reporter = make_member(established=True)
        client.post(f"/api/v1/stories/{story_id}/reports", headers=reporter.headers, json={"reason": "Mean"})
    [item] = client.get("/api/v1/moderation/queue", headers=moderator.headers).get_json()["items"]
    assert item["reason"].startswith("Reported by 3 members") and item["matched_rules"] == []
    client.post(f"/api/v1/moderation/queue/{item['id']}/approve", headers=moderator.headers)
    assert client.get(f"/api/v1/stories/{story_id}").status_code == 200


def test_a_story_deleted_by_its_author_stays_in_the_queue_until_a_moderator_reads_it(
    client, moderator, member, rules, post_story, open_item
):
    story_id = post_story(member, "Buy followers here.")
    item_id = open_item("story", story_id)
    assert client.delete(f"/api/v1/stories/{story_id}", headers=member.headers).status_code == 204
    [item] = client.get("/api/v1/moderation/queue", headers=moderator.headers).get_json()["items"]
    assert item["id"] == item_id and "Buy followers" in item["excerpt"]
    assert client.get("/api/v1/me/stories", headers=member.headers).get_json()["total"] == 0


# --- the log --------------------------------------------------------------------------------------------


def test_the_log_keeps_every_decision_with_its_actor(client, moderator, member, rules, post_story, open_item):
    story_id = post_story(member, "Damn, I want to kill myself.")
    client.post(f"/api/v1/moderation/queue/{open_item('story', story_id)}/approve", headers=moderator.headers)
    other = post_story(member, "Unrelated.")

    resp = client.get(f"/api/v1/moderation/log?kind=story&target_id={story_id}", headers=moderator.headers)
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["total"] == 2
    system, human = body["items"]
    assert {k: system[k] for k in ("kind", "target_id", "action", "from_status", "to_status", "actor")} == {
        "kind": "story",
        "target_id": story_id,
        "action": "crisis",
        "from_status": "pending",
        "to_status": "held",
        "actor": "system",
    }
    assert {r["action"] for r in system["rules"]} == {"crisis", "censor"}
    assert (human["action"], human["from_status"], human["to_status"]) == ("approve", "held", "published")
    assert human["actor"] == moderator.display_name
    assert human["created_at"].endswith("Z")

    everything = client.get("/api/v1/moderation/log", headers=moderator.headers).get_json()
    assert everything["total"] == 3 and everything["items"][0]["target_id"] == other
    assert db.session.query(ModerationDecision).count() == 3


@pytest.mark.parametrize("query", ["kind=lesson", "target_id=abc", "target_id=0", "per_page=0"])
def test_bad_log_queries_are_422(client, moderator, query):
    resp = client.get(f"/api/v1/moderation/log?{query}", headers=moderator.headers)
    assert resp.status_code == 422
    assert resp.get_json()["error"]["fields"]


def test_emoji_and_shortcode_rules_are_accepted_and_applied(client, moderator, member, post_story):
    for pattern in ("🎃", ":joy:"):
        resp = client.post(
            "/api/v1/moderation/rules",
            headers=moderator.headers,
            json={"pattern": pattern, "action": "hold", "note": "seasonal spam"},
        )
        assert resp.status_code == 201, resp.get_json()
    bad = client.post(
        "/api/v1/moderation/rules", headers=moderator.headers, json={"pattern": "!!!", "action": "hold"}
    )
    assert bad.status_code == 422
    held = post_story(member, "Free pumpkins 🎃 for everyone")
    laughing = post_story(member, "That interview 😂")
    calm = post_story(member, "A calm story.")
    assert [db.session.get(Story, i).status for i in (held, laughing, calm)] == ["held", "held", "published"]
