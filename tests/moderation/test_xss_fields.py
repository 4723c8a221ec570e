"""Every field that reaches a page as HTML goes through the one sanitizer; plain fields are escaped.

Each payload is pushed through each HTML field the way it is really produced (moderation for stories,
lessons and replies; the groups and mentorship services for group descriptions and mentor bios), then the
result is parsed and held to the allowlist: known tags only, no event handlers, links only to web or mail
addresses.
"""

from __future__ import annotations

import pytest

from community.extensions import db
from community.groups import services as groups
from community.mentorship import volunteering
from community.moderation.sanitize import render_markdown
from community.moderation.services import moderate_item
from community.stories.models import Reply, Story
from tests.factories import make_reply, make_story
from tests.helpers import assert_safe_markup

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


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_render_markdown_keeps_only_the_allowlist(payload):
    assert_safe_markup(render_markdown(payload))


def test_story_body_lessons_and_replies_are_sanitized_by_moderation(app, member):
    stories: dict[str, tuple[int, int]] = {}
    for name, payload in PAYLOADS.items():
        story = make_story(
            member,
            "A story",
            status="pending",
            body=f"Before.\n\n{payload}\n\nAfter.",
            stage="technical",
            pseudonym="Quiet Wren",
            lessons=[("answers", payload)],
        )
        reply = make_reply(story, member, payload, status="pending", pseudonym="Warm Finch")
        stories[name] = (story.id, reply.id)

    for name, (story_id, reply_id) in stories.items():
        moderate_item("story", story_id)
        moderate_item("reply", reply_id)
        db.session.expire_all()
        story = db.session.get(Story, story_id)
        assert story.status == "published", name
        assert "Before." in story.body_html and "After." in story.body_html, name
        for html in (story.body_html, story.lessons[0].text_html, db.session.get(Reply, reply_id).body_html):
            assert_safe_markup(html, name)


def test_group_descriptions_and_mentor_bios_are_sanitized(app, member):
    for name, payload in PAYLOADS.items():
        group = groups.create_group(f"Final rounds {name}", payload, "public", created_by_id=None)
        assert_safe_markup(group.description_html, name)
        profile = volunteering.volunteer(
            member.id,
            "Engineering manager",
            payload,
            expertise=["answers"],
            industries=["Software"],
            capacity=1,
        )
        assert_safe_markup(profile.bio_html, name)


def test_safe_links_keep_working_and_are_marked_as_user_content():
    html = render_markdown("[my notes](https://example.org/notes) and <https://example.org/x>")
    assert_safe_markup(html)
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
