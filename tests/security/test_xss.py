"""The XSS corpus through every field that reaches a page, checked in the HTML and in headless Chromium.

Each vector goes in the way members put it in (the API, the worker's moderation, the services) and every
page that shows it is parsed: no script-capable element, no event handler, no style attribute, no link or
source to a javascript:, vbscript: or data: URL. Chromium then renders those pages with the
Content-Security-Policy header removed, so the sanitizer and the templates are proven on their own, not
only behind the CSP; the `page` fixture fails the test if any alert() fires, and the DOM the browser built
is checked the same way (with the browser's own URL parsing deciding what a link points to).
"""

from __future__ import annotations

import base64
from datetime import timedelta
from math import ceil
from urllib.parse import quote

import pytest

from community.digest.compose import week_of
from community.extensions import db
from community.groups.models import SupportGroup
from community.models import utcnow
from community.review.models import ReviewItem
from community.stories.models import Story
from tests.factories import join_group, make_story
from tests.helpers import FORBIDDEN_TAGS, URL_ATTRIBUTES, markup_problems
from tests.security.xss_corpus import VECTORS

# NUL is refused at the door (see test_nul_is_refused_in_every_field); everything else goes through.
PAYLOADS = list(dict.fromkeys(v.replace("\x00", "") for v in VECTORS.values()))
WITH_NUL = [v for v in VECTORS.values() if "\x00" in v]
ALL = "\n\n".join(PAYLOADS)
THIS_WEEK = week_of(utcnow())
# What a template engine would print if it evaluated the corpus's template expression, or the test config.
EVALUATED = ("123454321", "test-secret")


def html_problems(html: str) -> list[str]:
    return markup_problems(html) + [f"evaluated template: {text}" for text in EVALUATED if text in html]


class Pages:
    """Fetches pages with a test client and keeps what is wrong with each."""

    def __init__(self, client) -> None:
        self.client = client
        self.problems: dict[str, list[str]] = {}
        self.count = 0

    def check(self, url: str, status: int = 200, method: str = "GET", **kwargs) -> str:
        resp = self.client.open(url, method=method, **kwargs)
        assert resp.status_code == status, (method, url[:120], resp.status_code)
        html = resp.get_data(as_text=True)
        self.check_html(html, f"{method} {url[:100]}")
        return html

    def check_html(self, html: str, where: str) -> None:
        self.count += 1
        found = html_problems(html)
        if found:
            self.problems[where] = found

    def check_api_html(self, url: str, headers: dict[str, str], key: str = "body_html") -> int:
        resp = self.client.get(url, headers=headers)
        assert resp.status_code == 200, (url, resp.get_json())
        items = resp.get_json()["items"]
        for item in items:
            self.check_html(item[key], f"{url} item {item['id']} {key}")
        return len(items)

    def pages(self, url: str, total: int, per_page: int) -> None:
        for number in range(1, ceil(total / per_page) + 1):
            self.check(f"{url}{'&' if '?' in url else '?'}page={number}")

    def assert_clean(self) -> None:
        assert not self.problems, "\n".join(f"{where}: {found}" for where, found in self.problems.items())


# --- the browser ------------------------------------------------------------------------------------------

DOM_AUDIT = """
() => {
  const forbidden = new Set(%s);
  const urlAttributes = new Set(%s);
  const problems = [];
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName;
    const ownScript = tag === "script" && (el.getAttribute("src") || "").startsWith("/static/")
      && !el.textContent.trim() && el.getAttributeNames().every((n) => n === "src" || n === "defer");
    if (forbidden.has(tag) && !(tag === "svg" && el.classList.contains("chart")) && !ownScript) {
      problems.push("<" + tag + ">");
    }
    if (tag === "meta" && el.hasAttribute("http-equiv")) problems.push("<meta http-equiv>");
    for (const name of el.getAttributeNames()) {
      if (name.startsWith("on") || name === "style" || name === "srcdoc") problems.push(tag + "[" + name + "]");
      if (!urlAttributes.has(name)) continue;
      let protocol = "";
      try { protocol = new URL(el.getAttribute(name), document.baseURI).protocol; } catch (e) { continue; }
      if (!["http:", "https:", "mailto:"].includes(protocol)) problems.push(tag + "[" + name + "] " + protocol);
    }
  }
  return problems;
}
""" % (sorted(FORBIDDEN_TAGS), sorted(URL_ATTRIBUTES))  # noqa: UP031  (JavaScript braces)


