"""schemathesis drives every operation of /api/v1/openapi.json in-process, with valid and invalid input.

Whatever it sends, the API must never answer 5xx, and every answer must match the published spec: a
documented status, the declared content type and the declared response schema. It calls as a member (as a
moderator for the moderators' operations), in a small community whose low ids exist, so generated path ids
reach real stories, groups, mentors and review items as well as missing ones.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from community import create_app
from tests.factories import build_world, make_mentorship_request, make_people, make_review_item, make_rule

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 15


def _operations() -> list[tuple[str, str]]:
    # Only the document is read: no database is touched.
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "spec-only"})
    doc = app.test_client().get("/api/v1/openapi.json").get_json()
    return sorted((method.upper(), path) for path, ops in doc["paths"].items() for method in ops)


def _caller_headers(world, method: str, path: str) -> dict[str, str]:
    if path == "/api/v1/tokens" and method == "POST":
        return {}  # HTTP Basic, as schemathesis generates it
    moderators_only = path.startswith("/api/v1/moderation/") or (method, path) == ("POST", "/api/v1/groups")
    return world.people["moderator" if moderators_only else "member"].headers


@pytest.mark.parametrize(("method", "path"), _operations())
def test_api_never_fails_and_keeps_to_its_spec(app, make_member, method, path):
    world = build_world(make_people(make_member))
    make_mentorship_request(world.mentor, world.people["member"])
    make_review_item(world.writer)
    make_rule()
    headers = _caller_headers(world, method, path)

    operation = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)[path][method]
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
    )

    @given(case=cases)
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def call(case) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    call()


def test_what_schemathesis_found_stays_fixed(client, member, moderator):
    """Ids past the database's integer range, and JSON nested past the parser's stack, are the client's
    mistakes (404, 422, 400), not server errors; both were 500s on PostgreSQL."""
    huge = 2**31
    for url in (f"/api/v1/stories/{huge}", f"/api/v1/groups/{huge}", f"/stories/{huge}"):
        assert client.get(url, headers=member.headers).status_code == 404, url
    assert client.delete(f"/api/v1/stories/{huge}", headers=member.headers).status_code == 404
    assert client.post(f"/api/v1/mentorship-requests/{huge}/close", headers=member.headers).status_code == 404
    assert client.get(f"/api/v1/stories?group_id={huge}").status_code == 422
    assert (
        client.get(f"/api/v1/moderation/log?target_id={huge}", headers=moderator.headers).status_code == 422
    )
    story = {
        "title": "t",
        "body": "b",
        "lessons": [{"category": "answers", "text": "l"}],
        "stage": "other",
        "industry": "i",
        "group_id": huge,
    }
    resp = client.post("/api/v1/stories", headers=member.headers, json=story)
    assert resp.status_code == 422 and "group_id" in resp.get_json()["error"]["fields"]
    deep = "[" * 100_000
    resp = client.post(
        "/api/v1/stories", headers=member.headers, data=deep[:60_000], content_type="application/json"
    )
    assert resp.status_code == 400
