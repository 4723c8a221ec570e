"""The visitors' feed comes from a cache that only what visitors can see changes: a story appears the moment
it is published and disappears the moment it is deleted, held or removed, while posts waiting for moderation
and members' own writes leave the cached pages alone. While one request rebuilds a page, and for a moment
(FEED_BUSY_LAG) after requests met over a rebuild, others may be given the page as it was only if all that
changed since was added (a story published, a count)."""

from __future__ import annotations

import re

import pytest

from community import queue
from community.extensions import db
from community.feed import cache as feed_cache
from community.groups.models import SupportGroup
from tests.helpers import count_queries


def visitor_feed(client) -> list[int]:
    return [item["id"] for item in client.get("/api/v1/stories").get_json()["items"]]


def home_titles(client) -> str:
    """The home page (asserting it was served), where the visitor reads the stories' titles."""
    resp = client.get("/")
    assert resp.status_code == 200
    return resp.get_data(as_text=True)


def assert_served_from_cache(client, expected: list[int]) -> None:
    with count_queries() as statements:
        assert visitor_feed(client) == expected
    assert statements == [], "\n\n".join(statements)


def test_a_story_reaches_visitors_when_published_not_when_posted(
    client, member, publish, post_story, run_jobs
):
    first = publish(member, title="The first story on the site")
    assert visitor_feed(client) == [first]

    waiting = post_story(member, title="Still waiting for moderation")
    # Posting (pending) changes nothing a visitor sees, so their pages stay cached.
    assert_served_from_cache(client, [first])
    assert "Still waiting for moderation" not in home_titles(client)

    run_jobs()
    # Published: on the very next visit, at the top, on the API and on the home page.
    assert visitor_feed(client) == [waiting, first]
    assert "Still waiting for moderation" in home_titles(client)


def test_members_own_writes_leave_the_visitors_pages_cached(client, member, make_member, make_group, publish):
    story_id = publish(member)
    group_id = make_group("Career changers").id
    assert visitor_feed(client) == [story_id]

    other = make_member()  # a new account, with a token
    assert client.post(f"/api/v1/groups/{group_id}/members", headers=other.headers).status_code == 200
    resp = client.put("/api/v1/me/preferences", headers=other.headers, json={"digest": "off"})
    assert resp.status_code == 200
    assert_served_from_cache(client, [story_id])


def test_a_member_shares_the_visitors_pages_until_joining_a_private_group(
    client, member, make_member, make_group, publish
):
    public_story = publish(member, title="Shared with everyone")
    group_id = make_group("Laid off in spring", visibility="private", members=[member]).id
    private_story = publish(member, group_id=group_id, title="Only for the group")
    reader = make_member()
    assert visitor_feed(client) == [public_story]

    def reader_feed() -> list[int]:
        resp = client.get("/api/v1/stories", headers=reader.headers)
        return [item["id"] for item in resp.get_json()["items"]]

    assert reader_feed() == [public_story]
    resp = client.post(f"/api/v1/groups/{group_id}/members", headers=reader.headers)
    assert resp.status_code == 200
    # Joining is enough: the very next page shows the group's story, and visitors still never see it.
    assert reader_feed() == [private_story, public_story]
    assert visitor_feed(client) == [public_story]

    resp = client.delete(f"/api/v1/groups/{group_id}/members/me", headers=reader.headers)
    assert resp.status_code == 204
    assert reader_feed() == [public_story]


def reactions_of(client, story_id: int) -> dict[str, int]:
    items = client.get("/api/v1/stories").get_json()["items"]
    return next(item["reactions"] for item in items if item["id"] == story_id)


BUSY_LAG = 30  # seconds: long enough that no test machine is slow enough to outlast it