def _without_csp(route, request) -> None:
    if request.resource_type != "document":
        route.continue_()
        return
    response = route.fetch(max_redirects=0)
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-security-policy"}
    route.fulfill(response=response, headers=headers)


class Browser:
    """Renders pages in Chromium without the CSP and checks the DOM it built."""

    def __init__(self, page, login) -> None:
        self.page = page
        self.login = login
        self.problems: dict[str, list[str]] = {}
        page.route("**/*", _without_csp)

    def sign_in(self, who) -> None:
        self.page.context.clear_cookies()
        self.login(who)

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, (url[:120], response and response.status)
        assert "content-security-policy" not in response.headers
        found = self.page.evaluate(DOM_AUDIT)
        if found:
            self.problems[url[:100]] = found

    def pages(self, url: str, total: int, per_page: int) -> None:
        for number in range(1, ceil(total / per_page) + 1):
            self.visit(f"{url}{'&' if '?' in url else '?'}page={number}")

    def submit(self) -> None:
        """Send the page's main form; the service refuses it and the page comes back with the values."""
        with self.page.expect_navigation() as navigation:
            self.page.click("main input[name=submit]")
        assert navigation.value.status == 422, navigation.value.status
        found = self.page.evaluate(DOM_AUDIT)
        if found:
            self.problems[f"{self.page.url} after submitting"] = found

    def assert_clean(self) -> None:
        assert not self.problems, "\n".join(f"{where}: {found}" for where, found in self.problems.items())


def _digest_email_html(user_id: int) -> str:
    """The HTML part of the member's digest email for this week, as the worker would send it."""
    from email import message_from_bytes, policy

    from community.digest import message

    [(member, content)] = message.build_digests(THIS_WEEK, [user_id])
    mail = message_from_bytes(message.build_message(member, content), policy=policy.default)
    return mail.get_body(("html",)).get_content()


def _sign_in(client, who) -> None:
    client.post("/logout")
    resp = client.post("/login", data={"email": who.email, "password": who.password})
    assert resp.status_code == 302, resp.status_code


def _witnesses(story_ids: list[int], witnesses: list) -> int:
    """Two more established members name each company in public stories, so the companies the corpus's
    author allowed are shown; how many witness stories that made."""
    made = 0
    for witness in witnesses:
        for story in db.session.scalars(db.select(Story).where(Story.id.in_(story_ids))).all():
            make_story(
                witness,
                "Witness",
                at=utcnow() - timedelta(days=30),
                body="Witness",
                stage="other",
                industry="Other",
                company=story.company,
                pseudonym="Quiet Wren",
                lessons=[("other", "Witness")],
            )
            made += 1
    return made


