"""Every field that reaches a page as HTML goes through the one sanitizer; plain fields are escaped.

Each payload is pushed through each HTML field the way it is really produced (moderation for stories,
lessons and replies; the groups and mentorship services for group descriptions and mentor bios), then the
result is parsed and held to the allowlist: known tags only, no event handlers, links only to web or mail
addresses.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from community.extensions import db
from community.groups import services as groups
from community.mentorship import services as mentorship
from community.moderation.sanitize import ALLOWED_TAGS, render_markdown
from community.moderation.services import moderate_item
from community.stories.models import Lesson, Reply, Story

PAYLOADS = {
    "script tag": "<script>alert(1)</script>",
    "script in markdown": "Hello\n\n<script type='text/javascript'>alert(document.cookie)</script>\n\nbye",
    "img onerror": '<img src=x onerror="alert(1)">',
    "markdown image onerror": '![x" onerror="alert(1)](x)',
    "javascript link": "[click me](javascript:alert(1))",
    "javascript link with entities": "[click me](&#106;avascript&#58;alert(1))",
    "javascript link with named entity": "[click me](javascript&colon;alert(1))",
    "javascript link with whitespace": "[click me](<java\tscript:alert(1)>)",
    "javascript autolink": "<javascript:alert(1)>",
    "raw javascript anchor": '<a href=" &#14;javascript:alert(1)">x</a>',
    "data url link": "[see](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data url image": "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "svg onload": "<svg onload=alert(1)><circle r=10 /></svg>",
    "broken nested script": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "broken nested img": "<<img src=x onerror=alert(1)>img src=x onerror=alert(1)>",
    "unclosed attribute": '<a href="https://example.org" <b onmouseover=alert(1)>>hi</a>',
    "style and iframe": "<style>body{display:none}</style><iframe src=https://evil.example></iframe>",
}
SAFE_SCHEMES = {"http", "https", "mailto"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_safe(html: str, name: str = "") -> None:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    for tag, attrs in collector.tags:
        assert tag in ALLOWED_TAGS, f"{name}: <{tag}> survived in {html!r}"
        assert not [a for a in attrs if a.startswith("on")], f"{name}: event handler survived in {html!r}"
        assert set(attrs) <= ({"href", "rel"} if tag == "a" else set()), (
            f"{name}: attributes {attrs} in {html!r}"
        )
        href = attrs.get("href")
        if href is not None:
            # What a browser would make of it: control characters and white space dropped, any case.
            compact = "".join(ch for ch in href if ch > " ").lower()
            scheme = urlsplit(compact).scheme
            assert not scheme or scheme in SAFE_SCHEMES, f"{name}: unsafe link {href!r}"
            assert attrs.get("rel") == "nofollow ugc noopener"


def _safe_markup(html: str, name: str = "") -> None:
    """Markup is safe, and anything that looked like a tag is at most shown as text."""
    assert_safe(html, name)
    for marker in ("<script", "<svg", "<img", "<iframe", "<style"):
        assert marker not in html.lower(), (name, marker, html)


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_render_markdown_keeps_only_the_allowlist(payload):
    _safe_markup(render_markdown(payload))


def test_story_body_lessons_and_replies_are_sanitized_by_moderation(app, member):
    stories: dict[str, tuple[int, int]] = {}
    for name, payload in PAYLOADS.items():
        story = Story(
            author_id=member.id,
            title="A story",
            body=f"Before.\n\n{payload}\n\nAfter.",
            stage="technical",
            industry="Software",
            pseudonym="Quiet Wren",
            lessons=[Lesson(position=0, category="answers", text=payload)],
        )
        db.session.add(story)
        db.session.flush()
        reply = Reply(story_id=story.id, author_id=member.id, body=payload, pseudonym="Warm Finch")
        db.session.add(reply)
        db.session.flush()
        stories[name] = (story.id, reply.id)
    db.session.commit()

    for name, (story_id, reply_id) in stories.items():
        moderate_item("story", story_id)
        moderate_item("reply", reply_id)
        db.session.expire_all()
        story = db.session.get(Story, story_id)
        assert story.status == "published", name
        assert "Before." in story.body_html and "After." in story.body_html, name
        for html in (story.body_html, story.lessons[0].text_html, db.session.get(Reply, reply_id).body_html):
            _safe_markup(html, name)


def test_group_descriptions_and_mentor_bios_are_sanitized(app, member):
    for name, payload in PAYLOADS.items():
        group = groups.create_group(f"Final rounds {name}", payload, "public", created_by_id=None)
        _safe_markup(group.description_html, name)
        profile = mentorship.volunteer(
            member.id,
            "Engineering manager",
            payload,
            expertise=["answers"],
            industries=["Software"],
            capacity=1,
        )
        _safe_markup(profile.bio_html, name)


def test_safe_links_keep_working_and_are_marked_as_user_content():
    html = render_markdown("[my notes](https://example.org/notes) and <https://example.org/x>")
    assert_safe(html)
    assert html.count('rel="nofollow ugc noopener"') == 2
    assert 'href="https://example.org/notes"' in html


TITLE = "<script>alert(1)</script> & <b>bold</b>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"


def _published_story_with_script_title(client, member, run_jobs) -> int:
    resp = client.post(
        "/api/v1/stories",
        headers=member.headers,
        json={
            "title": TITLE,
            "body": "Body.",
            "lessons": [{"category": "other", "text": "A lesson."}],
            "stage": "other",
            "industry": "<i>Software</i>",
        },
    )
    assert resp.status_code == 202
    run_jobs()
    return resp.get_json()["id"]


def test_titles_and_plain_fields_are_escaped_on_pages(client, member, moderator, run_jobs):
    story_id = _published_story_with_script_title(client, member, run_jobs)
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["title"] == TITLE

    pages = [f"/stories/{story_id}", "/"]
    html_by_page = {path: client.get(path).get_data(as_text=True) for path in pages}
    client.post("/login", data={"email": moderator.email, "password": moderator.password})
    html_by_page["moderation item"] = client.get(f"/moderation/items/story/{story_id}").get_data(as_text=True)
    for where, html in html_by_page.items():
        assert ESCAPED in html, where
        assert "<script>alert(1)" not in html, where
        assert "<i>Software</i>" not in html, where


@pytest.mark.browser
def test_no_script_runs_from_a_title_in_the_browser(client, page, login, member, moderator, rules, run_jobs):
    story_id = _published_story_with_script_title(client, member, run_jobs)
    page.goto(f"/stories/{story_id}")
    assert page.get_by_role("heading", level=1).inner_text().startswith("<script>alert(1)</script>")
    login(moderator)
    page.goto(f"/moderation/items/story/{story_id}")
    assert "<script>alert(1)</script>" in page.locator("article.moderated-post h2").inner_text()
    # The page fixture fails the test if any alert() dialog opened.
