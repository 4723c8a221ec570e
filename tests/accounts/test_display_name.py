"""Display names are checked at registration and on change: no contact details, nothing a block rule matches."""

from __future__ import annotations

import pytest

from community.moderation import keyword_rules


@pytest.fixture(autouse=True)
def block_rule(app):
    keyword_rules.add_rule("scammer*", "block", "Insults")


@pytest.mark.parametrize(
    "name",
    [
        "Sam Doe sam.doe@example.org",
        "Sam (call 415 555 0134)",
        "Sam linkedin.com/in/samdoe",
        "Sam ＠samdoe@mastodon.social",
    ],
)
def test_contact_details_are_refused_at_registration(client, name):
    resp = client.post(
        "/api/v1/users",
        json={"email": "new@example.org", "password": "a long password 9", "display_name": name},
    )
    assert resp.status_code == 422
    assert "contact details" in resp.get_json()["error"]["fields"]["display_name"]


def test_a_member_changes_their_display_name_through_the_same_checks(client, member):
    url = "/api/v1/me/preferences"
    resp = client.put(url, headers=member.headers, json={"display_name": "Scammer Hunter"})
    assert resp.status_code == 422 and "display_name" in resp.get_json()["error"]["fields"]
    resp = client.put(
        url, headers=member.headers, json={"display_name": "reach me at sam at example dot org"}
    )
    assert resp.status_code == 422
    assert client.put(url, headers=member.headers, json={"display_name": "  "}).status_code == 422
    assert client.get("/api/v1/me", headers=member.headers).get_json()["display_name"] == member.display_name

    resp = client.put(url, headers=member.headers, json={"display_name": "  Sam from Leeds "})
    assert resp.status_code == 200 and resp.get_json()["display_name"] == "Sam from Leeds"


def test_the_settings_page_changes_it_and_keeps_what_was_typed_on_error(client, member):
    assert client.post("/login", data={"email": member.email, "password": member.password}).status_code == 302
    page = client.get("/settings").get_data(as_text=True)
    assert f'value="{member.display_name}"' in page
    resp = client.post("/settings", data={"digest": "weekly", "display_name": "Sam 07700 900123"})
    assert resp.status_code == 422
    assert 'value="Sam 07700 900123"' in resp.get_data(as_text=True)
    assert client.post("/settings", data={"digest": "weekly", "display_name": "Sam"}).status_code == 302
    assert client.get("/api/v1/me", headers=member.headers).get_json()["display_name"] == "Sam"