@pytest.mark.browser
def test_stories_replies_and_moderation_notes_render_safely(
    app, client, make_member, moderator, run_jobs, page, login
):
    author = make_member(established=True)
    witnesses = [make_member(established=True), make_member(established=True)]
    rule = {"pattern": "hostile", "action": "flag", "note": "puts every corpus story in the review queue"}
    assert client.post("/api/v1/moderation/rules", headers=moderator.headers, json=rule).status_code == 201

    story_ids = []
    for payload in PAYLOADS:
        story = {
            "title": payload[:120],
            "body": f"{payload}\n\nhostile input",
            "lessons": [{"category": "answers", "text": payload[:500]}],
            "stage": "onsite",
            "industry": payload[:60],
            "company": payload[:100],
            "share_company": True,
        }
        resp = client.post("/api/v1/stories", headers=author.headers, json=story)
        assert resp.status_code == 202, (payload, resp.get_json())
        story_ids.append(resp.get_json()["id"])
    omnibus = {
        "title": "Everything at once",
        "body": f"{ALL}\n\nhostile input",
        "lessons": [{"category": "mindset", "text": p[:500]} for p in PAYLOADS[:10]],
        "stage": "other",
        "industry": "Software",
    }
    resp = client.post("/api/v1/stories", headers=author.headers, json=omnibus)
    assert resp.status_code == 202, resp.get_json()
    omnibus_id = resp.get_json()["id"]
    run_jobs()
    replies = ["\n\n".join(PAYLOADS[i : i + 10]) for i in range(0, len(PAYLOADS), 10)]
    for reply in replies:
        resp = client.post(
            f"/api/v1/stories/{omnibus_id}/replies", headers=author.headers, json={"body": reply}
        )
        assert resp.status_code == 202, (reply, resp.get_json())
    run_jobs()
    all_ids = [*story_ids, omnibus_id]
    statuses = db.session.execute(db.select(Story.status).where(Story.id.in_(all_ids))).scalars().all()
    assert statuses == ["published"] * len(all_ids)
    witnessed = _witnesses(story_ids, witnesses)
    stories = len(all_ids)

    pages = Pages(client)
    _sign_in(client, author)
    pages.pages("/", stories, 20)
    for story_id in all_ids:
        pages.check(f"/stories/{story_id}")
    pages.pages("/lessons", stories + 9 + witnessed, 30)
    pages.pages("/me/stories", stories, 20)
    pages.check(f"/digest/{THIS_WEEK}")
    pages.check_html(_digest_email_html(author.id), "the digest email")
    pages.check(f"/?industry={quote(ALL)}")
    pages.check(f"/lessons?category={quote(ALL)}")
    assert pages.check_api_html("/api/v1/stories?per_page=100", author.headers) == min(
        100, stories + witnessed
    )
    assert pages.check_api_html("/api/v1/me/stories?per_page=100", author.headers) == stories
    assert pages.check_api_html(f"/api/v1/stories/{omnibus_id}/replies", {}) == len(replies)
    companies = pages.client.get("/api/v1/stories?per_page=100", headers=author.headers).get_json()["items"]
    assert sum(1 for s in companies if s["company"]) > 90, "the corpus companies should be on show"

    _sign_in(client, moderator)
    pages.pages("/moderation", stories, 20)

    browser = Browser(page, login)
    browser.sign_in(moderator)
    browser.pages("/moderation", stories, 20)
    browser.visit(f"/moderation/items/story/{omnibus_id}")
    browser.sign_in(author)
    browser.pages("/", stories, 20)
    browser.visit(f"/stories/{omnibus_id}")
    browser.visit(f"/stories/{story_ids[0]}")
    browser.pages("/lessons", stories + 9, 30)
    browser.visit(f"/digest/{THIS_WEEK}")
    browser.visit(f"/?industry={quote(ALL)}")

    # Moderators named after the corpus reject every story, each with a vector as the reason the author reads.
    items = db.session.execute(
        db.select(ReviewItem.id, ReviewItem.target_id).where(ReviewItem.resolved_at.is_(None))
    ).all()
    reasons = dict(zip(story_ids, PAYLOADS, strict=True))
    for item_id, story_id in items:
        reason = reasons.get(story_id, ALL)
        rejector = make_member("moderator", name=reason[:60])
        resp = client.post(
            f"/api/v1/moderation/queue/{item_id}/reject",
            headers=rejector.headers,
            json={"reason": reason[:500]},
        )
        assert resp.status_code == 200, (reason, resp.get_json())
    _sign_in(client, author)
    pages.pages("/me/stories", stories, 20)
    _sign_in(client, moderator)
    for story_id in all_ids:
        pages.check(f"/moderation/items/story/{story_id}")
    browser.pages("/me/stories", stories, 20)
    browser.sign_in(moderator)
    browser.visit(f"/moderation/items/story/{story_ids[0]}")

    assert pages.count > 300
    pages.assert_clean()
    browser.assert_clean()


