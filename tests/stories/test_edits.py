"""Authors edit their stories and replies: each edit moderated like a new post, readers keeping the published
version until it is decided, and for good when it is held or rejected."""

from __future__ import annotations

import pytest

from community.extensions import db
from community.moderation import keyword_rules
from community.review.models import ModerationDecision, ReviewItem
from community.stories.models import PostEdit
from tests.helpers import sign_in

CRISIS = "Honestly I just want to end my life after this one."


@pytest.fixture(autouse=True)
def rules(app):
    keyword_rules.add_rule("end my life", "crisis", "Crisis language")
    keyword_rules.add_rule("nigger*", "block", "A slur")


def _mine(client, who, story_id: int) -> dict:
    items = client.get("/api/v1/me/stories", headers=who.headers).get_json()["items"]
    return next(item for item in items if item["id"] == story_id)


def _public(client, story_id: int) -> dict:
    return client.get(f"/api/v1/stories/{story_id}").get_json()


def test_an_edit_is_moderated_and_readers_keep_the_old_version_until_it_is_published(
    client, member, publish, run_jobs, mailbox
):
    story_id = publish(member)
    assert _mine(client, member, story_id)["edit_status"] is None

    resp = client.patch(
        f"/api/v1/stories/{story_id}",
        headers=member.headers,
        json={
            "title": "Final round, second try",
            "lessons": [{"category": "mindset", "text": "Rest first."}],
        },
    )
    assert resp.status_code == 202, resp.get_json()
    assert resp.get_json() == {"id": story_id, "status": "published", "edit_status": "pending"}
    assert _mine(client, member, story_id)["edit_status"] == "pending"
    before = _public(client, story_id)
    assert before["title"] == "Final round at a fintech, and what I would do differently"
    assert len(before["lessons"]) == 2

    run_jobs()
    after = _public(client, story_id)
    assert after["title"] == "Final round, second try"
    assert [lesson["text"] for lesson in after["lessons"]] == ["Rest first."]
    assert after["body_html"] == before["body_html"], "fields left out stay as they were"
    assert after["pseudonym"] == before["pseudonym"]
    assert _mine(client, member, story_id)["edit_status"] == "published"
    notes = client.get("/api/v1/me/notifications", headers=member.headers).get_json()["items"]
    assert any("edit" in n["text"] and "published" in n["text"] for n in notes)


def test_a_held_edit_leaves_the_published_version_and_a_moderator_sees_both(
    client, member, moderator, publish, run_jobs
):
    story_id = publish(member)
    resp = client.patch(f"/api/v1/stories/{story_id}", headers=member.headers, json={"body": CRISIS})
    assert resp.status_code == 202
    run_jobs()
    assert _public(client, story_id)["body_html"].startswith("<p>I made it to the")
    mine = _mine(client, member, story_id)
    assert mine["edit_status"] == "held" and mine["status"] == "published"
    assert mine["moderation"]["resources"], "a crisis in an edit shows the author support at once"

    (item,) = db.session.query(ReviewItem).filter(ReviewItem.resolved_at.is_(None)).all()
    assert item.priority == "urgent" and item.edit_id is not None

    resp = client.post(
        f"/api/v1/moderation/queue/{item.id}/reject",
        headers=moderator.headers,
        json={"reason": "Let's talk first; we wrote to you."},
    )
    assert resp.status_code in (200, 204), resp.get_json()
    assert _public(client, story_id)["body_html"].startswith("<p>I made it to the"), (
        "the post stays published"
    )
    assert _mine(client, member, story_id)["edit_status"] == "rejected"
    assert _mine(client, member, story_id)["status"] == "published"


def test_approving_a_held_edit_publishes_it(client, member, moderator, publish, run_jobs):
    story_id = publish(member)
    client.patch(
        f"/api/v1/stories/{story_id}", headers=member.headers, json={"title": "Still " + CRISIS[:40]}
    )
    client.patch(f"/api/v1/stories/{story_id}", headers=member.headers, json={"body": CRISIS})
    run_jobs()
    (item,) = db.session.query(ReviewItem).filter(ReviewItem.resolved_at.is_(None)).all()
    resp = client.post(f"/api/v1/moderation/queue/{item.id}/approve", headers=moderator.headers, json={})
    assert resp.status_code in (200, 204), resp.get_json()
    after = _public(client, story_id)
    assert "end my life" in after["body_html"]
    assert after["content_notes"] == ["self_harm", "suicide"], "published behind a note, as a held story is"
    assert _mine(client, member, story_id)["edit_status"] == "published"
    statuses = [e.status for e in db.session.query(PostEdit).order_by(PostEdit.id)]
    assert statuses == ["replaced", "published"], "only the latest version can be published"


