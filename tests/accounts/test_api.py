from __future__ import annotations

from datetime import timedelta

from community.accounts.models import ApiToken, User
from community.extensions import db
from community.models import utcnow
from tests.factories import story_payload
from tests.helpers import basic, deliver_mail_to, link_token


def test_register_confirm_then_token_then_me(client, mailbox):
    resp = client.post(
        "/api/v1/users",
        json={"email": "Sam@Example.org", "password": "a long password", "display_name": "Sam"},
    )
    assert resp.status_code == 202
    assert resp.get_json() == {"status": "confirmation_sent"}

    # Until the address is confirmed the right password is refused with its own code; a wrong one is 401.
    refused = client.post("/api/v1/tokens", headers=basic("sam@example.org", "a long password"))
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "email_unconfirmed"
    wrong = client.post("/api/v1/tokens", headers=basic("sam@example.org", "not the password"))
    assert wrong.status_code == 401

    user_id = db.session.query(User.id).scalar()
    deliver_mail_to(user_id)
    [mail] = mailbox.to("sam@example.org")
    confirmed = client.post("/api/v1/email-confirmations", json={"token": link_token(mail)})
    assert confirmed.status_code == 200 and confirmed.get_json() == {"id": user_id}

    resp = client.post("/api/v1/tokens", headers=basic("sam@example.org", "a long password"))
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["token"] and body["expires_at"]
    # Only a hash of the token is stored.
    assert db.session.query(ApiToken).filter_by(token_hash=body["token"]).count() == 0

    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"}).get_json()
    created = me.pop("created_at")
    assert created
    assert {k: v for k, v in me.items() if k != "email_notifications"} == {
        "id": user_id,
        "email": "sam@example.org",
        "display_name": "Sam",
        "role": "member",
        "digest": "weekly",
        "industries": [],
    }


def test_a_taken_email_is_answered_like_a_new_one_and_its_owner_is_told(client, member, mailbox):
    resp = client.post(
        "/api/v1/users",
        json={"email": member.email.upper(), "password": "a long password", "display_name": "Other"},
    )
    assert resp.status_code == 202 and resp.get_json() == {"status": "confirmation_sent"}
    deliver_mail_to(member.id)
    [notice] = mailbox.to(member.email)
    assert notice["Subject"] == "Someone tried to sign up to Rebound with your email"
    assert "/forgot-password" in notice.get_body(("plain",)).get_content()
    assert db.session.query(User).count() == 1


def test_bad_fields_are_422_naming_each(client):
    resp = client.post(
        "/api/v1/users", json={"email": "not-an-email", "password": "short", "display_name": " "}
    )
    assert resp.status_code == 422
    fields = resp.get_json()["error"]["fields"]
    assert set(fields) == {"email", "password", "display_name"}
    assert db.session.query(User).count() == 0


def test_missing_fields_are_422(client):
    resp = client.post("/api/v1/users", json={"email": "a@example.org"})
    assert resp.status_code == 422
    assert {"password", "display_name"} <= set(resp.get_json()["error"]["fields"])


def test_malformed_json_is_400(client):
    resp = client.post("/api/v1/users", data="{not json", content_type="application/json")
    assert resp.status_code == 400
    assert resp.get_json()["error"]["code"] == "bad_request"


def test_body_over_64k_is_413(client):
    resp = client.post(
        "/api/v1/users",
        data='{"email": "' + "a" * 70_000 + '"}',
        content_type="application/json",
    )
    assert resp.status_code == 413
    assert resp.get_json()["error"]["code"] == "payload_too_large"


def test_wrong_password_and_unknown_email_get_the_same_answer(client, member):
    wrong = client.post("/api/v1/tokens", headers=basic(member.email, "wrong password!"))
    unknown = client.post("/api/v1/tokens", headers=basic("nobody@example.org", "wrong password!"))
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json() == unknown.get_json()


def test_me_needs_a_valid_token(client, member):
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_expired_token_stops_working(client, member):
    assert client.get("/api/v1/me", headers=member.headers).status_code == 200
    db.session.execute(
        db.update(ApiToken)
        .where(ApiToken.user_id == member.id)
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    db.session.commit()
    resp = client.get("/api/v1/me", headers=member.headers)
    assert resp.status_code == 401 and "expired" in resp.get_json()["error"]["message"]


def test_revoked_token_stops_working(client, member):
    assert client.delete("/api/v1/tokens", headers=member.headers).status_code == 204
    assert client.get("/api/v1/me", headers=member.headers).status_code == 401


def test_preferences(client, member):
    resp = client.put("/api/v1/me/preferences", headers=member.headers, json={"digest": "off"})
    assert resp.status_code == 200 and resp.get_json()["digest"] == "off"
    resp = client.put(
        "/api/v1/me/preferences",
        headers=member.headers,
        json={"industries": ["Software", " software ", "Health"]},
    )
    assert resp.get_json()["industries"] == ["Software", "Health"]
    assert resp.get_json()["digest"] == "off"
    bad = client.put("/api/v1/me/preferences", headers=member.headers, json={"digest": "daily"})
    assert bad.status_code == 422 and "digest" in bad.get_json()["error"]["fields"]
    bad = client.put("/api/v1/me/preferences", headers=member.headers, json={"industries": "Software"})
    assert bad.status_code == 422 and "industries" in bad.get_json()["error"]["fields"]


def test_a_members_industries_include_those_of_their_own_stories(client, member):
    client.put("/api/v1/me/preferences", headers=member.headers, json={"industries": ["Software"]})
    resp = client.post("/api/v1/stories", headers=member.headers, json=story_payload(industry="Healthcare"))
    assert resp.status_code == 202
    me = client.get("/api/v1/me", headers=member.headers).get_json()
    assert me["industries"] == ["Software", "Healthcare"]


def test_unknown_api_route_is_json_404(client):
    resp = client.get("/api/v1/nothing-here")
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"] == "not_found"


def test_openapi_document_lists_the_endpoints(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/users", "/api/v1/tokens", "/api/v1/me", "/api/v1/me/preferences"} <= set(spec["paths"])
