"""The toolkit in the account's life: the member's export holds it, decrypted, nobody else's does, and
deleting the account erases it."""

from __future__ import annotations

from sqlalchemy import text

from community.extensions import db
from tests.factories import SECRET_COMPANY, SECRET_NOTE


def test_the_export_holds_the_toolkit_and_only_the_members_own(client, member, make_member, make_debrief):
    made = make_debrief(member)
    client.put("/api/v1/me/plan", json={"actions": [{"text": "Walk every day"}]}, headers=member.headers)
    client.post(
        "/api/v1/me/plan/check-ins", json={"applications": 3, "note": "Steady"}, headers=member.headers
    )
    other = make_member()
    make_debrief(other, company="Someone Else Ltd")

    export = client.get("/api/v1/me/export", headers=member.headers).get_json()
    toolkit = export["toolkit"]
    (debrief,) = toolkit["debriefs"]
    assert debrief["id"] == made["id"] and debrief["company"] == SECRET_COMPANY
    assert debrief["audit"]["answers"]["notes"] == SECRET_NOTE
    assert toolkit["plan"]["actions"][0]["text"] == "Walk every day"
    assert toolkit["check_ins"][0]["note"] == "Steady"
    assert "Someone Else Ltd" not in str(export)
    assert SECRET_COMPANY not in str(client.get("/api/v1/me/export", headers=other.headers).get_json())


def test_deleting_the_account_erases_the_toolkit(client, member, make_member, make_debrief):
    make_debrief(member)
    client.post("/api/v1/me/plan/check-ins", json={"applications": 3}, headers=member.headers)
    client.put("/api/v1/me/plan", json={"actions": [{"text": "Walk every day"}]}, headers=member.headers)
    other = make_member()
    make_debrief(other)
    resp = client.delete(
        "/api/v1/me", json={"password": member.password, "stories": "delete"}, headers=member.headers
    )
    assert resp.status_code == 204
    for table in ("debrief", "plan_action", "check_in", "rebound_plan"):
        rows = db.session.execute(text(f"SELECT user_id FROM {table}")).scalars().all()
        assert member.id not in rows, table
    assert db.session.execute(text("SELECT user_id FROM debrief")).scalars().all() == [other.id]
