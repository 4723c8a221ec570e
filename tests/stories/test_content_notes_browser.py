"""A noted story in Chromium: closed by default everywhere, opened by a click or from the keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HIDDEN_WORDS = "Some nights were dark"


@pytest.fixture
def noted(member, publish):
    return publish(
        member,
        title="A hard month after the final round",
        body=f"{HIDDEN_WORDS}. Reaching out helped me most.",
        content_notes=["self_harm"],
    )


def test_a_noted_story_stays_closed_until_the_reader_opens_it(page, noted, login, make_member):
    for path in ("/", f"/stories/{noted}"):
        page.goto(path)
        note = page.locator("details.content-note").first
        expect(note.locator("summary")).to_contain_text("Content note: self-harm")
        expect(note.locator("summary")).to_contain_text("Show story")
        expect(page.get_by_text(HIDDEN_WORDS)).to_be_hidden()
        note.locator("summary").click()
        expect(page.get_by_text(HIDDEN_WORDS)).to_be_visible()

    # By keyboard alone: Tab reaches the control, Enter opens it.
    page.goto(f"/stories/{noted}")
    summary = page.locator("details.content-note > summary")
    for _ in range(40):
        page.keyboard.press("Tab")
        if summary.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the Show story control is not reachable with Tab")
    expect(page.get_by_text(HIDDEN_WORDS)).to_be_hidden()
    page.keyboard.press("Enter")
    expect(page.get_by_text(HIDDEN_WORDS)).to_be_visible()
    # A screen reader hears the note and that the control expands.
    assert summary.evaluate("el => el.parentElement.open") is True


def test_a_reader_who_chose_so_sees_it_open(page, noted, login, make_member, client):
    reader = make_member()
    client.put("/api/v1/me/preferences", headers=reader.headers, json={"show_content_notes": True})
    login(reader)
    page.goto("/")
    expect(page.get_by_text(HIDDEN_WORDS)).to_be_visible()
    expect(page.get_by_text("Content note: self-harm")).to_be_visible()
