"""/healthz, and the site staying up while Redis or the database is away."""

from __future__ import annotations

from community import create_app
from community.accounts.models import User
from community.extensions import db
from tests.helpers import free_port


def test_healthz_reports_both_parts_ok(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert resp.get_json() == {"db": "ok", "redis": "ok"}


def test_without_redis_health_says_so_and_the_site_keeps_serving(
    client, redis_server, member, mailbox, run_jobs
):
    redis_server.stop()
    try:
        resp = client.get("/healthz")
        assert resp.status_code == 503
        assert resp.get_json() == {"db": "ok", "redis": "down"}

        assert client.get("/").status_code == 200
        assert client.get("/login").status_code == 200
        resp = client.post(
            "/api/v1/users",
            json={"email": "offline@example.org", "password": "a long password", "display_name": "Off"},
        )
        assert resp.status_code == 202
        assert db.session.query(User).filter_by(email="offline@example.org").one().email_confirmed_at is None

        resp = client.post("/login", data={"email": member.email, "password": member.password})
        assert resp.status_code == 302
        assert client.get("/settings").status_code == 200
    finally:
        redis_server.start()
    assert client.get("/healthz").status_code == 200
    # The link that could not be queued during the outage is one click away once Redis is back.
    resend = client.post("/api/v1/email-confirmations/resend", json={"email": "offline@example.org"})
    assert resend.status_code == 202
    run_jobs()
    assert [m["Subject"] for m in mailbox.to("offline@example.org")] == ["Confirm your email for Rebound"]


def test_without_the_database_answers_are_a_clear_503(redis_server):
    # Nothing listens on this port: the database is unreachable from the start.
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"postgresql+psycopg://rebound@127.0.0.1:{free_port()}/rebound",
            "REDIS_URL": redis_server.url,
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "test-secret",
        }
    )
    client = app.test_client()

    resp = client.get("/healthz")
    assert resp.status_code == 503
    assert resp.get_json() == {"db": "down", "redis": "ok"}

    resp = client.post(
        "/api/v1/users",
        json={"email": "someone@example.org", "password": "a long password", "display_name": "S"},
    )
    assert resp.status_code == 503
    assert resp.get_json()["error"]["code"] == "unavailable"
    assert "Retry-After" in resp.headers

    resp = client.post("/login", data={"email": "someone@example.org", "password": "a long password"})
    assert resp.status_code == 503
    page = resp.get_data(as_text=True)
    assert "briefly unavailable" in page
    assert "Traceback" not in page
    with app.app_context():
        db.engine.dispose()
