"""The database locked or unreachable for a moment: clear 503s from gunicorn (JSON under /api/, a page
elsewhere), never a 500; and once it is back, everything works and nothing is damaged."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.engine import make_url

from community.extensions import db
from tests.factories import story_payload
from tests.helpers import Client, free_port

pytestmark = pytest.mark.slow


def assert_unavailable_json(resp) -> None:
    assert resp.status == 503, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.json()["error"]["code"] == "unavailable"
    assert "retry-after" in resp.headers


def assert_unavailable_page(resp) -> None:
    assert resp.status == 503, resp.text
    assert resp.headers["content-type"].startswith("text/html")
    assert "briefly unavailable" in resp.text
    assert "Traceback" not in resp.text


def sign_in(web: Client, who) -> Client:
    """A browser session signed in through the real form (with its CSRF token)."""
    browser = Client(web.port)
    form = browser.get("/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    resp = browser.post("/login", form={"email": who.email, "password": who.password, "csrf_token": token})
    assert resp.status == 302, resp.text
    assert browser.get("/settings").status == 200
    return browser


def test_database_locked_longer_than_the_busy_timeout_answers_503_then_recovers_intact(
    processes, make_member, run_jobs, database, database_lock, database_url
):
    web = processes.gunicorn(DATABASE_BUSY_TIMEOUT="0.5")
    author = make_member()
    posted = web.post("/api/v1/stories", json_body=story_payload(1), headers=author.headers)
    assert posted.status == 202
    story_id = posted.json()["id"]
    run_jobs()
    browser = sign_in(web, author)

    # (What visitors read from the feed cache in Redis may still be served; these need the database.)
    with database_lock():
        assert_unavailable_json(web.get("/api/v1/stories", headers=author.headers))
        assert_unavailable_json(web.get(f"/api/v1/stories/{story_id}"))
        assert_unavailable_json(
            web.post("/api/v1/stories", json_body=story_payload(2), headers=author.headers)
        )
        assert_unavailable_page(web.get("/lessons"))
        assert_unavailable_page(web.get(f"/stories/{story_id}"))
        assert_unavailable_page(browser.get("/settings"))
        assert_unavailable_page(browser.get("/me/stories"))

    assert web.get("/healthz").json() == {"db": "ok", "redis": "ok"}
    listed = web.get("/api/v1/stories").json()
    assert [item["id"] for item in listed["items"]] == [story_id]
    assert web.get("/").status == 200
    assert web.get(f"/stories/{story_id}").status == 200
    assert browser.get("/settings").status == 200
    again = web.post("/api/v1/stories", json_body=story_payload(3), headers=author.headers)
    assert again.status == 202
    # The post refused with 503 was not half-stored: the author has the first and the last.
    mine = web.get("/api/v1/me/stories", headers=author.headers).json()["items"]
    assert sorted(item["id"] for item in mine) == [story_id, again.json()["id"]]
    assert database("SELECT COUNT(*) FROM lesson")[0][0] == 2 * len(story_payload(0)["lessons"])
    if make_url(database_url).get_backend_name() == "sqlite":
        assert database("PRAGMA integrity_check") == [("ok",)]


def test_postgresql_connections_terminated_under_the_app_are_replaced_without_an_error(
    processes, make_member, database, database_url
):
    if make_url(database_url).get_backend_name() != "postgresql":
        pytest.skip("server-side connections are PostgreSQL's")
    author = make_member()
    web = processes.gunicorn()
    for _ in range(4):  # every gunicorn worker holds a pooled connection by now
        assert web.get("/api/v1/stories").status == 200
        assert web.get("/api/v1/me", headers=author.headers).status == 200

    # What a database restart or an administrator's pg_terminate_backend does to the pool.
    db.session.remove()  # the test's own session is not the subject here
    terminated = database(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    assert terminated

    for _ in range(4):
        assert web.get("/api/v1/stories").status == 200
        assert web.get("/api/v1/me", headers=author.headers).status == 200
        assert web.get("/").status == 200
    posted = web.post("/api/v1/stories", json_body=story_payload(1), headers=author.headers)
    assert posted.status == 202


@pytest.mark.parametrize("kind", ["postgresql", "sqlite"])
def test_database_unreachable_answers_503_everywhere(processes, make_member, kind, tmp_path):
    url = {
        # Nothing listens on the port; the directory does not exist.
        "postgresql": f"postgresql+psycopg://rebound@127.0.0.1:{free_port()}/rebound",
        "sqlite": f"sqlite:///{tmp_path / 'missing' / 'rebound.sqlite'}",
    }[kind]
    member = make_member()
    web = processes.gunicorn(DATABASE_URL=url)

    health = web.get("/healthz")
    assert health.status == 503
    assert health.json() == {"db": "down", "redis": "ok"}
    assert_unavailable_json(web.get("/api/v1/stories"))
    assert_unavailable_json(web.get("/api/v1/me", headers=member.headers))
    assert_unavailable_json(
        web.post(
            "/api/v1/users",
            json_body={"email": "new@example.org", "password": "a long password", "display_name": "New"},
        )
    )
    assert_unavailable_page(web.get("/"))
    assert_unavailable_page(web.get("/lessons"))
    for path in ("/login", "/register"):
        assert web.get(path).status in (200, 503)
