"""Guidance before posting: the preview says what moderation would do with a draft and stores nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from community.extensions import db
from community.review.models import ModerationDecision, ReviewItem
from community.stories.models import Story


@pytest.fixture
def app_config() -> dict:
    # As in production: the page's script sends the form's CSRF token with the draft.
    return {"WTF_CSRF_ENABLED": True}


@pytest.fixture
def defaults(runner):
    assert runner.invoke(args=["moderation", "install-defaults"]).exit_code == 0


def _preview(client, who, **body):
    return client.post("/api/v1/moderation/preview", headers=who.headers, json=body)


def test_a_crisis_draft_gets_the_resources_before_anything_is_posted(client, defaults, member):
    resp = _preview(client, member, title="After the call", body="Honestly I want to kill myself tonight.")
    assert resp.status_code == 200
    body = resp.get_json()
    assert set(body) == {"outcome", "removed", "masked", "reason", "resources"}
    assert body["outcome"] == "held" and body["resources"]
    assert db.session.query(Story).count() == 0
    assert db.session.query(ReviewItem).count() == 0 and db.session.query(ModerationDecision).count() == 0


def test_it_names_what_will_be_removed_masked_or_held(client, defaults, member):
    body = _preview(
        client,
        member,
        body="Damn. Mail me at sam@example.org or call 555-123-4567.",
        lessons=[{"category": "mindset", "text": "Buy followers? No."}, "plain text lesson"],
        industry="Software",
    ).get_json()
    assert body["removed"] == {"email": 1, "phone": 1, "profile": 0}
    assert body["masked"] == ["Damn"]
    assert body["outcome"] == "held" and body["resources"] is None
    quiet = _preview(client, member, body="The panel was tough but fair.").get_json()
    assert quiet == {
        "outcome": "published",
        "removed": {"email": 0, "phone": 0, "profile": 0},
        "masked": [],
        "reason": None,
        "resources": None,
    }
    assert (
        _preview(
            client, member, body="I said my own name wrong. I could just die of embarrassment."
        ).get_json()["outcome"]
        == "published"
    )


def test_bad_input_is_a_clear_error(client, member):
    assert client.post("/api/v1/moderation/preview", json={"body": "x"}).status_code == 401
    assert _preview(client, member, body=5).status_code == 422
    assert _preview(client, member, lessons="not a list").status_code == 422
    assert _preview(client, member, body="x" * 20_001).status_code == 422
    assert _preview(client, member).get_json()["outcome"] == "published"


@pytest.mark.browser
def test_the_story_form_shows_the_resources_as_the_member_types(page, login, member, defaults):
    login(member)
    page.goto("/stories/new")
    page.fill("input[name=title]", "After the final round")
    page.locator("textarea[name=body]").press_sequentially("I just want to die", delay=20)
    help_box = page.locator("#preview-result .resources")
    expect(help_box).to_be_visible()
    expect(help_box).to_contain_text("We're thinking of you")
    # It suggests the notes that let readers choose when to read it, and nothing was posted.
    expect(page.locator("input[name=content_notes][value=suicide]")).to_be_checked()
    expect(page.locator("input[name=content_notes][value=self_harm]")).to_be_checked()
    assert db.session.query(Story).count() == 0

    page.locator("textarea[name=body]").fill("The interview was long, but I learned a lot.")
    expect(help_box).to_be_hidden()
