"""The toolkit at rest: encrypted in the database, readable again after a key rotation, and absent from
logs and from what anyone else can reach."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from community.extensions import db
from community.toolkit import debriefs
from tests.factories import SECRET_COMPANY, SECRET_FEEDBACK, SECRET_NOTE, SECRET_WELL

SECRETS = (SECRET_COMPANY, SECRET_NOTE, SECRET_WELL, SECRET_FEEDBACK, "Plumtwine action", "Ravelshore week")


def _fill_toolkit(client, who, make_debrief) -> int:
    made = make_debrief(who, feedback=SECRET_FEEDBACK)
    client.put("/api/v1/me/plan", json={"actions": [{"text": "Plumtwine action"}]}, headers=who.headers)
    client.post(
        "/api/v1/me/plan/check-ins", json={"applications": 3, "note": "Ravelshore week"}, headers=who.headers
    )
    return made["id"]


def _raw_rows() -> str:
    dump = []
    for table in ("debrief", "plan_action", "check_in", "rebound_plan"):
        dump += [repr(tuple(row)) for row in db.session.execute(text(f"SELECT * FROM {table}"))]
    return "\n".join(dump)


def test_the_database_holds_no_plaintext(client, member, make_debrief):
    _fill_toolkit(client, member, make_debrief)
    raw = _raw_rows()
    assert "gAAAA" in raw  # Fernet tokens are there...
    for secret in SECRETS + ("Support engineer", "Had not read about"):
        assert secret not in raw, secret  # ...and none of the words
    # Through the API the owner reads it all back.
    listed = client.get("/api/v1/me/debriefs", headers=member.headers).get_data(as_text=True)
    assert SECRET_NOTE in listed and SECRET_WELL in listed


def _rotate(runner, app, keys: str):
    app.config["TOOLKIT_KEY"] = keys
    result = runner.invoke(args=["toolkit", "rotate-key"])
    assert result.exit_code == 0, result.output
    return result.output


def test_rotating_the_key_keeps_everything_readable(app, client, runner, member, make_debrief):
    debrief_id = _fill_toolkit(client, member, make_debrief)
    before = _raw_rows()

    # A new key first, the old one (derived from SECRET_KEY) after it.
    output = _rotate(runner, app, f"a brand new toolkit key, {app.config['SECRET_KEY']}")
    assert "3 rows re-encrypted" in output
    after = _raw_rows()
    assert after != before
    db.session.expire_all()

    # Only the new key now: everything still reads back.
    app.config["TOOLKIT_KEY"] = "a brand new toolkit key"
    shown = client.get(f"/api/v1/me/debriefs/{debrief_id}", headers=member.headers).get_json()
    assert shown["company"] == SECRET_COMPANY and shown["feedback"] == SECRET_FEEDBACK
    plan = client.get("/api/v1/me/plan", headers=member.headers).get_json()
    assert plan["actions"][0]["text"] == "Plumtwine action"

    # The old key alone no longer opens the rows.
    app.config["TOOLKIT_KEY"] = ""
    db.session.expire_all()
    with pytest.raises(RuntimeError, match="TOOLKIT_KEY"):
        debriefs.all_own(member.id)


def test_a_fernet_key_can_be_given_as_is(app, client, member, make_debrief):
    from cryptography.fernet import Fernet

    key = Fernet.generate_key().decode()
    app.config["TOOLKIT_KEY"] = key
    debrief_id = _fill_toolkit(client, member, make_debrief)
    token = db.session.execute(
        text("SELECT company FROM debrief WHERE id = :id"), {"id": debrief_id}
    ).scalar()
    assert Fernet(key.encode()).decrypt(token.encode()).decode() == SECRET_COMPANY


def test_nothing_of_it_reaches_the_logs(app, client, member, make_debrief, caplog):
    caplog.set_level(logging.DEBUG)
    debrief_id = _fill_toolkit(client, member, make_debrief)
    client.post(
        f"/api/v1/me/debriefs/{debrief_id}/feedback-request",
        json={"follow_up_days": 99},
        headers=member.headers,
    )
    client.put(f"/api/v1/me/debriefs/{debrief_id}", json={"company": "x" * 200}, headers=member.headers)
    logged = caplog.text
    for secret in SECRETS:
        assert secret not in logged


def test_other_members_never_see_it(client, member, make_member, make_debrief):
    _fill_toolkit(client, member, make_debrief)
    for who in (make_member(), make_member("moderator"), make_member("admin")):
        for url in ("/api/v1/me/debriefs", "/api/v1/me/plan", "/api/v1/me/progress", "/api/v1/me/digest"):
            body = client.get(url, headers=who.headers).get_data(as_text=True)
            for secret in SECRETS:
                assert secret not in body, (url, secret)


def test_no_cache_keeps_a_copy(app, client, member, make_debrief):
    made = make_debrief(member)
    resp = client.get(f"/api/v1/me/debriefs/{made['id']}", headers=member.headers)
    assert resp.headers["Cache-Control"] == "no-store"
    browser = app.test_client()
    browser.post("/login", data={"email": member.email, "password": member.password})
    for url in (f"/me/debriefs/{made['id']}", "/me/plan", "/me/progress"):
        assert browser.get(url).headers["Cache-Control"] == "no-store", url
