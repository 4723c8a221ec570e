from __future__ import annotations

import pytest
from sqlalchemy import func, select

from community.extensions import db
from community.stories.models import Lesson, Reaction, Reply, Story
from tests.factories import make_rule, story_payload

PUBLIC_KEYS = {
    "id",
    "title",
    "body_html",
    "lessons",
    "stage",
    "industry",
    "company",
    "group_id",
    "pseudonym",
    "published_at",
    "reactions",
    "reply_count",
}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_story_is_pending_until_the_worker_publishes_it(client, member, post_story, run_jobs):
    story_id = post_story(member)
    assert client.get(f"/api/v1/stories/{story_id}").status_code == 404
    assert client.get("/api/v1/stories").get_json()["total"] == 0
    # Its author can already read it.
    assert client.get(f"/api/v1/stories/{story_id}", headers=member.headers).status_code == 200

    run_jobs()

    story = client.get(f"/api/v1/stories/{story_id}").get_json()
    assert set(story) == PUBLIC_KEYS
    assert story["title"] == "Final round at a fintech, and what I would do differently"
    assert "<strong>final round</strong>" in story["body_html"]
    assert story["lessons"] == [
        {"category": "preparation", "text": "Practice system design out loud, not just in my head."},
        {"category": "follow_up", "text": "Send a short thank-you note the same day."},
    ]
    assert story["stage"] == "final_round" and story["industry"] == "Software"
    assert story["company"] is None and story["group_id"] is None
    assert story["reactions"] == {"me_too": 0, "helpful": 0, "strength": 0}
    assert story["reply_count"] == 0
    assert story["published_at"].endswith("Z")
    adjective, animal = story["pseudonym"].split()
    assert adjective.istitle() and animal.istitle()

    listed = client.get("/api/v1/stories").get_json()
    assert listed == {"items": [story], "page": 1, "pages": 1, "total": 1}


def test_posting_needs_a_member(client):
    assert client.post("/api/v1/stories", json=story_payload()).status_code == 401


LONG = "x" * 20_001


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "t" * 121}, "title"),
        ({"title": None}, "title"),
        ({"body": ""}, "body"),
        ({"body": LONG}, "body"),
        ({"lessons": []}, "lessons"),
        ({"lessons": "Prepare better"}, "lessons"),
        ({"lessons": [{"category": "skills", "text": "more"}] * 11}, "lessons"),
        ({"lessons": [{"category": "luck", "text": "Bad luck"}]}, "lessons.0.category"),
        ({"lessons": [{"category": "skills", "text": "   "}]}, "lessons.0.text"),
        ({"lessons": [{"category": "skills", "text": "y" * 501}]}, "lessons.0.text"),
        ({"lessons": ["Prepare better"]}, "lessons.0"),
        ({"stage": "coffee_chat"}, "stage"),
        ({"industry": " "}, "industry"),
        ({"industry": "i" * 61}, "industry"),
        ({"company": "c" * 101}, "company"),
        ({"group_id": 999}, "group_id"),
        ({"group_id": "my group"}, "group_id"),
    ],
)
def test_bad_input_is_422_naming_the_field_and_nothing_is_stored(client, member, overrides, field):
    resp = client.post("/api/v1/stories", headers=member.headers, json=story_payload(**overrides))
    assert resp.status_code == 422, resp.get_json()
    assert field in resp.get_json()["error"]["fields"]
    assert count(Story) == count(Lesson) == 0


def test_missing_fields_are_named(client, member):
    resp = client.post("/api/v1/stories", headers=member.headers, json={"title": "Only a title"})
    assert resp.status_code == 422
    assert {"body", "lessons", "stage", "industry"} <= set(resp.get_json()["error"]["fields"])


def test_a_group_one_has_not_joined_is_refused(client, member, make_member, make_group):
    other = make_member()
    group_id = make_group("Career changers", members=[other]).id
    resp = client.post("/api/v1/stories", headers=member.headers, json=story_payload(group_id=group_id))
    assert resp.status_code == 422 and "group_id" in resp.get_json()["error"]["fields"]
    assert count(Story) == 0


def test_body_is_sanitized_and_personal_data_scrubbed(client, member, publish):
    story_id = publish(
        member,
        body="<script>alert(1)</script> [click](javascript:alert(1)) mail me at sam@example.org",
    )
    html = client.get(f"/api/v1/stories/{story_id}").get_json()["body_html"]
    assert "<script" not in html and 'href="javascript' not in html
    assert "sam@example.org" not in html and "[email removed]" in html


