"""Whatever a client sends to these endpoints, the answer is a clear 4xx, never a 500."""

from __future__ import annotations

import pytest

from community.extensions import db
from community.groups.models import SupportGroup
from community.mentorship.models import MentorProfile, MentorshipRequest
from tests.factories import profile_payload

ODD = [None, -1, 10**30, 1.5, True, "", "x" * 70_000, [], {}, [1], "\x00", "nul\x00inside"]


@pytest.mark.parametrize("field", ["headline", "bio", "expertise", "industries", "capacity", "accepting"])
def test_odd_profile_values(client, member, field):
    for value in ODD:
        resp = client.put(
            "/api/v1/me/mentor-profile", headers=member.headers, json=profile_payload(**{field: value})
        )
        assert resp.status_code in (200, 413, 422), (
            value if len(str(value)) < 50 else "long",
            resp.status_code,
        )
    assert all("\x00" not in p.headline + p.bio for p in db.session.query(MentorProfile))


def test_odd_requests_and_groups(client, make_member, moderator, volunteer):
    mentee = make_member()
    mentor_id = volunteer(make_member())
    for value in ODD:
        resp = client.post(
            f"/api/v1/mentors/{mentor_id}/requests", headers=mentee.headers, json={"message": value}
        )
        assert resp.status_code in (413, 422), value
        for body in (
            {"name": value},
            {"name": "n", "visibility": value},
            {"name": "n", "description": value},
        ):
            resp = client.post("/api/v1/groups", headers=moderator.headers, json=body)
            assert resp.status_code in (201, 413, 422), (body, resp.status_code)
    assert db.session.query(MentorshipRequest).count() == 0
    assert all("\x00" not in g.name + g.description for g in db.session.query(SupportGroup))
    for raw in ("[]", "null", '"x"', "{bad", "1"):
        resp = client.put(
            "/api/v1/me/mentor-profile", headers=mentee.headers, data=raw, content_type="application/json"
        )
        assert resp.status_code in (400, 422), raw


def test_odd_queries_and_paths(client):
    for url in (
        "/api/v1/mentors?page=0",
        "/api/v1/mentors?per_page=1000",
        "/api/v1/mentors?industry=%00",
        "/api/v1/groups?page=-1",
        "/api/v1/groups/1/stories?page=abc",
        "/api/v1/mentors/99999999999999999999/requests",
        "/mentors?page=abc&expertise=zzz",
        "/groups?page=99999999999999999999",
        "/groups/%00",
        "/groups/a%20b",
    ):
        assert client.get(url).status_code < 500, url