def test_a_pending_story_is_edited_in_place_and_decided_with_it(client, member, post_story, run_jobs):
    story_id = post_story(member)
    resp = client.patch(f"/api/v1/stories/{story_id}", headers=member.headers, json={"title": "Fixed a typo"})
    assert resp.status_code == 202 and resp.get_json()["status"] == "pending"
    run_jobs()
    assert _public(client, story_id)["title"] == "Fixed a typo"
    assert _mine(client, member, story_id)["edit_status"] == "published"
    automatic = db.session.query(ModerationDecision).filter_by(kind="story", target_id=story_id).count()
    assert automatic == 1, "one decision, on the text as it was when read"


def test_only_the_author_edits_and_bad_edits_are_refused_with_nothing_lost(
    client, member, make_member, publish, run_jobs
):
    story_id = publish(member)
    other = make_member()
    resp = client.patch(f"/api/v1/stories/{story_id}", headers=other.headers, json={"title": "Mine now"})
    assert resp.status_code == 403
    assert client.patch(f"/api/v1/stories/{story_id}", json={"title": "x"}).status_code == 401
    assert (
        client.patch("/api/v1/stories/999999", headers=member.headers, json={"title": "x"}).status_code == 404
    )
    for bad, field in (
        ({}, "body"),
        ({"title": ""}, "title"),
        ({"stage": "lunch"}, "stage"),
        ({"lessons": []}, "lessons"),
        ({"group_id": 3}, "group_id"),
        ({"share_company": None}, "share_company"),
    ):
        resp = client.patch(f"/api/v1/stories/{story_id}", headers=member.headers, json=bad)
        assert resp.status_code == 422, (bad, resp.get_json())
        assert field in resp.get_json()["error"]["fields"], (bad, resp.get_json())
    resp = client.patch(
        f"/api/v1/stories/{story_id}", headers=member.headers, data="{", content_type="application/json"
    )
    assert resp.status_code in (400, 422)
    assert db.session.query(PostEdit).count() == 0
    assert _public(client, story_id)["title"].startswith("Final round at a fintech")


def test_a_reply_is_edited_the_same_way(client, member, make_member, publish, run_jobs):
    story_id = publish(member)
    other = make_member()
    reply_id = client.post(
        f"/api/v1/stories/{story_id}/replies", headers=other.headers, json={"body": "Hang in there."}
    ).get_json()["id"]
    run_jobs()
    assert (
        client.patch(f"/api/v1/replies/{reply_id}", headers=member.headers, json={"body": "x"}).status_code
        == 403
    )
    assert (
        client.patch("/api/v1/replies/999999", headers=other.headers, json={"body": "x"}).status_code == 404
    )
    resp = client.patch(
        f"/api/v1/replies/{reply_id}", headers=other.headers, json={"body": "Hang in there, truly."}
    )
    assert resp.status_code == 202
    replies = client.get(f"/api/v1/stories/{story_id}/replies").get_json()["items"]
    assert replies[0]["body_html"].strip() == "<p>Hang in there.</p>"
    run_jobs()
    replies = client.get(f"/api/v1/stories/{story_id}/replies").get_json()["items"]
    assert replies[0]["body_html"].strip() == "<p>Hang in there, truly.</p>"


def test_a_rejected_story_is_not_edited_but_appealed(client, member, publish, run_jobs):
    story_id = publish(member, body="You nigger of a recruiter.")
    assert _mine(client, member, story_id)["status"] == "rejected"
    resp = client.patch(f"/api/v1/stories/{story_id}", headers=member.headers, json={"body": "Fine now."})
    assert resp.status_code == 409


