from __future__ import annotations

import threading

import pytest

from community.extensions import db
from community.groups import services
from community.groups.models import GroupMembership, SupportGroup
from tests.factories import make_story

GROUP_KEYS = {"id", "slug", "name", "description", "visibility", "member_count", "is_member"}


def create(client, who, name="Final-round rejections", description="For the **last** round.", **extra):
    return client.post(
        "/api/v1/groups",
        headers=who.headers,
        json={"name": name, "description": description, "visibility": "public", **extra},
    )


def test_moderator_creates_a_group_with_a_derived_slug(client, moderator):
    resp = create(client, moderator)
    assert resp.status_code == 201
    body = resp.get_json()
    assert body == {
        "id": body["id"],
        "slug": "final-round-rejections",
        "name": "Final-round rejections",
        "description": "For the **last** round.",
        "visibility": "public",
        "member_count": 0,
        "is_member": False,
    }
    group = db.session.get(SupportGroup, body["id"])
    assert group.description_html.strip() == "<p>For the <strong>last</strong> round.</p>"


def test_slug_clashes_get_a_number_and_odd_names_still_get_a_slug(client, moderator, make_member):
    slugs = [create(client, moderator).get_json()["slug"] for _ in range(3)]
    assert slugs == ["final-round-rejections", "final-round-rejections-2", "final-round-rejections-3"]
    assert create(client, moderator, name="Réentrée  au travail!").get_json()["slug"] == "reentree-au-travail"
    assert create(client, moderator, name="求职").get_json()["slug"] == "group"
    admin = make_member("admin")
    assert create(client, admin, name="x" * 80).get_json()["slug"].startswith("xxx")


def test_description_is_sanitized(client, moderator):
    resp = create(client, moderator, description="<script>alert(1)</script>[x](javascript:alert(1)) **hi**")
    group = db.session.get(SupportGroup, resp.get_json()["id"])
    assert "<script" not in group.description_html
    assert 'href="javascript' not in group.description_html
    assert "<strong>hi</strong>" in group.description_html


def test_members_and_visitors_cannot_create_groups(client, member):
    assert create(client, member).status_code == 403
    assert client.post("/api/v1/groups", json={"name": "A", "visibility": "public"}).status_code == 401
    assert db.session.query(SupportGroup).count() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "", "visibility": "public"}, "name"),
        ({"name": "x" * 81, "visibility": "public"}, "name"),
        ({"name": "Ok", "description": "x" * 5_001, "visibility": "public"}, "description"),
        ({"name": "Ok", "visibility": "secret"}, "visibility"),
        ({"visibility": "public"}, "name"),
    ],
)
def test_bad_group_fields_are_422_and_write_nothing(client, moderator, body, field):
    resp = client.post("/api/v1/groups", headers=moderator.headers, json=body)
    assert resp.status_code == 422
    assert field in resp.get_json()["error"]["fields"]
    assert db.session.query(SupportGroup).count() == 0


def test_list_counts_members_and_marks_the_viewers_groups(client, moderator, make_member):
    first = create(client, moderator, name="Career changers").get_json()["id"]
    second = create(client, moderator, name="New grads", visibility="private").get_json()["id"]
    alice, bob = make_member(), make_member()
    for who in (alice, bob):
        assert client.post(f"/api/v1/groups/{first}/members", headers=who.headers).status_code == 200
    client.post(f"/api/v1/groups/{second}/members", headers=alice.headers)

    anonymous = client.get("/api/v1/groups").get_json()
    assert {k: anonymous[k] for k in ("page", "pages", "total")} == {"page": 1, "pages": 1, "total": 2}
    assert all(set(item) == GROUP_KEYS for item in anonymous["items"])
    assert {g["name"]: (g["member_count"], g["is_member"]) for g in anonymous["items"]} == {
        "Career changers": (2, False),
        "New grads": (1, False),
    }
    mine = client.get("/api/v1/groups", headers=bob.headers).get_json()["items"]
    assert {g["name"]: g["is_member"] for g in mine} == {"Career changers": True, "New grads": False}

    page = client.get("/api/v1/groups?per_page=1&page=2").get_json()
    assert (page["page"], page["pages"], page["total"], len(page["items"])) == (2, 2, 2, 1)
    assert client.get("/api/v1/groups?per_page=101").status_code == 422