def test_pseudonyms_differ_across_one_authors_posts(client, member, post_story, run_jobs):
    ids = [post_story(member, title=f"Story {n}") for n in range(6)]
    run_jobs()
    names = [client.get(f"/api/v1/stories/{i}").get_json()["pseudonym"] for i in ids]
    # Each post draws its name afresh from 1,600, so two may meet by chance (about one run in a
    # hundred); six posts under one name would happen once in 10^16 runs.
    assert len(set(names)) > 1


def test_company_is_shown_once_three_different_established_members_name_it(
    client, make_member, post_story, publish, run_jobs
):
    first, second, third = (make_member(established=True) for _ in range(3))
    a = post_story(first, share_company=True, company="Acme Corp")
    b = post_story(second, share_company=True, company="acme  corp")
    # The same member naming it again does not count twice.
    post_story(second, share_company=True, company="ACMECORP")
    post_story(second, share_company=True, company="Acme Corp")
    run_jobs()
    assert client.get(f"/api/v1/stories/{a}").get_json()["company"] is None
    assert all(item["company"] is None for item in client.get("/api/v1/stories").get_json()["items"])

    publish(third, share_company=True, company=" Acme corp ")
    assert client.get(f"/api/v1/stories/{a}").get_json()["company"] == "Acme Corp"
    assert client.get(f"/api/v1/stories/{b}").get_json()["company"] == "acme corp"
    companies = {item["company"] for item in client.get("/api/v1/stories").get_json()["items"]}
    assert None not in companies


def test_only_published_stories_count_towards_showing_a_company(
    client, make_member, publish, post_story, run_jobs
):
    first, second, third = (make_member(established=True) for _ in range(3))
    a = publish(first, share_company=True, company="Acme Corp")
    publish(second, share_company=True, company="Acme Corp")
    # A third member's story waiting for moderation names it too, but nobody can read that story yet.
    post_story(third, share_company=True, company="Acme Corp")
    assert client.get(f"/api/v1/stories/{a}").get_json()["company"] is None

    run_jobs()
    assert client.get(f"/api/v1/stories/{a}").get_json()["company"] == "Acme Corp"


def test_list_filters_and_pagination(client, member, post_story, run_jobs):
    post_story(member, stage="technical", industry="Healthcare")
    post_story(
        member,
        stage="onsite",
        industry="Software",
        lessons=[{"category": "mindset", "text": "Rest well the night before."}],
    )
    newest = post_story(member, stage="technical", industry="software")
    run_jobs()

    def ids(query: str) -> list[int]:
        resp = client.get(f"/api/v1/stories?{query}")
        assert resp.status_code == 200, resp.get_json()
        return [item["id"] for item in resp.get_json()["items"]]

    assert ids("")[0] == newest
    assert len(ids("stage=technical")) == 2
    assert len(ids("industry=SOFTWARE")) == 2
    assert len(ids("category=mindset")) == 1
    assert len(ids("stage=&industry=&category=&group_id=")) == 3
    page = client.get("/api/v1/stories?per_page=2&page=2").get_json()
    assert (page["page"], page["pages"], page["total"], len(page["items"])) == (2, 2, 3, 1)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("per_page=101", "per_page"),
        ("per_page=0", "per_page"),
        ("page=0", "page"),
        ("page=two", "page"),
        ("stage=lunch", "stage"),
        ("category=luck", "category"),
        ("group_id=abc", "group_id"),
    ],
)
def test_bad_list_parameters_are_422(client, query, field):
    resp = client.get(f"/api/v1/stories?{query}")
    assert resp.status_code == 422
    assert field in resp.get_json()["error"]["fields"]


