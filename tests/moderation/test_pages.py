"""The moderators' pages through the test client: who may open them, the queue, the item page and rules."""

from __future__ import annotations

import pytest

from community.extensions import db
from community.moderation.defaults import DEFAULT_RULES
from community.moderation.models import KeywordRule
from community.stories.models import Reply, Story
from tests.helpers import sign_in

PAGES = ["/moderation", "/moderation/rules", "/moderation/items/story/1"]
POSTS = [
    "/moderation/queue/1/approve",
    "/moderation/queue/1/reject",
    "/moderation/rules",
    "/moderation/rules/1/delete",
    "/moderation/rules/defaults",
    "/moderation/items/story/1",
]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    resp = client.get(path)
    assert resp.status_code == 302
    assert "/login" in resp.headers["Location"]


@pytest.mark.parametrize("path", PAGES)
def test_members_get_403_on_every_page(client, member, path):
    sign_in(client, member)
    resp = client.get(path)
    assert resp.status_code == 403
    assert "not available to you" in resp.get_data(as_text=True)


@pytest.mark.parametrize("path", POSTS)
def test_members_cannot_post_to_moderation_forms(client, member, rules, path):
    sign_in(client, member)
    assert client.post(path, data={"reason": "x", "pattern": "y", "action": "hold"}).status_code == 403
    assert db.session.query(KeywordRule).count() == len(rules)


def test_the_queue_shows_what_a_moderator_needs(client, moderator, member, rules, post_story):
    held = post_story(member, "Want to buy followers?", title="Spammy one")
    crisis = post_story(member, "I want to kill myself.", title="Crisis one")
    sign_in(client, moderator)
    html = client.get("/moderation").get_data(as_text=True)
    assert "2 items waiting" in html and "1 urgent" in html
    # Urgent first.
    assert html.index(f"Story #{crisis}") < html.index(f"Story #{held}")
    assert f'href="/moderation/items/story/{crisis}"' in html
    assert "I want to kill myself." in html  # the excerpt
    assert "kill myself · crisis" in html and "buy followers · hold" in html  # the matched rules
    assert "Crisis language: kill myself" in html  # the reason
    assert html.count("Approve and publish") == 2 and html.count(">Reject</button>") == 2
    # The author stays anonymous even to moderators.
    assert member.display_name not in html and member.email not in html


def test_the_empty_queue_says_so(client, moderator):
    sign_in(client, moderator)
    assert "Nothing is waiting" in client.get("/moderation").get_data(as_text=True)


def test_approve_and_reject_from_the_queue(client, moderator, member, rules, post_story, open_item):
    first = post_story(member, "Buy followers now.")
    second = post_story(member, "Buy followers later.")
    sign_in(client, moderator)

    resp = client.post(f"/moderation/queue/{open_item('story', first)}/approve", follow_redirects=True)
    assert resp.status_code == 200
    assert "Published." in resp.get_data(as_text=True)
    assert db.session.get(Story, first).status == "published"

    second_item = open_item("story", second)
    resp = client.post(f"/moderation/queue/{second_item}/reject", data={"reason": "  "})
    assert resp.status_code == 422
    assert "Tell the author why" in resp.get_data(as_text=True)
    assert db.session.get(Story, second).status == "held"

    resp = client.post(
        f"/moderation/queue/{second_item}/reject", data={"reason": "Selling followers isn't allowed."}
    )
    assert resp.status_code == 302
    db.session.expire_all()
    story = db.session.get(Story, second)
    assert story.status == "rejected" and story.moderation_reason == "Selling followers isn't allowed."

    again = client.post(
        f"/moderation/queue/{second_item}/reject", data={"reason": "Again"}, follow_redirects=True
    )
    assert "already decided" in again.get_data(as_text=True)


