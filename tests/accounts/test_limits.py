"""Login and registration limits (Flask-Limiter on Redis, in memory while Redis is away)."""

from __future__ import annotations

import pytest

from community.accounts.models import User
from community.extensions import db
from tests.helpers import basic


@pytest.fixture
def app_config() -> dict:
    return {"RATELIMIT_ENABLED": True}


def assert_limited(resp) -> None:
    assert resp.status_code == 429
    assert int(resp.headers["Retry-After"]) > 0
    assert "Traceback" not in resp.get_data(as_text=True)


def test_eleventh_token_request_in_a_minute_is_429(client, member):
    for _ in range(10):
        assert client.post("/api/v1/tokens", headers=basic(member.email, "wrong password")).status_code == 401
    resp = client.post("/api/v1/tokens", headers=basic(member.email, member.password))
    assert_limited(resp)
    assert resp.get_json()["error"]["code"] == "rate_limited"


def test_eleventh_login_form_post_in_a_minute_is_429(client, member):
    for _ in range(10):
        resp = client.post("/login", data={"email": member.email, "password": "wrong password"})
        assert resp.status_code == 422
    resp = client.post("/login", data={"email": member.email, "password": member.password})
    assert_limited(resp)
    assert resp.mimetype == "text/html"
    assert "slow down" in resp.get_data(as_text=True)
    # Still signed out: the right password past the limit does not sign in.
    assert client.get("/settings").status_code == 302
    # Reading the form is not limited.
    assert client.get("/login").status_code == 200


def test_registering_is_limited_to_30_an_hour(client):
    for n in range(30):
        bad = {"email": f"p{n}@example.org", "password": "short", "display_name": "P"}
        assert client.post("/api/v1/users", json=bad).status_code == 422
    good = {"email": "late@example.org", "password": "a long password", "display_name": "Late"}
    assert_limited(client.post("/api/v1/users", json=good))

    for n in range(30):
        form = {"email": f"p{n}@example.org", "password": "short", "display_name": "P"}
        assert client.post("/register", data=form).status_code == 422
    assert_limited(client.post("/register", data=good))
    assert db.session.query(User).count() == 0


def test_login_keeps_working_and_limited_while_redis_is_down(client, member, redis_server):
    redis_server.stop()
    try:
        resp = client.post("/api/v1/tokens", headers=basic(member.email, member.password))
        assert resp.status_code == 200 and resp.get_json()["token"]
        # Counted in memory meanwhile: the limit still holds.
        codes = [
            client.post("/api/v1/tokens", headers=basic(member.email, "wrong password")).status_code
            for _ in range(10)
        ]
        assert codes == [401] * 9 + [429]
        resp = client.post("/login", data={"email": member.email, "password": member.password})
        assert resp.status_code == 302
        assert client.get("/settings").status_code == 200
    finally:
        redis_server.start()