def test_private_group_stories_are_for_members_and_moderators(
    client, member, make_member, moderator, make_group, post_story, run_jobs
):
    outsider = make_member()
    group_id = make_group("Night shift", visibility="private", members=[member]).id
    public_group = make_group("Everyone", members=[member]).id
    private_id = post_story(member, group_id=group_id, title="Only for the group")
    public_id = post_story(member, group_id=public_group, title="For all")
    run_jobs()

    for who in (None, outsider):
        headers = who.headers if who else {}
        assert client.get(f"/api/v1/stories/{private_id}", headers=headers).status_code == 404
        assert client.get(f"/api/v1/stories/{private_id}/replies", headers=headers).status_code == 404
        items = client.get("/api/v1/stories", headers=headers).get_json()["items"]
        assert [i["id"] for i in items] == [public_id]
        lessons = client.get("/api/v1/lessons", headers=headers).get_json()["items"]
        assert {lesson["story_id"] for lesson in lessons} == {public_id}
        assert client.get(f"/api/v1/stories?group_id={group_id}", headers=headers).get_json()["total"] == 0
    if outsider:
        resp = client.post(
            f"/api/v1/stories/{private_id}/reactions", headers=outsider.headers, json={"kind": "helpful"}
        )
        assert resp.status_code == 404

    for who in (member, moderator):
        assert client.get(f"/api/v1/stories/{private_id}", headers=who.headers).status_code == 200
        items = client.get(f"/api/v1/stories?group_id={group_id}", headers=who.headers).get_json()["items"]
        assert [i["id"] for i in items] == [private_id]


