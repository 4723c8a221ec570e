"""Replies get the same care as stories: reports on the trusted-reporter rule, through the review queue, and
nothing in any answer tells a reader who wrote a reply."""

from __future__ import annotations

import pytest


@pytest.fixture
def thread(client, member, make_member, publish, run_jobs):
    """A published story by `member` with one published reply by another member; (story, reply, writer)."""
    story_id = publish(member)
    writer = make_member()
    reply_id = client.post(
        f"/api/v1/stories/{story_id}/replies", headers=writer.headers, json={"body": "You deserved better."}
    ).get_json()["id"]
    run_jobs()
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["reply_count"] == 1
    return story_id, reply_id, writer


def _queue(client, moderator) -> list[dict]:
    return client.get("/api/v1/moderation/queue", headers=moderator.headers).get_json()["items"]


def test_three_established_reporters_hold_a_reply_and_the_queue_shows_it(
    client, thread, make_member, moderator
):
    story_id, reply_id, _ = thread
    url = f"/api/v1/replies/{reply_id}/reports"
    reporters = [make_member(established=True) for _ in range(3)]
    assert client.post(url, headers=reporters[0].headers, json={"reason": "Cruel"}).status_code == 202
    # A second report by the same member is accepted and counts once.
    assert client.post(url, headers=reporters[0].headers, json={"reason": "Cruel"}).status_code == 202
    assert client.post(url, headers=reporters[1].headers, json={"reason": "Mocking"}).status_code == 202
    assert client.get(f"/api/v1/stories/{story_id}/replies").get_json()["total"] == 1
    assert client.post(url, headers=reporters[2].headers, json={"reason": "Hurtful"}).status_code == 202

    # Held: out of the thread and the count, everywhere at once.
    assert client.get(f"/api/v1/stories/{story_id}/replies").get_json()["total"] == 0
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["reply_count"] == 0
    assert client.get("/api/v1/stories").get_json()["items"][0]["reply_count"] == 0
    [item] = [i for i in _queue(client, moderator) if i["kind"] == "reply"]
    assert item["target_id"] == reply_id
    assert "You deserved better." in item["excerpt"]
    assert "Cruel" in item["reason"] and "Mocking" in item["reason"] and "Hurtful" in item["reason"]

    # A moderator puts it back; more reports do not take it down a second time.
    assert (
        client.post(f"/api/v1/moderation/queue/{item['id']}/approve", headers=moderator.headers).status_code
        == 200
    )
    assert client.get(f"/api/v1/stories/{story_id}/replies").get_json()["total"] == 1
    fourth = make_member(established=True)
    assert client.post(url, headers=fourth.headers, json={"reason": "Still cruel"}).status_code == 202
    assert client.get(f"/api/v1/stories/{story_id}/replies").get_json()["total"] == 1


def test_new_members_reports_only_ask_for_a_look(client, thread, make_member, moderator):
    story_id, reply_id, _ = thread
    for _ in range(3):
        newcomer = make_member()
        resp = client.post(
            f"/api/v1/replies/{reply_id}/reports", headers=newcomer.headers, json={"reason": "Rude"}
        )
        assert resp.status_code == 202
    assert client.get(f"/api/v1/stories/{story_id}/replies").get_json()["total"] == 1
    [item] = [i for i in _queue(client, moderator) if i["kind"] == "reply"]
    assert item["target_id"] == reply_id and "Reported by 3 members" in item["reason"]


def test_bad_reports_are_clear_errors(client, thread, member):
    _, reply_id, writer = thread
    url = f"/api/v1/replies/{reply_id}/reports"
    own = client.post(url, headers=writer.headers, json={"reason": "Mine"})
    assert own.status_code == 422 and "your own" in own.get_json()["error"]["fields"]["reply"]
    blank = client.post(url, headers=member.headers, json={"reason": "   "})
    assert blank.status_code == 422 and "reason" in blank.get_json()["error"]["fields"]
    assert client.post(url, json={"reason": "Rude"}).status_code == 401
    missing = client.post("/api/v1/replies/987654/reports", headers=member.headers, json={"reason": "Rude"})
    assert missing.status_code == 404


