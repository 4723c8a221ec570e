"""Content notes: the author names what a story touches on, and every list shows it closed behind that note
until the reader opens it, unless the reader chose to see such stories open."""

from __future__ import annotations

import re

import pytest

from community.extensions import db
from community.stories.models import Story
from tests.helpers import signed_in_client

NOTED = "A hard week after the final round"
PLAIN = "Froze on the salary question"


def _details_around(html: str, text: str) -> str | None:
    """The <details class="content-note"> element whose inside holds `text`, or None."""
    for match in re.finditer(r'<details class="content-note">(.*?)</details>', html, re.S):
        if text in match.group(1):
            return match.group(1)
    return None


@pytest.fixture
def noted(client, member, publish):
    noted_id = publish(
        member,
        title=NOTED,
        body="Some nights were dark. Reaching out helped me most.",
        content_notes=["suicide", "self_harm"],
    )
    plain_id = publish(member, title=PLAIN)
    return noted_id, plain_id


def test_the_api_keeps_the_notes_in_their_order_and_refuses_unknown_ones(client, member, noted):
    noted_id, plain_id = noted
    story = client.get(f"/api/v1/stories/{noted_id}").get_json()
    assert story["content_notes"] == ["self_harm", "suicide"]
    # Present only where there are notes: a story without them keeps the shape it always had.
    assert "content_notes" not in client.get(f"/api/v1/stories/{plain_id}").get_json()
    listed = {s["id"]: s.get("content_notes") for s in client.get("/api/v1/stories").get_json()["items"]}
    assert listed == {noted_id: ["self_harm", "suicide"], plain_id: None}

    from tests.factories import story_payload

    bad = client.post(
        "/api/v1/stories", headers=member.headers, json=story_payload(content_notes=["gore", "abuse"])
    )
    assert bad.status_code == 422 and "content_notes" in str(bad.get_json()["error"]["fields"])
    count = db.session.query(Story).count()
    assert count == 2  # nothing stored


def test_lists_and_the_story_page_show_a_noted_story_closed(app, client, member, noted, make_member):
    noted_id, plain_id = noted
    for html in (client.get("/").get_data(as_text=True), client.get(f"/stories/{noted_id}").get_data(True)):
        inside = _details_around(html, "Reaching out helped me most")
        assert inside is not None, "the noted story is not behind its note"
        assert "Content note: self-harm, suicide" in inside and "Show story" in inside
        assert '<details class="content-note" open' not in html
        assert NOTED in html  # the title stays readable
    feed = client.get("/").get_data(as_text=True)
    assert _details_around(feed, PLAIN) is None  # a story without notes is shown as always

    # Search results too.
    found = client.get("/search?q=reaching").get_data(as_text=True)
    assert _details_around(found, "helped") is not None


def test_the_preference_opens_them_for_that_reader_only(app, client, member, noted, make_member):
    noted_id, _ = noted
    reader = make_member()
    resp = client.put("/api/v1/me/preferences", headers=reader.headers, json={"show_content_notes": True})
    assert resp.status_code == 200
    bad = client.put("/api/v1/me/preferences", headers=reader.headers, json={"show_content_notes": "yes"})
    assert bad.status_code == 422

    web = signed_in_client(app, reader)
    for path in ("/", f"/stories/{noted_id}", "/search?q=reaching"):
        html = web.get(path).get_data(as_text=True)
        assert "Reaching out helped me most" in html or "helped" in html
        assert _details_around(html, "helped") is None, path
        assert "Content note: self-harm, suicide" in html  # still named, just open
    # Everyone else still sees it closed, including visitors served from the cache.
    assert _details_around(client.get("/").get_data(as_text=True), "Reaching out") is not None
    other = signed_in_client(app, make_member())
    assert _details_around(other.get("/").get_data(as_text=True), "Reaching out") is not None

    # The settings page sets it too.
    page = web.get("/settings").get_data(as_text=True)
    assert 'name="show_content_notes"' in page
    [box] = re.findall(r'<input[^>]*name="show_content_notes"[^>]*>', page)
    assert "checked" in box
    saved = web.post("/settings", data={"digest": "weekly", "industries": ""})
    assert saved.status_code == 302
    assert _details_around(web.get("/").get_data(as_text=True), "Reaching out") is not None


