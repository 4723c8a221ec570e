"""The debrief walk-through in Chromium, at desktop and phone width: one question at a time, to the debrief
page with its chart."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from community.toolkit.content import AUDIT_CATEGORIES

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", WIDTHS)
def test_the_walk_through_from_start_to_the_debrief(page, login, member, size):
    page.set_viewport_size(WIDTHS[size])
    login(member)
    page.get_by_role("link", name="My rebound").click()
    page.get_by_role("link", name="Start a debrief").click()
    page.get_by_label("Company").fill("Harbour Freight Co")
    page.get_by_label("Role (optional)").fill("Analyst")
    page.get_by_label("How far you got").select_option("hiring_manager")
    page.get_by_label("Interview date").fill(date.today().isoformat())
    page.get_by_role("button", name="Start the questions").click()

    for n, _category in enumerate(AUDIT_CATEGORIES, start=1):
        expect(page.get_by_text(f"Step {n} of 11")).to_be_visible()
        # One question on the page at a time.
        assert page.locator("fieldset.rating").count() == 1
        page.get_by_label("1 – needs work" if n == 3 else "4", exact=True).check()
        if n == 3:
            page.get_by_label("Notes for yourself (optional)").fill("I rushed the case question.")
        page.get_by_role("button", name="Save and continue").click()

    page.get_by_label("First thing that went well").fill("Stayed calm")
    page.get_by_label("Second thing").fill("Good rapport")
    page.get_by_label("Third thing").fill("Asked about the team")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Where things stand").select_option("rejected")
    page.get_by_role("button", name="Save and finish").click()

    expect(page.get_by_role("heading", name="Harbour Freight Co, Analyst")).to_be_visible()
    chart = page.get_by_role("img", name="Your ratings, 1 to 5, for each part of the interview")
    expect(chart).to_be_visible()
    page.get_by_text("Your ratings and notes as text").click()
    expect(page.get_by_role("cell", name="I rushed the case question.")).to_be_visible()
    expect(page.get_by_text("Stayed calm")).to_be_visible()
    # Nothing runs off the side of the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_feedback_request_opens_in_the_mail_client_with_the_edits(page, login, member, make_debrief):
    made = make_debrief(member)
    login(member)
    page.goto(f"/me/debriefs/{made['id']}/feedback-request")
    page.get_by_label("Subject").first.fill("Thank you, Sam")
    href = page.get_by_role("link", name="Open in my email").last.get_attribute("href")
    assert href.startswith("mailto:?subject=Thank%20you%2C%20Sam&body=")
    expect(page.get_by_role("button", name="Copy the message")).to_be_visible()
