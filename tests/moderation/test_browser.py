"""Moderation in headless Chromium: crisis care for the author, the queue's buttons, the urgent badge."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def my_story(client, who) -> dict:
    return client.get("/api/v1/me/stories", headers=who.headers).get_json()["items"][0]


def test_a_crisis_story_shows_its_author_support_resources(app, page, login, member, rules, post_story):
    post_story(member, "After the fifth rejection I want to kill myself.")
    login(member)
    page.goto("/me/stories")
    resources = page.locator(".resources")
    expect(resources).to_be_visible()
    expect(resources).to_contain_text("988")
    expect(resources).to_contain_text("116 123")
    expect(resources).to_contain_text("findahelpline.com")
    expect(page.get_by_text("you don't have to carry it alone")).to_be_visible()


def test_urgent_badge_then_approve_and_reject_from_the_queue(
    client, page, login, moderator, member, rules, post_story, open_item
):
    crisis = post_story(member, "Honestly I could kill myself.", title="Crisis")
    spam = post_story(member, "Buy followers in bulk.", title="Spam")
    login(moderator)

    page.goto("/settings")
    badge = page.get_by_role("navigation", name="Main").locator(".badge.urgent")
    expect(badge).to_have_text("1")

    page.get_by_role("link", name="Moderation").click()
    cards = page.locator("article.review")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text(f"Story #{crisis}")
    expect(cards.first).to_contain_text("kill myself · crisis")

    crisis_card = page.locator(f"#review-{open_item('story', crisis)}")
    crisis_card.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_role("status")).to_contain_text("Published.")
    expect(cards).to_have_count(1)
    expect(badge).to_have_count(0)
    assert client.get(f"/api/v1/stories/{crisis}").status_code == 200

    spam_card = page.locator(f"#review-{open_item('story', spam)}")
    spam_card.get_by_label("Reason, shown to the author").fill("Selling followers isn't what Rebound is for.")
    spam_card.get_by_role("button", name="Reject").click()
    expect(page.get_by_role("status")).to_contain_text("Rejected.")
    expect(page.get_by_text("Nothing is waiting for a look")).to_be_visible()
    assert my_story(client, member)["moderation"]["reason"] == "Selling followers isn't what Rebound is for."

    page.get_by_role("button", name="Sign out").click()
    login(member)
    page.goto("/me/stories")
    expect(page.get_by_text("Selling followers isn't what Rebound is for.")).to_be_visible()


def test_reject_from_the_item_page_needs_a_reason(client, page, login, moderator, member, rules, post_story):
    story_id = post_story(member, "Buy followers, friends.")
    login(moderator)
    page.goto(f"/moderation/items/story/{story_id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Story #{story_id}")
    expect(page.locator(".history")).to_contain_text("pending → held")
    # The browser itself refuses an empty reason; nothing is sent.
    page.get_by_role("button", name="Reject").click()
    expect(page.locator(".history tbody tr")).to_have_count(1)
    page.get_by_label("Reason, shown to the author").fill("Spam.")
    page.get_by_role("button", name="Reject").click()
    expect(page.locator(".history")).to_contain_text("held → rejected")
    expect(page.locator(".history")).to_contain_text(moderator.display_name)
    assert my_story(client, member)["status"] == "rejected"
