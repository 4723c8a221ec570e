from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_post_a_story_see_it_published_react_and_reply(page, login, member, make_member, run_jobs):
    login(member)
    page.goto("/stories/new")
    expect(page.get_by_text("Did I research the company and the role?").first).to_be_visible()
    page.fill("input[name=title]", "Blanked on the take-home review")
    page.fill("textarea[name=body]", "They asked me to walk through my code and I **froze**.")
    page.select_option("select[name=stage]", "technical")
    page.fill("input[name=industry]", "Software")
    page.select_option("select[name=lessons-0-category]", "preparation")
    page.fill("textarea[name=lessons-0-text]", "Rehearse explaining my own code out loud.")
    page.select_option("select[name=lessons-1-category]", "mindset")
    page.fill("textarea[name=lessons-1-text]", "A pause to think is fine.")
    page.click("button[type=submit]:has-text('Share my story'), input[type=submit][value='Share my story']")

    expect(page).to_have_url(re.compile(r"/me/stories$"))
    expect(page.locator(".my-story .badge.status")).to_have_text("pending")

    run_jobs()
    page.reload()
    expect(page.locator(".my-story .badge.status")).to_have_text("published")

    # Another member finds it on the home page, reacts and replies.
    page.click("form.inline button:has-text('Sign out')")
    login(make_member())
    page.goto("/")
    page.click("text=Blanked on the take-home review")
    expect(page.locator("h1")).to_have_text("Blanked on the take-home review")
    expect(page.locator(".story-body strong")).to_have_text("froze")
    expect(page.locator(".lessons li")).to_have_count(2)

    me_too = page.locator("#reactions button", has_text="Me too")
    expect(me_too).to_have_attribute("aria-pressed", "false")
    me_too.click()
    me_too = page.locator("#reactions button", has_text="Me too")
    expect(me_too).to_have_attribute("aria-pressed", "true")
    expect(me_too.locator(".count")).to_have_text("1")

    page.fill("#replies textarea[name=body]", "Happened to me too. You'll nail the next one.")
    page.click("#replies button[type=submit], #replies input[type=submit]")
    expect(page.locator(".flash")).to_contain_text("Your reply appears")
    run_jobs()
    page.reload()
    expect(page.locator(".reply")).to_contain_text("You'll nail the next one.")
    expect(page.locator("#replies-title")).to_have_text("1 reply")


def test_the_form_shows_what_to_fix(page, login, member):
    login(member)
    page.goto("/stories/new")
    page.fill("input[name=title]", "   ")
    page.click("button[type=submit]:has-text('Share my story'), input[type=submit][value='Share my story']")
    expect(page.locator(".field.has-error").first).to_be_visible()
    expect(page.get_by_text("Add a title.")).to_be_visible()
    expect(page.get_by_text("Share between 1 and 10 lessons.")).to_be_visible()
