"""Every page meets WCAG 2.2 AA as axe-core checks it: signed out, as a member and as a moderator, at desktop
and phone width in the light scheme, and at phone width in the dark one.

The pages come from the app's URL map, so a new page without a row below fails the test until it is checked.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe

from community.accounts.models import User
from community.accounts.tokens import make_token
from community.digest.compose import week_of
from community.digest.unsubscribing import unsubscribe_token
from community.extensions import db
from community.models import utcnow
from community.notifications.mailing import stop_url
from community.notifications.services import notify
from community.stories.models import Story
from community.toolkit import debriefs
from tests.factories import build_world, make_mentorship_request, make_people, make_reply, make_review_item

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
# Routes that answer something other than a page.
NOT_PAGES = {"pages.healthz", "accounts.export", "static", "openapi_apidoc"}

axe = Axe()


def page_urls(people: dict) -> dict[str, list[str]]:
    """Every page (by endpoint) and the addresses it is checked at, with data on each to show."""
    w = build_world(people)
    member = people["member"]
    noted = db.session.get(Story, w.public_story)
    noted.content_notes = ["self_harm"]
    db.session.commit()
    make_reply(w.public_story, people["other"], "You will find the right place.")
    own_reply = make_reply(w.public_story, member, "Thank you all.").id
    held = make_review_item(member).target_id
    make_mentorship_request(w.mentor, member)
    notify(member.id, "reply", "Someone replied to your story.", f"/stories/{w.public_story}")
    db.session.commit()
    debrief = debriefs.create(
        member.id, {"company": "Acme", "stage": "onsite", "interviewed_on": "2026-11-02", "role": "Analyst"}
    ).id
    member_user = db.session.get(User, member.id)
    week = week_of(utcnow())
    mine = f"/me/debriefs/{debrief}"
    return {
        "pages.home": ["/"],
        "stories.story": [f"/stories/{w.public_story}"],
        "stories.new_story": ["/stories/new"],
        "stories.edit_story": [f"/me/stories/{w.public_story}/edit"],
        "stories.edit_reply": [f"/replies/{own_reply}/edit"],
        "stories.my_stories": ["/me/stories"],
        "stories.lessons": ["/lessons"],
        "groups.index": ["/groups"],
        "groups.show": [f"/groups/{w.public_group.slug}", f"/groups/{w.private_group.slug}"],
        "mentorship.mentors": ["/mentors"],
        "mentorship.volunteer": ["/mentors/volunteer"],
        "mentorship.my_mentorship": ["/me/mentorship"],
        "moderation.queue": ["/moderation"],
        "moderation.rules": ["/moderation/rules"],
        "moderation.item": [f"/moderation/items/story/{held}"],
        "digest.latest": ["/digest"],
        "digest.week": [f"/digest/{week}"],
        "digest.unsubscribe": [f"/digest/unsubscribe/{unsubscribe_token(member.id)}"],
        "accounts.login": ["/login"],
        "accounts.register": ["/register"],
        "accounts.settings": ["/settings"],
        "accounts.logout": ["/logout"],
        "accounts.confirm": [f"/confirm/{make_token(member_user, 'confirm')}", "/confirm/not-a-token"],
        "accounts.forgot_password": ["/forgot-password"],
        "accounts.reset_password": [f"/reset-password/{make_token(member_user, 'reset')}"],
        "search.search": ["/search", "/search?q=interview", "/search?q=nothingmatchesthis"],
        "notifications.index": ["/notifications"],
        "notifications.stop": [
            "/notifications/stop/" + stop_url(member.id, "reply").rsplit("/", 1)[1],
            "/notifications/stop/not-a-token",
        ],
        "toolkit.index": ["/me/debriefs"],
        "toolkit.new": ["/me/debriefs/new"],
        "toolkit.show": [mine],
        "toolkit.edit": [f"{mine}/edit"],
        "toolkit.walk": [f"{mine}/walk/1"],
        "toolkit.feedback_request": [f"{mine}/feedback-request"],
        "toolkit.plan": ["/me/plan"],
        "toolkit.progress_page": ["/me/progress"],
    }


def _pages(app) -> set[str]:
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not rule.rule.startswith("/api/") and rule.endpoint not in NOT_PAGES
    }


def test_every_page_has_a_row(app, make_member):
    people = make_people(make_member)
    assert _pages(app) - set(page_urls(people)) == set()


@pytest.mark.skipif(
    bool(os.environ.get("TEST_DATABASE_URL")),
    reason="the pages are the same HTML on either database: checked once, on SQLite",
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("role", ["anonymous", "member", "moderator"])
def test_axe_finds_no_violation(browser, live_server, make_member, role, scheme):
    people = make_people(make_member)
    urls = page_urls(people)
    context = browser.new_context(base_url=live_server, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if role != "anonymous":
        who = people[role]
        page.goto("/login")
        page.fill("input[name=email]", who.email)
        page.fill("input[name=password]", who.password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
    found: list[str] = []
    rules: Counter[str] = Counter()
    try:
        addresses = [address for group in urls.values() for address in group]
        # The light scheme at both widths; the dark one (only its colours differ) at phone width.
        sizes = (DESKTOP, PHONE) if scheme == "light" else (PHONE,)
        for address, size in ((address, size) for address in addresses for size in sizes):
            page.set_viewport_size(size)
            page.goto(address)
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
            for violation in results.response["violations"]:
                rules[violation["id"]] += 1
                nodes = "; ".join(n["target"][0] for n in violation["nodes"][:3] if n["target"])
                found.append(
                    f"{address} at {size['width']}px: {violation['id']} ({violation['help']}) on {nodes}"
                )
    finally:
        context.close()
    assert not found, f"{len(found)} violations, by rule {dict(rules)}:\n" + "\n".join(sorted(set(found)))
