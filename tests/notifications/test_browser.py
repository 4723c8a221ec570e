"""The badge and the notifications page in Chromium: a reply through the worker, the count in the navigation,
the page that lists it and marks it read."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.factories import story_payload

pytestmark = pytest.mark.browser


def test_a_reply_shows_in_the_badge_and_on_the_page(page, login, client, member, make_member, run_jobs):
    story_id = client.post("/api/v1/stories", headers=member.headers, json=story_payload()).get_json()["id"]
    run_jobs()
    friend = make_member()
    client.post(
        f"/api/v1/stories/{story_id}/replies", headers=friend.headers, json={"body": "Rooting for you."}
    )
    run_jobs()

    login(member)
    page.goto("/")
    # Published, and someone replied: two unread.
    badge = page.locator("nav .badge")
    expect(badge).to_have_text("2")
    expect(badge).to_have_attribute("aria-label", "2 unread")

    page.get_by_role("link", name=re.compile("Notifications")).click()
    expect(page).to_have_url(re.compile(r"/notifications$"))
    item = page.locator(".notification.unread", has_text="Someone replied to your story")
    expect(item).to_be_visible()
    item.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/stories/{story_id}#replies$"))
    expect(page.get_by_text("Rooting for you.")).to_be_visible()
    # Seen once on the page, they are read: the badge is gone.
    expect(page.locator("nav .badge")).to_have_count(0)