@pytest.mark.browser
def test_groups_mentors_rules_and_forms_render_safely(
    app, client, make_member, moderator, run_jobs, page, login
):
    for payload in PAYLOADS:
        group = {"name": payload[:80], "description": payload, "visibility": "public"}
        resp = client.post("/api/v1/groups", headers=moderator.headers, json=group)
        assert resp.status_code == 201, (payload, resp.get_json())
        rule = {"pattern": payload[:100], "action": "flag", "note": payload[:200]}
        resp = client.post("/api/v1/moderation/rules", headers=moderator.headers, json=rule)
        assert resp.status_code == 201, (payload, resp.get_json())
    mentors = []
    for payload in PAYLOADS:
        mentor = make_member(name=payload[:60])
        profile = {
            "headline": payload[:120],
            "bio": payload,
            "expertise": ["answers"],
            "industries": ["Software", payload[:60]],
            "capacity": 2,
        }
        resp = client.put("/api/v1/me/mentor-profile", headers=mentor.headers, json=profile)
        assert resp.status_code == 200, (payload, resp.get_json())
        mentors.append(mentor)
        # The moderator asks each of them for help, in the corpus's words.
        resp = client.post(
            f"/api/v1/mentors/{mentor.id}/requests", headers=moderator.headers, json={"message": payload}
        )
        assert resp.status_code == 201, (payload, resp.get_json())
    # The moderator reads the digest too: a member of every group, in the mentors' industry.
    for group_id in db.session.scalars(db.select(SupportGroup.id)).all():
        join_group(group_id, moderator)
    resp = client.put("/api/v1/me/preferences", headers=moderator.headers, json={"industries": ["Software"]})
    assert resp.status_code == 200
    story = client.post(
        "/api/v1/stories",
        headers=moderator.headers,
        json={
            "title": "A plain story",
            "body": "Plain.",
            "lessons": [{"category": "answers", "text": "Plain."}],
            "stage": "other",
            "industry": "Software",
        },
    ).get_json()["id"]
    run_jobs()
    count = len(PAYLOADS)

    pages = Pages(client)
    _sign_in(client, moderator)
    pages.pages("/groups", count, 20)
    for slug in db.session.scalars(db.select(SupportGroup.slug)):
        pages.check(f"/groups/{slug}")
    pages.pages("/mentors", count, 20)
    pages.check("/me/mentorship")
    pages.pages("/moderation/rules", count, 50)
    pages.check(f"/digest/{THIS_WEEK}")
    pages.check_html(_digest_email_html(moderator.id), "the digest email")
    pages.check(f"/mentors?industry={quote(ALL)}")
    pages.check(f"/moderation/rules?q={quote(ALL)}")
    assert pages.check_api_html("/api/v1/mentors?per_page=100", {}, key="bio_html") == count

    # Every form shown again with what was sent, after the service or the form refused it.
    # (Two story forms, as the whole corpus in every field would pass the 64 KiB limit on a request.)
    story_form = {"title": ALL, "body": ALL, "industry": ALL, "stage": "not a stage"}
    pages.check("/stories/new", 422, "POST", data=story_form)
    story_form = {"company": ALL, "group_id": ALL, "lessons-0-category": ALL, "lessons-0-text": ALL}
    pages.check("/stories/new", 422, "POST", data=story_form)
    pages.check(f"/stories/{story}/replies", 422, "POST", data={"body": ALL + "x" * 5_000})
    pages.check(f"/stories/{story}/report", 422, "POST", data={"reason": ALL})
    pages.check(
        "/mentors/volunteer",
        422,
        "POST",
        data={"headline": ALL, "bio": ALL, "expertise": ALL, "industries": ALL, "capacity": ALL},
    )
    pages.check(f"/mentors/{mentors[0].id}/request", 422, "POST", data={"message": ALL})
    pages.check("/groups", 422, "POST", data={"name": ALL, "description": ALL, "visibility": ALL})
    pages.check("/moderation/rules", 422, "POST", data={"pattern": ALL, "action": ALL, "note": ALL})
    pages.check("/settings", 422, "POST", data={"digest": ALL, "industries": ALL})
    # A mentor editing a profile sees what they stored, written back into the form's fields.
    _sign_in(client, mentors[0])
    profile = {
        "headline": VECTORS["script after textarea"] + VECTORS["double quote breakout"],
        "bio": ALL,
        "expertise": ["answers"],
        "industries": [p[:60] for p in PAYLOADS[:20]],
        "capacity": 2,
    }
    assert (
        client.put("/api/v1/me/mentor-profile", headers=mentors[0].headers, json=profile).status_code == 200
    )
    pages.check("/mentors/volunteer")
    pages.check("/me/mentorship")
    client.post("/logout")
    pages.check("/register", 422, "POST", data={"email": ALL, "display_name": ALL, "password": "short"})
    pages.check("/login", 422, "POST", data={"email": ALL, "password": ALL})

    browser = Browser(page, login)
    browser.sign_in(moderator)
    browser.pages("/groups", count, 20)
    browser.pages("/mentors", count, 20)
    browser.visit("/me/mentorship")
    browser.pages("/moderation/rules", count, 50)
    browser.visit(f"/digest/{THIS_WEEK}")
    browser.visit(f"/mentors?industry={quote(ALL)}")
    browser.visit(f"/moderation/rules?q={quote(ALL)}")
    # Forms shown again with the corpus, as a person would submit them.
    browser.visit("/mentors/volunteer")
    page.fill("input[name=headline]", ALL)
    page.fill("textarea[name=bio]", ALL)
    page.fill("input[name=industries]", ALL)
    browser.submit()
    browser.visit("/stories/new")
    page.fill("input[name=title]", ALL)
    page.fill("textarea[name=body]", ALL)
    page.fill("input[name=industry]", ALL)
    page.fill("textarea[name='lessons-0-text']", ALL)
    browser.submit()

    assert pages.count > 200
    pages.assert_clean()
    browser.assert_clean()


