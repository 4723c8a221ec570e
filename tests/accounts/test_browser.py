"""Joining, settings and signing out in headless Chromium, with CSRF on as in production."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import link_token

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}


@pytest.fixture
def app_config() -> dict:
    return {"WTF_CSRF_ENABLED": True}


@pytest.fixture
def console_errors(page) -> list[str]:
    """Messages such as Content-Security-Policy violations, which a visitor would not see but break pages."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    return errors


def test_register_confirm_settings_sign_out(page, console_errors, mailbox, run_jobs):
    page.goto("/register")
    page.fill("input[name=email]", "robin@example.org")
    page.fill("input[name=display_name]", "Robin")
    page.fill("input[name=password]", "a long password")
    page.click("form button[type=submit], form input[type=submit]")
    page.wait_for_load_state()
    assert "Check your mail" in page.inner_text("main")

    run_jobs()
    [mail] = mailbox.to("robin@example.org")
    page.goto(f"/confirm/{link_token(mail)}")
    page.get_by_role("button", name="Confirm my email").click()
    page.wait_for_load_state()
    assert "Your email is confirmed" in page.inner_text(".flash")
    page.fill("input[name=email]", "robin@example.org")
    page.fill("input[name=password]", "a long password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()

    assert page.url.endswith("/")
    nav = page.locator("header nav")
    assert nav.get_by_role("button", name="Sign out").is_visible()
    assert nav.get_by_role("link", name="Sign in").count() == 0

    nav.get_by_role("link", name="Settings").click()
    page.wait_for_load_state()
    assert "robin@example.org" in page.inner_text("main")
    assert page.is_checked("input[name=digest][value=weekly]")
    page.check("input[name=digest][value=off]")
    page.fill("input[name=industries]", "Software, Healthcare")
    page.get_by_role("button", name="Save settings").click()
    page.wait_for_load_state()
    assert "Settings saved." in page.inner_text(".flash")

    page.reload()
    assert page.is_checked("input[name=digest][value=off]")
    assert page.input_value("input[name=industries]") == "Software, Healthcare"

    nav.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert "signed out" in page.inner_text(".flash")
    assert nav.get_by_role("link", name="Sign in").is_visible()
    page.goto("/settings")
    assert "/login" in page.url

    assert not [e for e in console_errors if "Content Security Policy" in e]


def test_wrong_password_shows_a_message_in_the_browser(page, member):
    page.goto("/login")
    page.fill("input[name=email]", member.email)
    page.fill("input[name=password]", "not my password")
    page.click("form button[type=submit], form input[type=submit]")
    page.wait_for_load_state()
    assert "do not match" in page.inner_text("main [role=alert]")
    assert page.input_value("input[name=email]") == member.email


@pytest.mark.parametrize("signed_in", [False, True])
def test_pages_fit_a_phone_screen(page, login, member, console_errors, signed_in):
    page.set_viewport_size(PHONE)
    if signed_in:
        login(member)
        paths = ["/", "/settings", "/logout"]
    else:
        paths = ["/", "/login", "/register", "/no-such-page"]
    for path in paths:
        page.goto(path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= PHONE["width"] + 1, f"{path} is {width}px wide on a phone"
    assert not [e for e in console_errors if "Content Security Policy" in e]


def test_forgot_password_reset_and_sign_in(page, member, mailbox, run_jobs):
    page.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.fill("input[name=email]", member.email)
    page.get_by_role("button", name="Send me a link").click()
    page.wait_for_load_state()
    assert "Check your mail" in page.inner_text("main")

    run_jobs()
    [mail] = mailbox.to(member.email)
    link = re.search(r"/reset-password/\S+", mail.get_body(("plain",)).get_content()).group(0)
    page.goto(link)
    page.fill("input[name=password]", "1234567890")
    page.get_by_role("button", name="Save my new password").click()
    page.wait_for_load_state()
    assert "most commonly used" in page.inner_text("main")
    page.fill("input[name=password]", "a quiet new beginning")
    page.get_by_role("button", name="Save my new password").click()
    page.wait_for_load_state()
    assert "Your password is changed" in page.inner_text(".flash")

    page.fill("input[name=email]", member.email)
    page.fill("input[name=password]", "a quiet new beginning")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.url.endswith("/")
    # The link worked once.
    page.goto(link)
    page.fill("input[name=password]", "yet another new phrase")
    page.get_by_role("button", name="Save my new password").click()
    page.wait_for_load_state()
    assert "ask for a new one" in page.inner_text("main")


def test_settings_export_and_delete_keeping_stories(page, login, client, member, run_jobs):
    story = {
        "title": "Kept after I leave",
        "body": "What I learned, for whoever comes next.",
        "lessons": [{"category": "mindset", "text": "It was not about me."}],
        "stage": "onsite",
        "industry": "Software",
    }
    story_id = client.post("/api/v1/stories", headers=member.headers, json=story).get_json()["id"]
    run_jobs()
    login(member)
    page.goto("/settings")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["account"]["email"] == member.email
    assert [s["title"] for s in exported["posts"]["stories"]] == ["Kept after I leave"]

    page.check("input[name='delete-stories'][value=keep]")
    page.fill("input[name='delete-password']", "not my password")
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_load_state()
    assert "That is not your password." in page.inner_text("main")
    page.check("input[name='delete-stories'][value=keep]")
    page.fill("input[name='delete-password']", member.password)
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_load_state()
    assert "Your account is deleted" in page.inner_text(".flash")

    page.goto(f"/stories/{story_id}")
    assert "Kept after I leave" in page.inner_text("main")
    page.goto("/login")
    page.fill("input[name=email]", member.email)
    page.fill("input[name=password]", member.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "do not match an account" in page.inner_text("main")
