from __future__ import annotations

import re

import pytest

from community.extensions import db
from community.feed.rule import is_member
from community.groups import services
from community.groups.models import SupportGroup
from tests.factories import make_story
from tests.helpers import sign_in


def test_groups_page_lists_groups_with_join_buttons(client, moderator, member):
    services.create_group("Career changers", "Teachers into *operations*.", "public", moderator.id)
    html = client.get("/groups").get_data(as_text=True)
    assert "Career changers" in html and "<em>operations</em>" in html
    assert "Sign in to join" in html and "Start a group" not in html

    sign_in(client, member)
    html = client.get("/groups").get_data(as_text=True)
    assert "Join Career changers" in html and "Start a group" not in html
    resp = client.post("/groups/career-changers/join", data={"next": "/groups"})
    assert resp.status_code == 302 and resp.headers["Location"] == "/groups"
    html = client.get("/groups").get_data(as_text=True)
    assert "Leave Career changers" in html and "1 member<" in html


def test_join_button_never_redirects_off_site(client, moderator, member):
    services.create_group("New grads", "", "public", moderator.id)
    sign_in(client, member)
    # Browsers read "\" as "/" and drop tabs and newlines: each of these would have led to another site.
    for target in ("//evil.example/", "/\\evil.example/", "/\t/evil.example/", "/\n/evil.example/"):
        resp = client.post("/groups/new-grads/join", data={"next": target})
        assert resp.status_code == 302 and resp.headers["Location"] == "/groups/new-grads", target


def test_moderator_creates_a_group_from_the_page(client, moderator, member):
    sign_in(client, member)
    assert client.post("/groups", data={"name": "Nope", "visibility": "public"}).status_code == 403
    client.post("/logout")

    sign_in(client, moderator)
    assert "Start a group" in client.get("/groups").get_data(as_text=True)
    bad = client.post("/groups", data={"name": "", "description": "", "visibility": "public"})
    assert bad.status_code == 422 and "This field is required" in bad.get_data(as_text=True)
    resp = client.post(
        "/groups", data={"name": "Returning to work", "description": "Welcome back.", "visibility": "private"}
    )
    assert resp.status_code == 302 and resp.headers["Location"] == "/groups/returning-to-work"
    group = db.session.query(SupportGroup).one()
    assert (group.visibility, group.created_by_id) == ("private", moderator.id)


def test_private_group_page_shows_stories_to_members_only(client, moderator, make_member):
    group = services.create_group("Returning to work", "Stories for **members**.", "private", moderator.id)
    author, visitor = make_member(), make_member()
    services.join_group(group.id, author.id)
    make_story(author, "Back after three years", group=group)

    html = client.get("/groups/returning-to-work").get_data(as_text=True)
    assert "Stories for <strong>members</strong>." in html
    assert "Back after three years" not in html and "shared with its members only" in html

    sign_in(client, visitor)
    html = client.get("/groups/returning-to-work").get_data(as_text=True)
    assert "Back after three years" not in html and "Join Returning to work" in html
    client.post("/groups/returning-to-work/join")
    html = client.get("/groups/returning-to-work").get_data(as_text=True)
    assert "Back after three years" in html and "Steady Heron" in html
    assert author.display_name not in html and author.email not in html


def test_unknown_group_page_is_a_friendly_404(client):
    resp = client.get("/groups/no-such-group")
    assert resp.status_code == 404 and "<html" in resp.get_data(as_text=True)


@pytest.mark.browser
def test_joining_a_private_group_in_the_browser_reveals_its_stories(page, login, moderator, make_member):
    group = services.create_group("Returning to work", "Honest stories.", "private", moderator.id)
    author, visitor = make_member(), make_member()
    services.join_group(group.id, author.id)
    make_story(author, "Back after three years", group=group)

    login(visitor)
    page.goto("/groups")
    page.click("text=Returning to work")
    assert page.locator("text=shared with its members only").is_visible()
    assert page.locator("text=Back after three years").count() == 0
    page.click("button:has-text('Join Returning to work')")
    page.wait_for_load_state()
    assert page.locator("text=Back after three years").is_visible()
    assert page.locator(".meta >> text=2 members").is_visible()
    page.click("button:has-text('Leave Returning to work')")
    page.wait_for_load_state()
    assert page.locator("text=Back after three years").count() == 0


class TestWithCsrf:
    @pytest.fixture
    def app_config(self) -> dict:
        return {"WTF_CSRF_ENABLED": True}

    def test_join_button_carries_a_csrf_token(self, client, moderator, member):
        services.create_group("New grads", "", "public", moderator.id)

        def token(path: str) -> str:
            html = client.get(path).get_data(as_text=True)
            return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)

        client.post(
            "/login", data={"email": member.email, "password": member.password, "csrf_token": token("/login")}
        )
        assert client.post("/groups/new-grads/join").status_code == 400
        assert client.post("/groups/new-grads/join", data={"csrf_token": token("/groups")}).status_code == 302
        assert is_member(services.group_by_slug("new-grads").id, member.id)
