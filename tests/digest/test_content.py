from __future__ import annotations

from datetime import timedelta

from community.accounts.models import User
from community.digest import loading, message
from community.extensions import db
from community.models import utcnow
from tests.factories import IN_WEEK, WEEK, WEEK_AFTER, WEEK_BEFORE
from tests.helpers import count_queries


def digest(client, who, week: str | None = WEEK):
    resp = client.get("/api/v1/me/digest", query_string={"week": week} if week else {}, headers=who.headers)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def titles(body: dict) -> list[str]:
    return [story["title"] for story in body["stories"]]


def test_groups_private_groups_and_the_public_feed(client, make_member, make_group, make_story):
    alex, blair, author = make_member(), make_member(), make_member()
    careers = make_group("Career changers", members=[alex])
    returning = make_group("Returning to work", "private", members=[alex, author])
    secret = make_group("Quiet corner", "private", members=[author])
    make_story(author, "Public feed story", helpful=1)
    make_story(author, "Career changers story", group=careers)
    make_story(author, "Returning story", group=returning, lessons=[("mindset", "Breaks are not gaps.")])
    make_story(author, "Quiet corner story", group=secret, lessons=[("skills", "Secret lesson.")])
    make_story(author, "Held story", status="held")
    make_story(author, "Week before", at=WEEK_BEFORE)
    make_story(author, "Week after", at=WEEK_AFTER)

    mine = digest(client, alex)
    assert mine["week"] == WEEK
    assert set(titles(mine)) == {"Public feed story", "Career changers story", "Returning story"}
    assert {(g["name"], g["stories"]) for g in mine["groups"]} == {
        ("Career changers", 1),
        ("Returning to work", 1),
    }
    assert "Breaks are not gaps." in [lesson["text"] for lesson in mine["lessons"]]

    theirs = digest(client, blair)
    assert set(titles(theirs)) == {"Public feed story", "Career changers story"}
    assert theirs["groups"] == []
    lesson_texts = [lesson["text"] for lesson in theirs["lessons"]]
    assert "Breaks are not gaps." not in lesson_texts and "Secret lesson." not in lesson_texts

    story = next(s for s in mine["stories"] if s["title"] == "Returning story")
    assert story["url"] == f"http://rebound.test/stories/{story['id']}"
    assert story["group"] == {"id": returning.id, "name": "Returning to work", "slug": "returning-to-work"}
    assert set(story) >= {"id", "title", "pseudonym", "url", "reactions"}


def test_never_names_an_author(client, make_member, make_story, make_group):
    reader = make_member()
    author = make_member(name="Unmistakable Authorname", email="unmistakable@example.org")
    make_group("Everyone", members=[reader, author])
    make_story(author, "Something I learned", helpful=3)
    raw = client.get("/api/v1/me/digest", query_string={"week": WEEK}, headers=reader.headers).get_data(
        as_text=True
    )
    assert "Something I learned" in raw
    assert "Unmistakable" not in raw and "unmistakable@" not in raw
    assert '"author_id"' not in raw


def test_most_encouraging_first_and_at_most_eight(client, make_member, make_story):
    reader, author = make_member(), make_member()
    for n in range(10):
        make_story(author, f"Story {n}", helpful=n, strength=1, at=IN_WEEK + timedelta(minutes=n))
    body = digest(client, reader)
    assert titles(body) == [f"Story {n}" for n in (9, 8, 7, 6, 5, 4, 3, 2)]
    helpful = [lesson["helpful"] for lesson in body["lessons"]]
    assert helpful == sorted(helpful, reverse=True)
    assert {lesson["category"] for lesson in body["lessons"]} == {"preparation"}
    assert len(body["lessons"]) == 2  # a few per category, the most helpful


def test_new_mentors_in_the_members_industries(client, make_member, make_story, make_mentor):
    reader, author = make_member(), make_member()
    db.session.get(User, reader.id).industries = ["Healthcare"]
    db.session.commit()
    # A member's industries also come from their own stories (here an older one).
    make_story(reader, "My own older story", industry="Logistics", at=WEEK_BEFORE)
    make_story(author, "Something new")
    nurse, driver, coder, old, stopped = (
        make_member(name=n)
        for n in ("Nurse Mentor", "Driver Mentor", "Coder Mentor", "Old Mentor", "Stopped Mentor")
    )
    make_mentor(nurse, ["healthcare"])
    make_mentor(driver, ["Logistics", "Retail"])
    make_mentor(coder, ["Software"])
    make_mentor(old, ["Healthcare"], at=WEEK_BEFORE)
    make_mentor(stopped, ["Healthcare"], active=False)

    body = digest(client, reader)
    assert {m["display_name"] for m in body["mentors"]} == {"Nurse Mentor", "Driver Mentor"}
    driver_row = next(m for m in body["mentors"] if m["display_name"] == "Driver Mentor")
    assert driver_row == {
        "id": driver.id,
        "display_name": "Driver Mentor",
        "headline": "Ten years hiring",
        "industries": ["Logistics", "Retail"],
    }
    assert all("@" not in str(m) for m in body["mentors"])


def test_default_week_is_the_last_complete_one(client, member, make_story):
    make_story(member, "Last week's story", at=utcnow() - timedelta(days=7))
    body = digest(client, member, week=None)
    from community.digest.compose import last_complete_week

    assert body["week"] == last_complete_week(utcnow())
    assert titles(body) == ["Last week's story"]


def test_malformed_week_is_422_naming_week(client, member):
    for bad in ("2026-W60", "last", "2026-47", ""):
        resp = client.get("/api/v1/me/digest", query_string={"week": bad}, headers=member.headers)
        assert resp.status_code == 422, bad
        assert "week" in resp.get_json()["error"]["fields"]


def test_digest_needs_a_member(client):
    assert client.get("/api/v1/me/digest").status_code == 401


def test_in_the_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/me/digest" in spec["paths"]


def test_composing_a_batch_costs_the_same_queries_for_10_or_60_members(
    app, bulk_members, make_group, make_story, make_mentor
):
    people = bulk_members(60, industries=["Software"])
    groups = [
        make_group(f"Group {n}", "private" if n % 2 else "public", members=people[n::5]) for n in range(5)
    ]
    for n, group in enumerate(groups):
        make_story(people[n], f"In group {n}", group=group, helpful=n)
    make_story(people[0], "Public story")
    make_mentor(people[1], ["Software"])
    ids = [p.id for p in people]

    # Each from nothing kept: the public week is loaded once per process and kept (community/digest/loading.py).
    loading.forget_kept_weeks()
    with count_queries() as small:
        few = message.build_digests(WEEK, ids[:10])
    loading.forget_kept_weeks()
    with count_queries() as large:
        many = message.build_digests(WEEK, ids)
    assert len(few) == 10 and len(many) == 60
    assert len(small) == len(large)
    with count_queries() as kept:
        assert message.build_digests(WEEK, ids) == many
    assert len(kept) < len(large)