def test_the_edit_page_is_the_story_form_filled_in(app, client, member, moderator, publish, run_jobs):
    story_id = publish(member)
    sign_in(client, member)
    mine = client.get("/me/stories").get_data(as_text=True)
    assert f"/me/stories/{story_id}/edit" in mine

    form = client.get(f"/me/stories/{story_id}/edit").get_data(as_text=True)
    assert "Edit your story" in form
    assert 'value="Final round at a fintech, and what I would do differently"' in form
    assert "Practice system design out loud" in form
    assert "Share with" not in form, "a story stays in the group it was posted to"

    resp = client.post(
        f"/me/stories/{story_id}/edit",
        data={
            "title": "Final round, what I'd change",
            "body": CRISIS,
            "stage": "final_round",
            "industry": "Software",
            "lessons-0-category": "mindset",
            "lessons-0-text": "Sleep before the onsite.",
        },
    )
    assert resp.status_code == 302
    assert "readers see the story as it was" in client.get("/me/stories").get_data(as_text=True)
    run_jobs()
    page = client.get("/me/stories").get_data(as_text=True)
    assert "Your latest edit is waiting for a moderator" in page
    assert "Final round at a fintech" in client.get(f"/stories/{story_id}").get_data(as_text=True)

    # The moderator sees the published version and the edit, as written, on the item page.
    moderator_client = app.test_client()
    sign_in(moderator_client, moderator)
    item = moderator_client.get(f"/moderation/items/story/{story_id}").get_data(as_text=True)
    assert (
        "Versions" in item
        and "Final round, what I&#39;d change" in item
        and "Sleep before the onsite." in item
    )
    assert "The edit this item is about" in item

    # A blank title is refused on the form, with what was typed kept.
    resp = client.post(
        f"/me/stories/{story_id}/edit",
        data={"title": "", "body": "Kept text", "stage": "final_round", "industry": "Software",
              "lessons-0-category": "mindset", "lessons-0-text": "Kept lesson"},
    )  # fmt: skip
    assert resp.status_code == 422
    assert "Kept text" in resp.get_data(as_text=True) and "Kept lesson" in resp.get_data(as_text=True)

    other = app.test_client()
    sign_in(other, moderator)
    assert other.get(f"/me/stories/{story_id}/edit").status_code == 403


def test_a_reply_is_edited_from_its_story_page(client, member, make_member, publish, run_jobs):
    story_id = publish(member)
    writer = make_member()
    reply_id = client.post(
        f"/api/v1/stories/{story_id}/replies", headers=writer.headers, json={"body": "You will get there."}
    ).get_json()["id"]
    run_jobs()
    sign_in(client, writer)
    assert f"/replies/{reply_id}/edit" in client.get(f"/stories/{story_id}").get_data(as_text=True)
    assert "You will get there." in client.get(f"/replies/{reply_id}/edit").get_data(as_text=True)
    assert (
        client.post(f"/replies/{reply_id}/edit", data={"body": "You will get there, I'm sure."}).status_code
        == 302
    )
    run_jobs()
    assert "get there, I" in client.get(f"/stories/{story_id}").get_data(as_text=True)
    assert client.post(f"/replies/{reply_id}/edit", data={"body": "  "}).status_code == 422


def test_the_visitors_cached_feed_shows_only_published_versions(client, member, publish, run_jobs):
    story_id = publish(member)

    def visitor_titles() -> list[str]:
        return [s["title"] for s in client.get("/api/v1/stories").get_json()["items"] if s["id"] == story_id]

    assert visitor_titles() == ["Final round at a fintech, and what I would do differently"]  # now cached
    client.patch(f"/api/v1/stories/{story_id}", headers=member.headers, json={"title": "Not checked yet"})
    assert visitor_titles() == ["Final round at a fintech, and what I would do differently"]
    client.patch(f"/api/v1/stories/{story_id}", headers=member.headers, json={"body": CRISIS})
    run_jobs()
    assert visitor_titles() == ["Final round at a fintech, and what I would do differently"], (
        "held: unchanged"
    )
    client.patch(f"/api/v1/stories/{story_id}", headers=member.headers, json={"title": "Checked and fine"})
    run_jobs()
    assert visitor_titles() == ["Checked and fine"], "a published edit leaves the cache at once"
    lessons = client.get("/api/v1/lessons").get_json()["items"]
    assert all("end my life" not in lesson["text"] for lesson in lessons)