@pytest.mark.parametrize("app_config", [{"FEED_BUSY_LAG": BUSY_LAG}])
def test_while_a_page_is_rebuilt_and_just_after_other_visitors_get_it_without_what_was_just_added(
    client, member, make_member, publish
):
    first = publish(member, title="The first story on the site")
    assert visitor_feed(client) == [first]
    redis = queue.redis_connection()
    # Another request is rebuilding the first page (it holds the page's rebuild lock).
    assert redis.set(feed_cache.rebuild_lock_key({}, 1), b"1", nx=True, px=60_000)

    second = publish(member, title="Published while the page is rebuilt")
    reader = make_member()
    resp = client.post(f"/api/v1/stories/{first}/reactions", headers=reader.headers, json={"kind": "helpful"})
    assert resp.status_code == 200
    # What was added is missing for the moment: the page as it was, without a query.
    assert_served_from_cache(client, [first])
    assert reactions_of(client, first)["helpful"] == 0

    redis.delete(feed_cache.rebuild_lock_key({}, 1))
    # Requests met over the rebuild, so the site is busy: for FEED_BUSY_LAG the page stays as it was.
    assert_served_from_cache(client, [first])
    assert 0 < redis.pttl(feed_cache.busy_key({}, 1)) <= BUSY_LAG * 1000
    # The busy moment passes (Redis lets the key expire; here it is let go at once).
    redis.delete(feed_cache.busy_key({}, 1))
    assert visitor_feed(client) == [second, first]
    assert reactions_of(client, first)["helpful"] == 1
    assert "Published while the page is rebuilt" in home_titles(client)


def test_on_a_quiet_site_each_change_shows_on_the_very_next_page(client, member, make_member, publish):
    """Requests one at a time never meet over a rebuild: however quickly changes follow, none waits."""
    stories = [publish(member, title="The first story on the site")]
    reader = make_member()
    for n in range(3):
        assert visitor_feed(client) == stories[::-1]
        stories.append(publish(member, title=f"Story number {n + 2}"))
        resp = client.post(
            f"/api/v1/stories/{stories[0]}/reactions",
            headers=reader.headers,
            json={"kind": ["me_too", "helpful", "strength"][n]},
        )
        assert resp.status_code == 200
        assert visitor_feed(client) == stories[::-1]
        assert sum(reactions_of(client, stories[0]).values()) == n + 1


@pytest.mark.parametrize(
    "moment",
    ["quiet", "rebuilding", "busy"],
    ids=["", "while another request rebuilds the page", "just after requests met over a rebuild"],
)
@pytest.mark.parametrize(
    "how",
    ["deleted by its author", "held by three reports", "removed by a moderator", "its group made private"],
)
def test_a_story_taken_away_leaves_the_visitors_pages_at_once(
    client, member, make_member, moderator, make_group, publish, how, moment
):
    group_id = make_group("Night shift nurses", members=[member]).id
    kept = publish(member, title="A story that stays")
    taken = publish(member, group_id=group_id, title="A story taken away")
    assert visitor_feed(client) == [taken, kept]
    assert "A story taken away" in home_titles(client)
    # A page built before a takedown is never served, not even while another request rebuilds it, nor in
    # the busy moment after.
    redis, added = queue.redis_connection(), []
    if moment != "quiet":
        redis.set(feed_cache.rebuild_lock_key({}, 1), b"1", px=60_000)
    if moment == "busy":
        added.append(publish(member, title="Published while the page is rebuilt"))
        assert visitor_feed(client) == [taken, kept]  # the page as it was: requests met
        redis.delete(feed_cache.rebuild_lock_key({}, 1))
        assert redis.exists(feed_cache.busy_key({}, 1))

    if how == "deleted by its author":
        assert client.delete(f"/api/v1/stories/{taken}", headers=member.headers).status_code == 204
    elif how == "held by three reports":
        for _ in range(3):
            reporter = make_member(established=True)
            resp = client.post(
                f"/api/v1/stories/{taken}/reports", headers=reporter.headers, json={"reason": "Not kind"}
            )
            assert resp.status_code == 202
    elif how == "removed by a moderator":
        assert client.delete(f"/api/v1/stories/{taken}", headers=moderator.headers).status_code == 204
    else:
        db.session.get(SupportGroup, group_id).visibility = "private"
        db.session.commit()
    assert visitor_feed(client) == [*added, kept]
    page = home_titles(client)
    assert "A story taken away" not in page and "A story that stays" in page
    assert client.get(f"/stories/{taken}").status_code == 404