def test_the_item_page_shows_the_post_its_review_and_its_history(
    client, moderator, member, rules, post_story
):
    story_id = post_story(member, "Some **damn** days I want to kill myself.", title="A hard week")
    sign_in(client, moderator)
    html = client.get(f"/moderation/items/story/{story_id}").get_data(as_text=True)
    assert "A hard week" in html and "<strong>****</strong>" in html
    assert "held" in html and "Breathe before answering." in html
    assert "Approve and publish" in html
    assert "pending → held" in html and "system" in html
    assert member.display_name not in html and member.email not in html

    resp = client.post(f"/moderation/items/story/{story_id}", data={"decision": "reject", "reason": ""})
    assert resp.status_code == 422 and "Tell the author why" in resp.get_data(as_text=True)

    resp = client.post(
        f"/moderation/items/story/{story_id}", data={"decision": "approve"}, follow_redirects=True
    )
    html = resp.get_data(as_text=True)
    assert "Published." in html
    assert "held → published" in html and moderator.display_name in html
    assert "Approve and publish" not in html
    assert db.session.get(Story, story_id).status == "published"


def test_a_reply_item_page_links_to_its_story(client, moderator, member, rules, post_story, post_reply):
    story_id = post_story(member, "A story.")
    reply_id = post_reply(member, story_id, "The recruiter said the same to me.")
    sign_in(client, moderator)
    html = client.get(f"/moderation/items/reply/{reply_id}").get_data(as_text=True)
    assert "Reply #" in html and f'href="/moderation/items/story/{story_id}"' in html
    assert db.session.get(Reply, reply_id).body_html in html


@pytest.mark.parametrize("path", ["/moderation/items/story/999", "/moderation/items/lesson/1"])
def test_unknown_items_are_404(client, moderator, path):
    sign_in(client, moderator)
    assert client.get(path).status_code == 404


def test_rules_page_adds_lists_filters_and_deletes(client, moderator):
    sign_in(client, moderator)
    resp = client.post(
        "/moderation/rules", data={"pattern": "insult*", "action": "censor", "note": "Name calling"}
    )
    assert resp.status_code == 302
    html = client.get("/moderation/rules").get_data(as_text=True)
    assert "<code>insult*</code>" in html and "Name calling" in html

    resp = client.post("/moderation/rules", data={"pattern": "***", "action": "block"})
    assert resp.status_code == 422
    assert "at least one letter or digit" in resp.get_data(as_text=True)
    resp = client.post("/moderation/rules", data={"pattern": "x" * 101, "action": "block"})
    assert resp.status_code == 422
    resp = client.post("/moderation/rules", data={"pattern": "spam", "action": "explode"})
    assert resp.status_code == 422
    assert db.session.query(KeywordRule).count() == 1

    assert "No rules match" in client.get("/moderation/rules?action=block").get_data(as_text=True)
    assert "insult*" in client.get("/moderation/rules?q=insu").get_data(as_text=True)

    rule_id = db.session.query(KeywordRule).one().id
    resp = client.post(f"/moderation/rules/{rule_id}/delete", follow_redirects=True)
    assert "Rule deleted" in resp.get_data(as_text=True)
    assert db.session.query(KeywordRule).count() == 0
    resp = client.post(f"/moderation/rules/{rule_id}/delete", follow_redirects=True)
    assert "was not found" in resp.get_data(as_text=True)


def test_rules_page_installs_the_defaults(client, moderator):
    sign_in(client, moderator)
    resp = client.post("/moderation/rules/defaults", follow_redirects=True)
    assert f"Installed {len(DEFAULT_RULES)} default rules" in resp.get_data(as_text=True)
    assert db.session.query(KeywordRule).count() == len(DEFAULT_RULES)


def test_moderators_see_the_urgent_count_on_every_page(client, moderator, member, rules, post_story):
    post_story(member, "I want to kill myself.")
    post_story(member, "Kill myself, I thought.")
    post_story(member, "Buy followers.")
    sign_in(client, moderator)
    for path in ("/", "/settings", "/moderation/rules"):
        html = client.get(path).get_data(as_text=True)
        assert '<span class="badge urgent" title="Urgent items waiting">2</span>' in html

    client.post("/logout")
    sign_in(client, member)
    assert "badge urgent" not in client.get("/").get_data(as_text=True)