def test_nul_is_refused_in_every_field(app, client, make_member, moderator, run_jobs):
    """PostgreSQL cannot store NUL: every field refuses it with the contract's 422 naming the field."""
    member = make_member()
    mentor = make_member()
    client.put(
        "/api/v1/me/mentor-profile",
        headers=mentor.headers,
        json={"headline": "Mentor", "expertise": ["answers"], "capacity": 2},
    )
    story = {
        "title": "A plain story",
        "body": "Plain hostile.",
        "lessons": [{"category": "answers", "text": "Plain."}],
        "stage": "other",
        "industry": "Software",
    }
    client.post(
        "/api/v1/moderation/rules", headers=moderator.headers, json={"pattern": "hostile", "action": "flag"}
    )
    story_id = client.post("/api/v1/stories", headers=member.headers, json=story).get_json()["id"]
    run_jobs()
    item_id = db.session.scalar(db.select(ReviewItem.id))
    profile = {"headline": "h", "bio": "b", "expertise": ["answers"], "capacity": 2}

    def lesson(text: str) -> dict:
        return {**story, "lessons": [{"category": "answers", "text": text}]}

    for vector in WITH_NUL:
        calls = [
            ("POST", "/api/v1/stories", member, {**story, "title": vector}, "title"),
            ("POST", "/api/v1/stories", member, {**story, "body": vector}, "body"),
            ("POST", "/api/v1/stories", member, lesson(vector), "lessons.0.text"),
            ("POST", "/api/v1/stories", member, {**story, "industry": vector}, "industry"),
            ("POST", "/api/v1/stories", member, {**story, "company": vector}, "company"),
            ("POST", f"/api/v1/stories/{story_id}/replies", member, {"body": vector}, "body"),
            ("POST", f"/api/v1/stories/{story_id}/reports", member, {"reason": vector}, "reason"),
            (
                "POST",
                "/api/v1/users",
                None,
                {"email": "n@example.org", "password": "p" * 12, "display_name": vector},
                "display_name",
            ),
            ("PUT", "/api/v1/me/preferences", member, {"industries": [vector]}, "industries.0"),
            ("PUT", "/api/v1/me/mentor-profile", member, {**profile, "headline": vector}, "headline"),
            ("PUT", "/api/v1/me/mentor-profile", member, {**profile, "bio": vector}, "bio"),
            ("POST", f"/api/v1/mentors/{mentor.id}/requests", member, {"message": vector}, "message"),
            ("POST", "/api/v1/groups", moderator, {"name": vector}, "name"),
            ("POST", "/api/v1/groups", moderator, {"name": "n", "description": vector}, "description"),
            ("POST", "/api/v1/moderation/rules", moderator, {"pattern": vector, "action": "flag"}, "pattern"),
            (
                "POST",
                "/api/v1/moderation/rules",
                moderator,
                {"pattern": "p", "action": "flag", "note": vector},
                "note",
            ),
            ("POST", f"/api/v1/moderation/queue/{item_id}/reject", moderator, {"reason": vector}, "reason"),
            ("GET", f"/api/v1/stories?industry={quote(vector)}", member, None, "industry"),
            ("GET", f"/api/v1/moderation/rules?q={quote(vector)}", moderator, None, "q"),
        ]
        for method, url, who, body, field in calls:
            resp = client.open(url, method=method, json=body, headers=who.headers if who else {})
            assert resp.status_code == 422, (url, field, resp.status_code)
            assert field in resp.get_json()["error"]["fields"], (url, field, resp.get_json())
    basic = {"Authorization": "Basic " + base64.b64encode(b"a\x00@example.org:pw").decode()}
    assert client.post("/api/v1/tokens", headers=basic).status_code == 422

    _sign_in(client, member)
    form = {"title": WITH_NUL[0], "body": "b", "stage": "other", "industry": "Software"}
    resp = client.post("/stories/new", data={**form, "lessons-0-category": "answers", "lessons-0-text": "x"})
    assert resp.status_code == 422 and resp.mimetype == "text/html"
    assert db.session.scalar(db.select(db.func.count(Story.id))) == 1
    assert db.session.scalar(db.select(ReviewItem.resolved_at)) is None
