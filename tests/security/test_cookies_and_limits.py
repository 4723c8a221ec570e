"""Session cookies scripts cannot read or send cross-site, and the contract's rate limits.

Limits: log in 10 a minute per address and email (the form and POST /api/v1/tokens), failed log-ins 30 an
hour per address whatever the email and 20 an hour per account whatever the address, register 30 an hour
per address, stories and replies 30 an hour per member. Past them: 429 with Retry-After.
"""

from __future__ import annotations

import pytest

from tests.factories import make_story
from tests.helpers import basic


def _limited(resp) -> None:
    assert resp.status_code == 429, resp.status_code
    assert int(resp.headers["Retry-After"]) > 0
    if resp.is_json:
        assert resp.get_json()["error"]["code"] == "rate_limited"
    else:
        assert "slow down" in resp.get_data(as_text=True)


def test_session_cookie_is_http_only_and_same_site(client, member):
    resp = client.post("/login", data={"email": member.email, "password": member.password})
    assert resp.status_code == 302
    cookies = [value for name, value in resp.headers.items() if name == "Set-Cookie"]
    session = [c for c in cookies if c.startswith("session=")]
    assert session, cookies
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in session[0].split(";")[1:]}
    assert "httponly" in attributes
    assert attributes["samesite"].lower() == "samesite=lax"
    # Every other cookie the sign-in sets is as closed.
    for cookie in cookies:
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie, cookie


@pytest.fixture
def app_config() -> dict:
    return {"RATELIMIT_ENABLED": True}


def test_login_form_allows_ten_tries_a_minute_per_address_and_email(client, member, make_member):
    wrong = {"email": member.email, "password": "not the password"}
    for _ in range(10):
        assert client.post("/login", data=wrong).status_code == 422
    _limited(client.post("/login", data={"email": member.email, "password": member.password}))
    assert client.get("/settings").status_code == 302, "the eleventh try must not sign in"
    # Another email from the same address, and the same email from another address, still get their ten.
    other = make_member()
    resp = client.post("/login", data={"email": other.email, "password": other.password})
    assert resp.status_code == 302
    client.post("/logout")
    elsewhere = {"REMOTE_ADDR": "192.0.2.7"}
    resp = client.post(
        "/login", data={"email": member.email, "password": member.password}, environ_overrides=elsewhere
    )
    assert resp.status_code == 302


@pytest.mark.parametrize("where", ["form", "api"])
def test_one_address_gets_thirty_failed_sign_ins_an_hour_whatever_the_emails(client, member, where):
    def sign_in(email: str, password: str):
        if where == "form":
            return client.post("/login", data={"email": email, "password": password})
        return client.post("/api/v1/tokens", headers=basic(email, password))

    # Guessing one common password against many accounts, one try each: the per-email limit never trips.
    for n in range(30):
        assert sign_in(f"someone{n}@example.org", "Summer2026!").status_code in (401, 422)
    _limited(sign_in(member.email, member.password))
    elsewhere = {"REMOTE_ADDR": "192.0.2.7"}
    if where == "form":
        resp = client.post(
            "/login", data={"email": member.email, "password": member.password}, environ_overrides=elsewhere
        )
        assert resp.status_code == 302
    else:
        resp = client.post(
            "/api/v1/tokens", headers=basic(member.email, member.password), environ_overrides=elsewhere
        )
        assert resp.status_code == 200


def test_one_account_gets_twenty_failed_sign_ins_an_hour_whatever_the_addresses(client, member):
    for n in range(20):
        resp = client.post(
            "/api/v1/tokens",
            headers=basic(member.email, "not it"),
            environ_overrides={"REMOTE_ADDR": f"198.51.100.{n}"},
        )
        assert resp.status_code == 401
    fresh = {"REMOTE_ADDR": "203.0.113.9"}
    _limited(
        client.post("/api/v1/tokens", headers=basic(member.email, member.password), environ_overrides=fresh)
    )


def test_token_endpoint_allows_ten_tries_a_minute_per_address_and_email(client, member):
    for _ in range(10):
        assert client.post("/api/v1/tokens", headers=basic(member.email, "not it")).status_code == 401
    _limited(client.post("/api/v1/tokens", headers=basic(member.email, member.password)))
    elsewhere = {"REMOTE_ADDR": "192.0.2.7"}
    resp = client.post(
        "/api/v1/tokens", headers=basic(member.email, member.password), environ_overrides=elsewhere
    )
    assert resp.status_code == 200


@pytest.mark.parametrize("where", ["form", "api"])
def test_registering_allows_thirty_an_hour_per_address(client, where):
    def register(n: int, **environ):
        body = {"email": f"new{n}@example.org", "password": "a long password", "display_name": f"New {n}"}
        if where == "form":
            return client.post("/register", data=body, environ_overrides=environ)
        return client.post("/api/v1/users", json=body, environ_overrides=environ)

    for n in range(30):
        resp = register(n)
        # The form shows "check your mail"; the API accepts with 202.
        assert resp.status_code in (200, 202), resp.status_code
    _limited(register(30))
    assert register(31, REMOTE_ADDR="192.0.2.7").status_code in (200, 202)


STORY = {
    "title": "The offer went to an internal candidate",
    "body": "I asked for feedback and got some.",
    "lessons": [{"category": "follow_up", "text": "Ask for feedback, politely, once."}],
    "stage": "final_round",
    "industry": "Software",
}


def test_stories_are_limited_to_thirty_an_hour_per_member(client, member, make_member):
    for _ in range(30):
        assert client.post("/api/v1/stories", headers=member.headers, json=STORY).status_code == 202
    _limited(client.post("/api/v1/stories", headers=member.headers, json=STORY))
    # The story form draws on the same budget; another member has their own.
    client.post("/login", data={"email": member.email, "password": member.password})
    _limited(client.post("/stories/new", data={"title": "One more"}))
    other = make_member()
    assert client.post("/api/v1/stories", headers=other.headers, json=STORY).status_code == 202


def test_replies_are_limited_to_thirty_an_hour_per_member(client, member, make_member):
    story_id = make_story(make_member()).id
    url = f"/api/v1/stories/{story_id}/replies"
    for _ in range(30):
        assert (
            client.post(url, headers=member.headers, json={"body": "You will get there."}).status_code == 202
        )
    _limited(client.post(url, headers=member.headers, json={"body": "One more."}))
    client.post("/login", data={"email": member.email, "password": member.password})
    _limited(client.post(f"/stories/{story_id}/replies", data={"body": "One more."}))
    other = make_member()
    assert client.post(url, headers=other.headers, json={"body": "Me too."}).status_code == 202


@pytest.mark.parametrize("url", ["/api/v1/password-resets", "/api/v1/email-confirmations/resend"])
def test_link_mails_are_five_an_hour_per_email(client, member, url):
    for n in range(5):
        resp = client.post(
            url, json={"email": member.email}, environ_overrides={"REMOTE_ADDR": f"198.51.100.{n}"}
        )
        assert resp.status_code == 202
    _limited(client.post(url, json={"email": member.email}))
    # Another address's mails are not held back by it.
    assert client.post(url, json={"email": "someone-else@example.org"}).status_code == 202