def test_join_and_leave_are_idempotent(client, moderator, member):
    group_id = create(client, moderator, visibility="private").get_json()["id"]
    for _ in range(2):
        resp = client.post(f"/api/v1/groups/{group_id}/members", headers=member.headers)
        assert resp.status_code == 200
        assert resp.get_json()["member_count"] == 1 and resp.get_json()["is_member"] is True
    for _ in range(2):
        assert (
            client.delete(f"/api/v1/groups/{group_id}/members/me", headers=member.headers).status_code == 204
        )
    assert client.get(f"/api/v1/groups/{group_id}", headers=member.headers).get_json()["member_count"] == 0


def test_unknown_group_is_404_and_joining_needs_a_member(client, member):
    assert client.post("/api/v1/groups/999/members", headers=member.headers).status_code == 404
    assert client.delete("/api/v1/groups/999/members/me", headers=member.headers).status_code == 404
    assert client.get("/api/v1/groups/999/stories").status_code == 404
    assert client.post("/api/v1/groups/1/members").status_code == 401


def test_member_count_is_right_under_concurrent_joins(app, make_member, moderator):
    group = services.create_group("Tech interviews", "", "public", moderator.id)
    group_id = group.id
    people = [make_member() for _ in range(4)]
    # Each person joins from two threads at once: four memberships, no errors.
    joiners = [who.id for who in people for _ in range(2)]
    barrier = threading.Barrier(len(joiners))
    errors: list[BaseException] = []

    def join(user_id: int) -> None:
        with app.app_context():
            try:
                barrier.wait(10)
                services.join_group(group_id, user_id)
            except BaseException as exc:
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=join, args=(uid,)) for uid in joiners]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    assert db.session.query(GroupMembership).filter_by(group_id=group_id).count() == 4
    assert services.group_rows([services.get_group(group_id)], None)[0]["member_count"] == 4


def test_private_group_stories_are_for_members_and_moderators(client, moderator, make_member):
    group_id = create(client, moderator, name="Returning to work", visibility="private").get_json()["id"]
    author, outsider = make_member(), make_member()
    client.post(f"/api/v1/groups/{group_id}/members", headers=author.headers)
    lessons = [("mindset", "A lesson about mindset")]
    story_id = make_story(author, "Back after three years", group=group_id, lessons=lessons).id
    make_story(author, "A public one")

    def group_titles(who=None):
        resp = client.get(f"/api/v1/groups/{group_id}/stories", headers=who.headers if who else {})
        return resp.status_code, [s["title"] for s in resp.get_json().get("items", [])]

    assert group_titles(author) == (200, ["Back after three years"])
    assert group_titles(moderator) == (200, ["Back after three years"])
    assert group_titles(outsider)[0] == 404
    assert group_titles()[0] == 404

    # Everywhere else an outsider looks, the story is absent too.
    feed = client.get("/api/v1/stories", headers=outsider.headers).get_json()["items"]
    assert [s["title"] for s in feed] == ["A public one"]
    assert client.get(f"/api/v1/stories/{story_id}", headers=outsider.headers).status_code == 404
    lessons = client.get("/api/v1/lessons", headers=outsider.headers).get_json()["items"]
    assert story_id not in {lesson["story_id"] for lesson in lessons}

    # Joining opens the group's stories; leaving hides them again.
    client.post(f"/api/v1/groups/{group_id}/members", headers=outsider.headers)
    assert group_titles(outsider) == (200, ["Back after three years"])
    assert client.get(f"/api/v1/stories/{story_id}", headers=outsider.headers).status_code == 200
    client.delete(f"/api/v1/groups/{group_id}/members/me", headers=outsider.headers)
    assert group_titles(outsider)[0] == 404
    assert client.get(f"/api/v1/stories/{story_id}", headers=outsider.headers).status_code == 404


def test_public_group_stories_are_open_and_never_name_the_author(client, moderator, make_member):
    group_id = create(client, moderator, name="New grads").get_json()["id"]
    author = make_member(name="Very Findable Name")
    client.post(f"/api/v1/groups/{group_id}/members", headers=author.headers)
    make_story(author, "First phone screen", group=group_id)
    make_story(author, "Not in the group")
    resp = client.get(f"/api/v1/groups/{group_id}/stories")
    assert resp.status_code == 200
    body = resp.get_json()
    assert [s["title"] for s in body["items"]] == ["First phone screen"]
    assert body["items"][0]["group_id"] == group_id
    text = resp.get_data(as_text=True)
    assert author.email not in text and "Very Findable Name" not in text
    assert "author_id" not in body["items"][0]


def test_openapi_lists_the_group_endpoints(client):
    paths = set(client.get("/api/v1/openapi.json").get_json()["paths"])
    assert {
        "/api/v1/groups",
        "/api/v1/groups/{group_id}/members",
        "/api/v1/groups/{group_id}/members/me",
        "/api/v1/groups/{group_id}/stories",
    } <= paths
