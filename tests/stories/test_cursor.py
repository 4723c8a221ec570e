"""Keyset pages: the cursor in a page's `Link: rel="next"` header leads to the same page as `page=N+1`, however the stories
tie on time, for every filter and viewer; a cursor that was altered or belongs to another list is refused."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import delete, update

from community.extensions import db
from community.models import utcnow
from community.stories.models import Lesson, Story
from tests.helpers import count_queries


@pytest.fixture
def tied_stories(many_stories):
    # Stories published in the same second: only the id tells their order.
    now = utcnow()
    for n, story_id in enumerate(range(1, 46)):
        db.session.execute(
            update(Story).where(Story.id == story_id).values(published_at=now - timedelta(minutes=n // 4))
        )
    db.session.execute(update(Story).where(Story.id % 5 == 0).values(stage="onsite"))
    db.session.commit()


def walk(client, query: str, headers=None) -> list[list[int]]:
    """Follow the `Link: <…>; rel="next"` headers from the first page to the last."""
    pages, path = [], f"/api/v1/stories?{query}"
    while path:
        resp = client.get(path, headers=headers or {})
        body = resp.get_json()
        # The body keeps the contract's list shape; the way on is in the header.
        assert set(body) == {"items", "page", "pages", "total"}
        pages.append([item["id"] for item in body["items"]])
        assert body["page"] == len(pages)
        link = resp.headers.get("Link")
        path = link and link.split(">")[0].lstrip("<").replace("http://localhost", "")
        assert not link or link.endswith('rel="next"')
    return pages


def numbered(client, query: str, count: int, headers=None) -> list[list[int]]:
    return [
        [
            item["id"]
            for item in client.get(f"/api/v1/stories?{query}&page={n}", headers=headers or {}).get_json()[
                "items"
            ]
        ]
        for n in range(1, count + 1)
    ]


@pytest.mark.parametrize(
    "query", ["per_page=7", "per_page=20", "per_page=4&stage=onsite", "per_page=3&category=mindset"]
)
def test_cursor_pages_are_the_numbered_pages(client, tied_stories, query):
    pages = walk(client, query)
    assert len(pages) > 1 and all(pages)
    assert pages == numbered(client, query, len(pages))
    ids = [story_id for page in pages for story_id in page]
    assert len(ids) == len(set(ids)) == client.get(f"/api/v1/stories?{query}").get_json()["total"]


def test_cursor_pages_keep_a_private_groups_stories_for_its_members(
    client, tied_stories, make_member, make_group, publish
):
    insider = make_member()
    closed = make_group("Closed", "private", members=[insider]).id
    for _ in range(3):
        publish(insider, group_id=closed)
    inside = walk(client, "per_page=8", insider.headers)
    outside = walk(client, "per_page=8")
    assert inside == numbered(client, "per_page=8", len(inside), insider.headers)
    found_inside = {i for page in inside for i in page}
    found_outside = {i for page in outside for i in page}
    assert len(found_inside - found_outside) == 3


def test_a_cursor_page_costs_what_the_first_page_costs(client, tied_stories):
    link = client.get("/api/v1/stories?per_page=5&stage=onsite").headers["Link"]
    with count_queries() as statements:
        resp = client.get(link.split(">")[0].lstrip("<"))
    assert resp.status_code == 200 and resp.get_json()["page"] == 2
    assert len(statements) <= 4, "\n\n".join(statements)


def test_an_altered_cursor_or_one_of_another_list_is_refused(client, tied_stories, make_group):
    link = client.get("/api/v1/stories?per_page=5").headers["Link"]
    cursor = link.split("cursor=")[1].split("&")[0].split(">")[0]
    altered = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    for path in (
        f"/api/v1/stories?per_page=5&cursor={altered}",
        f"/api/v1/stories?per_page=5&stage=onsite&cursor={cursor}",
        "/api/v1/stories?cursor=not-a-cursor",
        "/api/v1/stories?cursor=W10.bad-signature",
    ):
        resp = client.get(path)
        assert resp.status_code == 400, path
        assert resp.get_json()["error"]["message"]
    group = make_group("Open door", "public").id
    resp = client.get(f"/api/v1/groups/{group}/stories?cursor={cursor}")
    assert resp.status_code == 400
    assert client.get(f"/?cursor={altered}").status_code == 400


def story_links(html: str) -> list[str]:
    return re.findall(r'href="(/stories/\d+)"', html)


def test_the_home_pages_older_link_follows_the_cursor(client, tied_stories):
    html = client.get("/").get_data(as_text=True)
    link = html.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    assert "cursor=" in link and "page=2" in link
    second = client.get(link)
    assert second.status_code == 200 and "Page 2 of" in second.get_data(as_text=True)
    by_number = story_links(client.get("/?page=2").get_data(as_text=True))
    assert by_number and story_links(second.get_data(as_text=True)) == by_number
    assert not set(by_number) & set(story_links(html))


def test_a_groups_pages_follow_the_cursor_too(client, member, make_group, publish, monkeypatch):
    group = make_group("Open door", "public", members=[member]).id
    made = [publish(member, group_id=group) for _ in range(5)]
    path, pages = f"/api/v1/groups/{group}/stories?per_page=2", []
    while path:
        resp = client.get(path)
        assert set(resp.get_json()) == {"items", "page", "pages", "total"}
        pages.append([item["id"] for item in resp.get_json()["items"]])
        link = resp.headers.get("Link")
        path = link and link.split(">")[0].lstrip("<")
    assert pages == [made[4:2:-1], made[2:0:-1], made[:1]]
    from community.groups import views

    monkeypatch.setattr(views, "PER_PAGE", 2)
    html = client.get("/groups/open-door").get_data(as_text=True)
    link = html.split("Next &rarr;")[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    assert "cursor=" in link and "page=2" in link
    second = client.get(link).get_data(as_text=True)
    assert f"/stories/{made[2]}" in second and f"/stories/{made[4]}" not in second


def follow(client, path: str, headers=None) -> list[dict]:
    """Every page from `path` on, by the `Link: rel="next"` headers."""
    bodies = []
    while path:
        resp = client.get(path, headers=headers or {})
        assert resp.status_code == 200, resp.get_json()
        bodies.append(resp.get_json())
        link = resp.headers.get("Link")
        path = link and link.split(">")[0].lstrip("<")
    return bodies


@pytest.mark.parametrize("query", ["per_page=7", "per_page=3&category=mindset"])
def test_the_lessons_librarys_cursor_pages_are_its_numbered_pages(client, tied_stories, query):
    # Ties on the helpful count and on time, and several lessons per story: the order's every key counts.
    db.session.execute(update(Story).values(helpful_count=Story.id % 3))
    db.session.commit()
    by_cursor = [
        [(i["story_id"], i["text"]) for i in body["items"]]
        for body in follow(client, f"/api/v1/lessons?{query}")
    ]
    by_number = [
        [
            (i["story_id"], i["text"])
            for i in client.get(f"/api/v1/lessons?{query}&page={n}").get_json()["items"]
        ]
        for n in range(1, len(by_cursor) + 1)
    ]
    assert len(by_cursor) > 2 and by_cursor == by_number
    everything = [pair for page in by_cursor for pair in page]
    assert (
        len(everything) == len(set(everything)) == client.get(f"/api/v1/lessons?{query}").get_json()["total"]
    )
    cursor = (
        client.get(f"/api/v1/lessons?{query}").headers["Link"].split("cursor=")[1].split("&")[0].split(">")[0]
    )
    # A cursor of this list, given to another category's list or to the feed: refused.
    assert client.get(f"/api/v1/lessons?category=answers&cursor={cursor}").status_code == 400
    assert client.get(f"/api/v1/stories?cursor={cursor}").status_code == 400


def test_a_cursor_reads_on_after_its_item_even_once_it_is_hidden_and_by_number_once_it_is_gone(
    client, tied_stories
):
    first = client.get("/api/v1/stories?per_page=5")
    link = first.headers["Link"].split(">")[0].lstrip("<")
    last = first.get_json()["items"][-1]["id"]
    following = client.get("/api/v1/stories?per_page=5&page=2").get_json()["items"]
    # Taken down after the reader saw it: the next page still starts right after it, nothing skipped.
    db.session.execute(update(Story).where(Story.id == last).values(status="removed"))
    db.session.commit()
    assert client.get(link).get_json()["items"] == following
    # Deleted outright: nothing to read on from, so the page by its number.
    db.session.execute(delete(Lesson).where(Lesson.story_id == last))
    db.session.execute(delete(Story).where(Story.id == last))
    db.session.commit()
    again = client.get(link).get_json()
    assert again["page"] == 2 and again["items"]
    assert again["items"] == client.get("/api/v1/stories?per_page=5&page=2").get_json()["items"]

    lessons = client.get("/api/v1/lessons?per_page=4")
    link = lessons.headers["Link"].split(">")[0].lstrip("<")
    gone = lessons.get_json()["items"][-1]["story_id"]
    db.session.execute(delete(Lesson).where(Lesson.story_id == gone))
    db.session.execute(delete(Story).where(Story.id == gone))
    db.session.commit()
    again = client.get(link).get_json()
    assert (
        again["items"]
        and again["items"] == client.get("/api/v1/lessons?per_page=4&page=2").get_json()["items"]
    )