def test_a_reply_in_a_private_group_cannot_be_reported_from_outside(
    client, make_member, make_group, post_story, run_jobs
):
    insider, outsider = make_member(), make_member()
    group = make_group("Quiet circle", "private", members=[insider])
    story_id = post_story(insider, group_id=group.id)
    run_jobs()
    reply_id = client.post(
        f"/api/v1/stories/{story_id}/replies", headers=insider.headers, json={"body": "Note to self."}
    ).get_json()["id"]
    run_jobs()
    resp = client.post(f"/api/v1/replies/{reply_id}/reports", headers=outsider.headers, json={"reason": "x"})
    assert resp.status_code == 404


def test_the_page_offers_a_report_form_on_others_replies(app, client, thread, member, make_member, moderator):
    story_id, reply_id, writer = thread
    as_reader = app.test_client()
    as_reader.post("/login", data={"email": member.email, "password": member.password})
    as_writer = app.test_client()
    as_writer.post("/login", data={"email": writer.email, "password": writer.password})
    assert "Report this reply" in as_reader.get(f"/stories/{story_id}").get_data(as_text=True)
    # Nobody is offered to report their own reply (and the page does not say whose it is to anyone else).
    assert "Report this reply" not in as_writer.get(f"/stories/{story_id}").get_data(as_text=True)

    empty = as_reader.post(f"/replies/{reply_id}/report", data={"story_id": story_id, "reason": ""})
    assert empty.status_code == 422
    assert "Add a reason." in empty.get_data(as_text=True)
    sent = as_reader.post(f"/replies/{reply_id}/report", data={"story_id": story_id, "reason": "Unkind"})
    assert sent.status_code == 302 and sent.headers["Location"].endswith(f"/stories/{story_id}#replies")
    [item] = [i for i in _queue(client, moderator) if i["kind"] == "reply"]
    assert "Unkind" in item["reason"]


def test_a_reported_reply_its_author_deletes_stays_for_the_moderator(client, thread, make_member, moderator):
    story_id, reply_id, writer = thread
    reporter = make_member(established=True)
    client.post(f"/api/v1/replies/{reply_id}/reports", headers=reporter.headers, json={"reason": "Rude"})
    assert client.delete(f"/api/v1/replies/{reply_id}", headers=writer.headers).status_code == 204
    assert client.get(f"/api/v1/stories/{story_id}/replies").get_json()["total"] == 0
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["reply_count"] == 0
    [item] = [i for i in _queue(client, moderator) if i["kind"] == "reply"]
    assert item["target_id"] == reply_id and "You deserved better." in item["excerpt"]


def test_deleting_a_reply_nobody_reported_takes_it_away_for_good(client, thread, moderator):
    story_id, reply_id, writer = thread
    assert client.delete(f"/api/v1/replies/{reply_id}", headers=writer.headers).status_code == 204
    assert client.delete(f"/api/v1/replies/{reply_id}", headers=moderator.headers).status_code == 404


def test_no_answer_tells_a_reader_whether_two_replies_share_an_author(
    client, publish, member, make_member, run_jobs
):
    """The reason there is no mute: whatever a reader does with a reply, the answer is the same whoever wrote
    it, so two replies of one writer look like two replies of two."""
    story_id = publish(member)
    same, other, reader = make_member(), make_member(), make_member()
    ids = [
        client.post(
            f"/api/v1/stories/{story_id}/replies", headers=who.headers, json={"body": f"Keep going, {n}."}
        ).get_json()["id"]
        for n, who in enumerate((same, same, other))
    ]
    run_jobs()
    listed = client.get(f"/api/v1/stories/{story_id}/replies", headers=reader.headers).get_json()["items"]
    assert [r["id"] for r in listed] == ids
    for reply in listed:
        assert set(reply) == {"id", "body_html", "pseudonym", "is_author", "created_at"}
        assert reply["is_author"] is False
    assert len({r["created_at"] for r in listed}) == 1  # rounded to the hour: no timing pattern either

    def answers(reply_id: int) -> tuple:
        delete = client.delete(f"/api/v1/replies/{reply_id}", headers=reader.headers)
        report = client.post(
            f"/api/v1/replies/{reply_id}/reports", headers=reader.headers, json={"reason": "Testing"}
        )
        again = client.post(
            f"/api/v1/replies/{reply_id}/reports", headers=reader.headers, json={"reason": "Testing"}
        )
        return delete.status_code, delete.get_json(), report.status_code, report.get_json(), again.status_code

    first, second, third = (answers(reply_id) for reply_id in ids)
    assert first == second == third
    assert first[0] == 403 and first[2] == 202