def test_the_story_form_offers_the_notes(app, member, run_jobs, client):
    web = signed_in_client(app, member)
    form = web.get("/stories/new").get_data(as_text=True)
    assert form.count('name="content_notes"') == 5
    resp = web.post(
        "/stories/new",
        data={
            "title": "Abuse at my last job made interviews hard",
            "body": "It shaped how I answer questions about leaving.",
            "stage": "onsite",
            "industry": "Retail",
            "content_notes": ["abuse"],
            "lessons-0-category": "mindset",
            "lessons-0-text": "I can say 'it was not the right place' and stop there.",
        },
    )
    assert resp.status_code == 302, resp.get_data(as_text=True)
    run_jobs()
    [story] = client.get("/api/v1/stories").get_json()["items"]
    assert story["content_notes"] == ["abuse"]


def test_a_crisis_hold_is_published_with_notes_unless_the_moderator_unticks_them(
    app, client, member, moderator, post_story, run_jobs, runner
):
    assert runner.invoke(args=["moderation", "install-defaults"]).exit_code == 0
    kept = post_story(member, title="Some nights", body="Last month I wanted to kill myself. I am safer now.")
    unticked = post_story(member, title="Other nights", body="I wanted to kill myself after that call.")
    run_jobs()
    queue = client.get("/api/v1/moderation/queue", headers=moderator.headers).get_json()["items"]
    items = {i["target_id"]: i for i in queue if i["kind"] == "story"}
    assert items[kept]["priority"] == "urgent" and items[unticked]["priority"] == "urgent"

    # From the queue (or the API): the crisis notes by default.
    resp = client.post(f"/api/v1/moderation/queue/{items[kept]['id']}/approve", headers=moderator.headers)
    assert resp.status_code == 200
    assert client.get(f"/api/v1/stories/{kept}").get_json()["content_notes"] == ["self_harm", "suicide"]

    # The item page offers them ticked; the moderator keeps only one.
    web = signed_in_client(app, moderator)
    page = web.get(f"/moderation/items/story/{unticked}").get_data(as_text=True)
    assert re.search(r'value="self_harm" checked', page) and re.search(r'value="suicide" checked', page)
    resp = web.post(
        f"/moderation/items/story/{unticked}",
        data={"decision": "approve", "notes_offered": "1", "content_notes": ["suicide"]},
    )
    assert resp.status_code == 302
    assert client.get(f"/api/v1/stories/{unticked}").get_json()["content_notes"] == ["suicide"]


def test_the_digest_names_the_note_and_leaves_the_storys_words_out(
    client, member, make_member, mailbox, runner
):
    from datetime import timedelta

    from community.digest.compose import last_complete_week
    from community.models import utcnow

    when = utcnow() - timedelta(days=7)
    week = last_complete_week(when + timedelta(days=7))
    for title, notes, lesson in (
        (NOTED, ["suicide"], "Call someone before the night gets long."),
        (PLAIN, [], "Practise the salary answer out loud."),
    ):
        story_id = client.post(
            "/api/v1/stories",
            headers=member.headers,
            json={
                "title": title,
                "body": "What happened.",
                "lessons": [{"category": "mindset", "text": lesson}],
                "stage": "onsite",
                "industry": "Software",
                "content_notes": notes,
            },
        ).get_json()["id"]
        db.session.execute(
            Story.__table__.update()
            .where(Story.id == story_id)
            .values(status="published", published_at=when, body_html="<p>What happened.</p>")
        )
    db.session.commit()
    reader = make_member()
    result = runner.invoke(args=["digest", "send", "--week", week])
    assert result.exit_code == 0, result.output
    [mail] = mailbox.to(reader.email)
    for part in ("plain", "html"):
        text = mail.get_body((part,)).get_content()
        assert NOTED in text and PLAIN in text
        assert "Content note: suicide" in text
        assert "Call someone before the night gets long." not in text
        assert "Practise the salary answer out loud." in text
    page = client.get(f"/api/v1/me/digest?week={week}", headers=reader.headers).get_json()
    assert {s["title"]: s.get("content_notes") for s in page["stories"]} == {NOTED: ["suicide"], PLAIN: None}
