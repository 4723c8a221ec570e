"""Three key flows walked with the keyboard alone, as someone without a mouse or with a switch device would:
join and confirm, post a story, reply and react. Plus the skip link and text that reflows when enlarged."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.helpers import link_token

pytestmark = pytest.mark.browser

MAX_TABS = 80


@pytest.fixture
def app_config() -> dict:
    return {"WTF_CSRF_ENABLED": True}


def tab_to(page, locator) -> None:
    """Press Tab until `locator` has the focus, as a keyboard user moves through the page."""
    target = locator.element_handle()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("el => el === document.activeElement", target):
            return
    pytest.fail(f"Tab never reached {locator}")


def fill_by_keyboard(page, locator, text: str) -> None:
    tab_to(page, locator)
    page.keyboard.type(text)


def test_skip_link_comes_first_and_moves_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_join_and_confirm_by_keyboard(page, mailbox, run_jobs):
    page.goto("/register")
    fill_by_keyboard(page, page.locator("input[name=email]"), "kit@example.org")
    fill_by_keyboard(page, page.locator("input[name=display_name]"), "Kit")
    fill_by_keyboard(page, page.locator("input[name=password]"), "a long password")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Check your mail")

    run_jobs()
    [mail] = mailbox.to("kit@example.org")
    page.goto(f"/confirm/{link_token(mail)}")
    tab_to(page, page.get_by_role("button", name="Confirm my email"))
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_contain_text("Your email is confirmed")

    fill_by_keyboard(page, page.locator("main input[name=email]"), "kit@example.org")
    fill_by_keyboard(page, page.locator("main input[name=password]"), "a long password")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_post_a_story_by_keyboard(page, login, member, run_jobs):
    login(member)
    page.goto("/stories/new")
    fill_by_keyboard(page, page.locator("input[name=title]"), "Lost my words in the panel")
    fill_by_keyboard(
        page, page.locator("textarea[name=body]"), "Three interviewers, one question, no answer."
    )
    tab_to(page, page.locator("select[name=stage]"))
    page.keyboard.type("Onsite")
    fill_by_keyboard(page, page.locator("input[name=industry]"), "Retail")
    tab_to(page, page.locator("select[name=lessons-0-category]"))
    page.keyboard.type("Mindset")
    fill_by_keyboard(page, page.locator("textarea[name=lessons-0-text]"), "Ask for a moment to think.")
    tab_to(page, page.get_by_role("button", name="Share my story"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/me/stories$"))

    run_jobs()
    page.reload()
    expect(page.locator(".my-story .badge.status")).to_have_text("published")


def test_reply_and_react_by_keyboard(page, login, client, member, make_member, run_jobs):
    story_id = client.post(
        "/api/v1/stories",
        headers=member.headers,
        json={
            "title": "Ghosted after the final round",
            "body": "Four rounds, then nothing.",
            "lessons": [{"category": "follow_up", "text": "Ask when to expect an answer."}],
            "stage": "final_round",
            "industry": "Software",
        },
    ).get_json()["id"]
    run_jobs()
    login(make_member())
    page.goto(f"/stories/{story_id}")
    helpful = page.locator("#reactions button", has_text="Helpful")
    tab_to(page, helpful)
    page.keyboard.press("Enter")
    expect(page.locator("#reactions button", has_text="Helpful")).to_have_attribute("aria-pressed", "true")

    fill_by_keyboard(page, page.locator("textarea[name=body]"), "Silence says nothing about you.")
    tab_to(page, page.get_by_role("button", name="Post reply"))
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_contain_text("Your reply appears")
    run_jobs()
    page.reload()
    expect(page.locator("#replies")).to_contain_text("Silence says nothing about you.")


@pytest.mark.parametrize("path", ["/", "/stories/new", "/lessons", "/groups", "/mentors", "/register"])
def test_pages_reflow_at_320_px_and_with_text_at_200_percent(page, login, member, path):
    """WCAG 1.4.10 and 1.4.4: nothing needs sideways scrolling at 320 CSS px, nor at 640 px with text
    doubled (the same as 200% zoom of a 1280 px window)."""
    login(member)
    overflow = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    assert page.evaluate(overflow) <= 0, f"{path} scrolls sideways at 320 px"
    page.set_viewport_size({"width": 640, "height": 800})
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    assert page.evaluate(overflow) <= 0, f"{path} scrolls sideways with text at 200%"
