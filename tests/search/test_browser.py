"""The search page in Chromium: from the header's box to a story and to a lesson in its story."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_search_from_the_header_filter_and_follow_a_hit(page, member, publish):
    story = publish(
        member,
        title="Take-home review went sideways",
        body="<script>alert(1)</script> They asked me to walk through my take-home code.",
        lessons=[
            {"category": "preparation", "text": "Rehearse the walk-through of the take-home out loud."},
            {"category": "mindset", "text": "A pause to think is fine."},
        ],
    )
    publish(member, title="Culture fit question", stage="onsite", body="The take-home was fine.")

    page.goto("/")
    page.fill("header input[name=q]", "take-home")
    page.press("header input[name=q]", "Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=take-home"))
    expect(page.locator("#results-title")).to_have_text("2 stories found")
    expect(page.locator(".search-results li").first.locator("h3")).to_have_text(
        "Take-home review went sideways"
    )
    expect(page.locator(".search-results mark").first).to_be_visible()
    # The query stays in the header's box and in the page's form.
    expect(page.locator("header input[name=q]")).to_have_value("take-home")

    page.select_option("select[name=stage]", "onsite")
    page.click("main form[role=search] button[type=submit]")
    expect(page).to_have_url(re.compile(r"stage=onsite"))
    expect(page.locator("#results-title")).to_have_text("1 story found")
    expect(page.locator(".search-results h3")).to_have_text("Culture fit question")

    page.goto("/search?q=%22walk-through+of+the%22&kind=lessons")
    expect(page.locator("#results-title")).to_have_text("1 lesson found")
    page.locator(".search-results a", has_text="Rehearse").click()
    expect(page).to_have_url(re.compile(rf"/stories/{story}#lesson-0$"))
    expect(page.locator("#lesson-0")).to_contain_text("Rehearse the walk-through")

    page.goto("/search?q=quokka+-take")
    expect(page.locator("#results-title")).to_have_text("0 stories found")
    expect(page.get_by_role("status")).to_contain_text("Nothing matches that yet")

    page.goto("/search?q=")
    expect(page.locator(".field.has-error [role=alert]")).to_contain_text("Type a word or two")
