"""A feed page costs the same few SQL queries however many stories, lessons and companies it holds."""

from __future__ import annotations

import re

import pytest

from tests.helpers import count_queries


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/stories?per_page=20",
        "/api/v1/stories?per_page=100",
        "/api/v1/stories?page=2&per_page=5&category=mindset&stage=technical&industry=software",
        "/",
        "/?page=2",
    ],
)
def test_a_feed_page_costs_at_most_four_queries(client, many_stories, path):
    with count_queries() as statements:
        resp = client.get(path)
    assert resp.status_code == 200
    assert len(statements) <= 4, "\n\n".join(statements)
    if path.startswith("/api/"):
        items = resp.get_json()["items"]
        assert items and all(item["lessons"] for item in items)
        assert {item["company"] for item in items} - {None}


def test_lessons_library_page_costs_few_queries(client, many_stories):
    with count_queries() as statements:
        resp = client.get("/api/v1/lessons?per_page=100")
    assert resp.status_code == 200 and len(resp.get_json()["items"]) == 100
    assert len(statements) <= 2, "\n\n".join(statements)


def test_visitors_get_a_cached_page_until_something_changes(client, many_stories, make_member):
    first = client.get("/api/v1/stories").get_json()
    with count_queries() as statements:
        again = client.get("/api/v1/stories").get_json()
    assert again == first and statements == []

    reader = make_member()
    top = first["items"][0]["id"]
    client.post(f"/api/v1/stories/{top}/reactions", headers=reader.headers, json={"kind": "strength"})
    after = client.get("/api/v1/stories").get_json()
    assert after["items"][0]["reactions"]["strength"] == first["items"][0]["reactions"]["strength"] + 1

    # A member of no private group sees what visitors see, and shares their cached page: the only queries
    # are the token lookup and the private-group check.
    with count_queries() as statements:
        assert client.get("/api/v1/stories", headers=reader.headers).get_json() == after
    assert len(statements) == 2, "\n\n".join(statements)


def test_a_visitors_story_page_costs_three_queries_and_sets_no_cookie(
    client, many_stories, make_member, run_jobs
):
    story_id = client.get("/api/v1/stories").get_json()["items"][0]["id"]
    with count_queries() as statements:
        resp = client.get(f"/stories/{story_id}")
    assert resp.status_code == 200
    page = resp.get_data(as_text=True)
    assert "Lesson 0" in page and "0 replies" in page
    # The story with its lessons and whether its company may be named: with no reply published, none is
    # looked for.
    assert len(statements) <= 2, "\n\n".join(statements)
    # Visitors get no forms on it, so no session is started for their CSRF tokens.
    assert "Set-Cookie" not in resp.headers

    reader = make_member()
    for text in ("You are not alone in this.", "Same here, and it got better."):
        resp = client.post(f"/api/v1/stories/{story_id}/replies", headers=reader.headers, json={"body": text})
        assert resp.status_code == 202
    run_jobs()
    with count_queries() as statements:
        resp = client.get(f"/stories/{story_id}")
    page = resp.get_data(as_text=True)
    assert "2 replies" in page and "You are not alone in this." in page and "it got better" in page
    # The story with its lessons, its replies, and whether its company may be named.
    assert len(statements) <= 3, "\n\n".join(statements)


def test_a_member_is_found_by_token_in_one_query(client, many_stories, make_member):
    reader = make_member()
    with count_queries() as statements:
        resp = client.get("/api/v1/me", headers=reader.headers)
    assert resp.status_code == 200 and resp.get_json()["email"] == reader.email
    token_lookups = [s for s in statements if "api_token" in s]
    assert len(token_lookups) == 1 and re.search(r'FROM "?user"? JOIN api_token', token_lookups[0])
    with count_queries() as statements:
        assert client.get("/api/v1/stories", headers=reader.headers).status_code == 200
    # The member, the private-group check, then the feed's three: the page (with its total), its lessons, the
    # companies it may name.
    assert len(statements) <= 5, "\n\n".join(statements)


def test_lists_tell_their_total_on_every_page(client, member, post_story):
    for n in range(3):
        post_story(member, title=f"Story {n}")

    def page(n: int) -> dict:
        resp = client.get(f"/api/v1/me/stories?page={n}&per_page=2", headers=member.headers)
        assert resp.status_code == 200
        return resp.get_json()

    assert [(len(p["items"]), p["total"], p["pages"]) for p in map(page, (1, 2, 3))] == [
        (2, 3, 2),
        (1, 3, 2),
        (0, 3, 2),
    ]