def test_the_first_visitor_after_a_change_builds_the_next_pages_too(client, many_stories):
    def page_ids(page: int) -> list[str]:
        return [item["title"] for item in client.get(f"/api/v1/stories?page={page}").get_json()["items"]]

    with count_queries() as statements:
        first = page_ids(1)
    assert first == [f"Story {n}" for n in range(20)]
    assert len(statements) == 3, "\n\n".join(statements)
    # Pages 2 and 3 came with page 1 (the 45 stories fill three), and so did the empty pages 4 and 5.
    with count_queries() as statements:
        assert page_ids(2) == [f"Story {n}" for n in range(20, 40)]
        assert page_ids(3) == [f"Story {n}" for n in range(40, 45)]
        assert page_ids(5) == []
    assert statements == [], "\n\n".join(statements)
    assert client.get("/api/v1/stories?page=5").get_json()["total"] == 45


def test_a_page_not_cached_yet_is_built_for_its_visitor_even_while_another_request_rebuilds(
    client, many_stories
):
    queue.redis_connection().set(feed_cache.rebuild_lock_key({}, 1), b"1", px=60_000)
    with count_queries() as statements:
        resp = client.get("/api/v1/stories?page=2")
    assert [item["title"] for item in resp.get_json()["items"]] == [f"Story {n}" for n in range(20, 40)]
    assert len(statements) == 3, "\n\n".join(statements)


def test_a_site_mounted_under_a_path_links_its_cached_cards_there(client, member, publish):
    story_id = publish(member, title="Mounted or not")

    def story_links(base_url: str) -> set[str]:
        resp = client.get("/", base_url=base_url)
        assert resp.status_code == 200
        return set(re.findall(rf'href="([^"]*/stories/{story_id})"', resp.get_data(as_text=True)))

    # The same cached page, drawn for the site at the root and for the site under /community, in turn.
    for _ in range(2):
        assert story_links("http://rebound.test/community/") == {f"/community/stories/{story_id}"}
        assert story_links("http://rebound.test/") == {f"/stories/{story_id}"}


def test_members_of_the_same_private_groups_share_their_pages(
    client, member, make_member, make_group, publish
):
    group_id = make_group("Laid off in spring", visibility="private", members=[member]).id
    other_group = make_group("Career changers", visibility="private", members=[member]).id
    public_story = publish(member, title="Shared with everyone")
    private_story = publish(member, group_id=group_id, title="Only for the group")
    first, second, elsewhere = make_member(), make_member(), make_member()
    for who in (first, second):
        client.post(f"/api/v1/groups/{group_id}/members", headers=who.headers)
    client.post(f"/api/v1/groups/{other_group}/members", headers=elsewhere.headers)

    def feed(who) -> list[int]:
        return [item["id"] for item in client.get("/api/v1/stories", headers=who.headers).get_json()["items"]]

    assert feed(first) == [private_story, public_story]
    with count_queries() as statements:
        assert feed(second) == [private_story, public_story]
    # The token, and the member's private groups: the page itself came from the cache.
    assert len(statements) == 2, "\n\n".join(statements)
    assert feed(elsewhere) == [public_story], "another set of groups, other pages"

    newer = publish(member, group_id=group_id, title="Another one for the group")
    assert feed(second) == [newer, private_story, public_story]
    assert feed(elsewhere) == [public_story]
    client.delete(f"/api/v1/groups/{group_id}/members/me", headers=second.headers)
    assert feed(second) == [public_story]