def test_my_stories_show_status_and_what_moderation_said(client, app, member, post_story, run_jobs):
    make_rule("give up on everything", "crisis", note="at risk")
    make_rule("scam*", "block", note="no")
    fine = post_story(member, title="A calm story")
    crisis = post_story(member, body="Some days I want to give up on everything.")
    blocked = post_story(member, body="What a scammer that recruiter was.")
    mine = {s["id"]: s for s in client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"]}
    assert {s["status"] for s in mine.values()} == {"pending"}

    run_jobs()

    resp = client.get("/api/v1/me/stories", headers=member.headers).get_json()
    assert resp["total"] == 3
    mine = {s["id"]: s for s in resp["items"]}
    assert set(mine[fine]) == PUBLIC_KEYS | {"status", "moderation", "edit_status"}
    assert mine[fine]["edit_status"] is None, "never edited"
    assert mine[fine]["status"] == "published"
    assert mine[fine]["moderation"]["resources"] is None
    assert mine[crisis]["status"] == "held"
    assert mine[crisis]["moderation"]["resources"] == app.config["CRISIS_RESOURCES"]
    assert mine[crisis]["moderation"]["reason"]
    assert mine[blocked]["status"] == "rejected"
    assert "scammer" in mine[blocked]["moderation"]["reason"]
    assert mine[blocked]["moderation"]["resources"] is None
    # Held and rejected stories are public nowhere, but their author can open them.
    assert [s["id"] for s in client.get("/api/v1/stories").get_json()["items"]] == [fine]
    assert client.get(f"/api/v1/stories/{crisis}").status_code == 404
    assert client.get(f"/api/v1/stories/{crisis}", headers=member.headers).status_code == 200
    assert client.get("/api/v1/me/stories").status_code == 401


def test_author_deletes_a_story_and_it_disappears_everywhere(client, member, make_member, publish, run_jobs):
    other = make_member()
    story_id = publish(member)
    client.post(f"/api/v1/stories/{story_id}/replies", headers=other.headers, json={"body": "Hang in there"})
    client.post(f"/api/v1/stories/{story_id}/reactions", headers=other.headers, json={"kind": "strength"})
    run_jobs()
    assert client.delete(f"/api/v1/stories/{story_id}", headers=other.headers).status_code == 403

    assert client.delete(f"/api/v1/stories/{story_id}", headers=member.headers).status_code == 204

    assert client.get(f"/api/v1/stories/{story_id}", headers=member.headers).status_code == 404
    assert client.get("/api/v1/stories").get_json()["total"] == 0
    assert client.get("/api/v1/lessons").get_json()["total"] == 0
    assert client.get("/api/v1/me/stories", headers=member.headers).get_json()["total"] == 0
    assert count(Lesson) == count(Reply) == count(Reaction) == 0
    assert client.delete(f"/api/v1/stories/{story_id}", headers=member.headers).status_code == 404


def test_a_moderator_removes_a_story(client, member, moderator, publish):
    story_id = publish(member)
    assert client.delete(f"/api/v1/stories/{story_id}", headers=moderator.headers).status_code == 204
    assert client.get(f"/api/v1/stories/{story_id}").status_code == 404
    assert client.get("/api/v1/lessons").get_json()["total"] == 0
    mine = client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"]
    assert [(s["id"], s["status"]) for s in mine] == [(story_id, "removed")]
    assert mine[0]["moderation"]["reason"]


def test_replies_are_moderated_then_listed(client, member, make_member, publish, run_jobs):
    story_id = publish(member)
    helper = make_member()
    resp = client.post(
        f"/api/v1/stories/{story_id}/replies",
        headers=helper.headers,
        json={"body": "Same thing happened to me. *You will get there.*"},
    )
    assert resp.status_code == 202 and resp.get_json()["status"] == "pending"
    assert client.get(f"/api/v1/stories/{story_id}/replies").get_json()["total"] == 0

    run_jobs()

    replies = client.get(f"/api/v1/stories/{story_id}/replies").get_json()
    assert replies["total"] == 1 and replies["pages"] == 1
    reply = replies["items"][0]
    assert set(reply) == {"id", "body_html", "pseudonym", "is_author", "created_at"}
    assert reply["is_author"] is False
    assert "<em>You will get there.</em>" in reply["body_html"]
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["reply_count"] == 1

    # The story's own author answering in the thread is shown as its author; still under a new pseudonym.
    client.post(f"/api/v1/stories/{story_id}/replies", headers=member.headers, json={"body": "Thank you."})
    run_jobs()
    both = client.get(f"/api/v1/stories/{story_id}/replies").get_json()["items"]
    assert [r["is_author"] for r in both] == [False, True]
    assert "author" in client.get(f"/stories/{story_id}").get_data(as_text=True)

    for body, field in (({"body": "  "}, "body"), ({"body": "z" * 5001}, "body"), ({}, "body")):
        bad = client.post(f"/api/v1/stories/{story_id}/replies", headers=helper.headers, json=body)
        assert bad.status_code == 422 and field in bad.get_json()["error"]["fields"]
    assert client.post(f"/api/v1/stories/{story_id}/replies", json={"body": "hi"}).status_code == 401
    missing = client.post("/api/v1/stories/9999/replies", headers=helper.headers, json={"body": "hi"})
    assert missing.status_code == 404
    assert count(Reply) == 2


def test_reactions_once_per_member_and_kind(client, member, make_member, publish):
    story_id = publish(member)
    other = make_member()
    url = f"/api/v1/stories/{story_id}/reactions"
    for _ in range(2):
        resp = client.post(url, headers=other.headers, json={"kind": "me_too"})
        assert resp.status_code == 200
        assert resp.get_json() == {"reactions": {"me_too": 1, "helpful": 0, "strength": 0}}
    client.post(url, headers=member.headers, json={"kind": "me_too"})
    resp = client.post(url, headers=member.headers, json={"kind": "helpful"})
    assert resp.get_json()["reactions"] == {"me_too": 2, "helpful": 1, "strength": 0}

    resp = client.delete(f"{url}/me_too", headers=other.headers)
    assert resp.status_code == 200 and resp.get_json()["reactions"]["me_too"] == 1
    resp = client.delete(f"{url}/me_too", headers=other.headers)
    assert resp.get_json()["reactions"]["me_too"] == 1
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["reactions"] == {
        "me_too": 1,
        "helpful": 1,
        "strength": 0,
    }

    bad = client.post(url, headers=other.headers, json={"kind": "love"})
    assert bad.status_code == 422 and "kind" in bad.get_json()["error"]["fields"]
    bad = client.delete(f"{url}/love", headers=other.headers)
    assert bad.status_code == 422 and "kind" in bad.get_json()["error"]["fields"]
    assert client.post(url, json={"kind": "helpful"}).status_code == 401
    assert (
        client.post(
            "/api/v1/stories/424242/reactions", headers=other.headers, json={"kind": "helpful"}
        ).status_code
        == 404
    )


def test_three_distinct_reporters_hold_a_story(client, member, make_member, moderator, publish):
    story_id = publish(member)
    reporters = [make_member(established=True) for _ in range(3)]
    url = f"/api/v1/stories/{story_id}/reports"
    assert (
        client.post(url, headers=reporters[0].headers, json={"reason": "Names a real person"}).status_code
        == 202
    )
    # The same member reporting again still counts once.
    assert client.post(url, headers=reporters[0].headers, json={"reason": "Again"}).status_code == 202
    assert client.post(url, headers=reporters[1].headers, json={"reason": "Not kind"}).status_code == 202
    assert client.get(f"/api/v1/stories/{story_id}").status_code == 200

    bad = client.post(url, headers=reporters[2].headers, json={"reason": " "})
    assert bad.status_code == 422 and "reason" in bad.get_json()["error"]["fields"]
    assert client.post(url, headers=reporters[2].headers, json={"reason": "Spam"}).status_code == 202

    assert client.get(f"/api/v1/stories/{story_id}").status_code == 404
    assert client.get("/api/v1/stories").get_json()["total"] == 0
    assert client.get("/api/v1/lessons").get_json()["total"] == 0
    mine = client.get("/api/v1/me/stories", headers=member.headers).get_json()["items"]
    assert mine[0]["status"] == "held"
    assert client.get(f"/api/v1/stories/{story_id}", headers=moderator.headers).status_code == 200


def test_lessons_library_most_helpful_first(client, member, make_member, post_story, run_jobs):
    quiet = post_story(member, lessons=[{"category": "mindset", "text": "Breathe before answering."}])
    loved = post_story(
        member,
        lessons=[
            {"category": "preparation", "text": "Read the annual report."},
            {"category": "mindset", "text": "A no is not a verdict on me."},
        ],
    )
    run_jobs()
    for _ in range(2):
        fan = make_member()
        client.post(f"/api/v1/stories/{loved}/reactions", headers=fan.headers, json={"kind": "helpful"})

    lessons = client.get("/api/v1/lessons").get_json()
    assert lessons["total"] == 3
    assert lessons["items"][0] == {
        "category": "preparation",
        "text": "Read the annual report.",
        "story_id": loved,
        "helpful": 2,
    }
    assert lessons["items"][-1]["story_id"] == quiet
    mindset = client.get("/api/v1/lessons?category=mindset&per_page=1").get_json()
    assert (mindset["total"], mindset["pages"]) == (2, 2)
    assert mindset["items"] == [
        {"category": "mindset", "text": "A no is not a verdict on me.", "story_id": loved, "helpful": 2}
    ]
    bad = client.get("/api/v1/lessons?category=luck")
    assert bad.status_code == 422 and "category" in bad.get_json()["error"]["fields"]


def test_the_author_appears_in_no_public_response(client, make_member, publish, run_jobs):
    author = make_member(name="Quentin Zebulon", email="quentin.zebulon@example.org")
    reader = make_member()
    story_id = publish(author, company="Initech")
    client.post(f"/api/v1/stories/{story_id}/replies", headers=author.headers, json={"body": "Thanks all"})
    run_jobs()
    responses = [
        client.get("/api/v1/stories"),
        client.get(f"/api/v1/stories/{story_id}"),
        client.get(f"/api/v1/stories/{story_id}/replies"),
        client.get("/api/v1/lessons"),
        client.get("/api/v1/stories", headers=reader.headers),
        client.post(
            f"/api/v1/stories/{story_id}/reactions", headers=reader.headers, json={"kind": "helpful"}
        ),
    ]
    for resp in responses:
        assert resp.status_code == 200
        # The contract's `is_author` flag is the one place the word may appear.
        text = resp.get_data(as_text=True).replace('"is_author"', "")
        for secret in ("Quentin", "Zebulon", "quentin.zebulon", "author", f'"user_id": {author.id}'):
            assert secret not in text


def test_posting_while_redis_is_down_loses_nothing(client, member, redis_server, run_jobs):
    from community.sweeper import sweep

    redis_server.stop()
    try:
        ids = [
            client.post("/api/v1/stories", headers=member.headers, json=story_payload(title=f"Down {n}"))
            for n in range(3)
        ]
        assert [r.status_code for r in ids] == [202, 202, 202]
        assert {r.get_json()["status"] for r in ids} == {"pending"}
    finally:
        redis_server.start()

    assert client.get("/api/v1/stories").get_json()["total"] == 0
    assert sweep() == 3
    run_jobs()
    assert client.get("/api/v1/stories").get_json()["total"] == 3
    assert sweep() == 0


def test_the_openapi_document_lists_the_story_endpoints(client):
    paths = set(client.get("/api/v1/openapi.json").get_json()["paths"])
    assert {
        "/api/v1/stories",
        "/api/v1/stories/{story_id}",
        "/api/v1/stories/{story_id}/replies",
        "/api/v1/stories/{story_id}/reactions",
        "/api/v1/stories/{story_id}/reactions/{kind}",
        "/api/v1/stories/{story_id}/reports",
        "/api/v1/me/stories",
        "/api/v1/lessons",
    } <= paths
