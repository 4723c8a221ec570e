"""Who may do what: every /api/v1 endpoint against every kind of caller, with the status each must get.

Each row runs in a fresh community (see `build_world`): "member" wrote the public story and asked "other"
(a mentor) for help; "group_member" belongs to the private group whose story a sixth person wrote. Rows
whose calls change something make a new target for every caller, so callers never see each other's effects.
A new endpoint without a row fails `test_every_api_endpoint_has_a_row`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from community.accounts import services as accounts
from community.accounts.models import User
from community.digest.compose import week_of
from community.extensions import db
from community.models import utcnow
from community.toolkit import debriefs as toolkit_debriefs
from tests.factories import (
    PRIVATE_MARKER,
    ROLES,
    World,
    build_world,
    make_mentorship_request,
    make_people,
    make_reply,
    make_review_item,
    make_rule,
)
from tests.helpers import basic, empty_tables


@dataclass
class Call:
    url: str
    json: dict | None = None
    # Replaces the caller's own Bearer token (for the token endpoints).
    headers: dict[str, str] | None = None


Make = Callable[[World, str], Call]


@dataclass
class Row:
    method: str
    rule: str  # as in app.url_map
    make: Make
    expected: tuple[int, int, int, int, int, int]  # in the order of ROLES
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.method} {self.rule}" + (f" ({self.label})" if self.label else "")


def at(url: str, json: dict | None = None) -> Make:
    """A fixed URL; `{w.…}` is filled in from the world."""
    return lambda w, role: Call(url.format(w=w), json)


def everyone(status: int) -> tuple:
    return (status,) * 6


def signed_in(status: int) -> tuple:
    return (401,) + (status,) * 5


def moderators(status: int) -> tuple:
    return (401, 403, 403, 403, status, status)


# anonymous, member, other, group member, moderator, admin
PRIVATE = (404, 404, 404, 200, 200, 200)
PRIVATE_POST = (401, 404, 404, 202, 202, 202)
PRIVATE_CHANGE = (401, 404, 404, 200, 200, 200)

STORY = {
    "title": "The panel asked about a gap year",
    "body": "I was not ready for it.",
    "lessons": [{"category": "answers", "text": "Have a short, honest answer ready."}],
    "stage": "onsite",
    "industry": "Software",
}
DEBRIEF = {
    "company": "Acme",
    "stage": "onsite",
    "interviewed_on": "2026-11-02",
    "audit": {"answers": {"rating": 2}},
}
OWNER_ONLY = (401, 200, 404, 404, 404, 404)
PROFILE = {
    "headline": "Recruiter for ten years",
    "bio": "Happy to read CVs.",
    "expertise": ["materials"],
    "industries": ["Software"],
    "capacity": 3,
    "accepting": True,
}


def _credentials(w: World, role: str) -> Call:
    who = w.people.get(role)
    return Call("/api/v1/tokens", headers=basic(who.email, who.password) if who else {})


def _fresh_token(w: World, role: str) -> Call:
    who = w.people.get(role)
    if who is None:
        return Call("/api/v1/tokens")
    token, _ = accounts.issue_token(db.session.get(User, who.id))
    return Call("/api/v1/tokens", headers={"Authorization": f"Bearer {token}"})


def _new_account(w: World, role: str) -> Call:
    body = {"email": f"new-{role}@example.org", "password": "a long password", "display_name": "New"}
    return Call("/api/v1/users", body)


RESEND = "/api/v1/email-confirmations/resend"
RESET = "/api/v1/password-resets/not-a-token"
NEW_PW = {"new_password": "another long password"}
NEW_EMAIL = {"email": "moved@example.org"}


def _own(url: str, field: str | None = None, body: dict | None = None) -> Make:
    """A call on the caller's own account: a new account of the caller's kind for each caller, since the
    call may end its sessions or erase it, proven with its own password."""

    def make(w: World, role: str) -> Call:
        password = "a long password for this"
        payload = {field: password, **(body or {})} if field else body
        if role == "anonymous":
            return Call(url, payload, headers={})
        kind = role if role in ("moderator", "admin") else "member"
        user = accounts.create_account(f"own-{next(_OWN)}@example.org", password, "Own", kind, confirmed=True)
        token, _ = accounts.issue_token(user)
        return Call(url, payload, headers={"Authorization": f"Bearer {token}"})

    return make


_OWN = itertools.count(1)


def _request_to_other(action: str) -> Make:
    def make(w: World, role: str) -> Call:
        request_id = make_mentorship_request(w.mentor, w.people["member"]).id
        return Call(f"/api/v1/mentorship-requests/{request_id}/{action}")

    return make


def _members_debrief(suffix: str = "", body: dict | None = None) -> Make:
    """A new private debrief of "member" for each caller: only its owner may reach it."""

    def make(w: World, role: str) -> Call:
        made = toolkit_debriefs.create(w.people["member"].id, DEBRIEF)
        return Call(f"/api/v1/me/debriefs/{made.id}{suffix}", body)

    return make


THIS_WEEK = week_of(utcnow())
STORY_URL = "/api/v1/stories/<int:story_id>"
REPLIES = "/api/v1/stories/<int:story_id>/replies"
REACTIONS = "/api/v1/stories/<int:story_id>/reactions"
REACTION = "/api/v1/stories/<int:story_id>/reactions/<kind>"
REPORTS = "/api/v1/stories/<int:story_id>/reports"
GROUP_STORIES = "/api/v1/groups/<int:group_id>/stories"
DEBRIEF_URL = "/api/v1/me/debriefs/<int:debrief_id>"

TABLE = [
    # accounts
    Row("POST", "/api/v1/tokens", _credentials, signed_in(200), "HTTP Basic as each caller"),
    Row("DELETE", "/api/v1/tokens", _fresh_token, signed_in(204)),
    Row("POST", "/api/v1/users", _new_account, everyone(202)),
    Row(
        "POST",
        "/api/v1/email-confirmations",
        at("/api/v1/email-confirmations", {"token": "x.y"}),
        everyone(400),
    ),
    Row(
        "POST", "/api/v1/email-confirmations/resend", at(RESEND, {"email": "who@example.org"}), everyone(202)
    ),
    Row(
        "POST",
        "/api/v1/password-resets",
        at("/api/v1/password-resets", {"email": "who@example.org"}),
        everyone(202),
    ),
    Row(
        "POST",
        "/api/v1/password-resets/<token>",
        at(RESET, {"password": "a long new password"}),
        everyone(400),
    ),
    Row(
        "PUT", "/api/v1/me/password", _own("/api/v1/me/password", "current_password", NEW_PW), signed_in(204)
    ),
    Row("PUT", "/api/v1/me/email", _own("/api/v1/me/email", "password", NEW_EMAIL), signed_in(202)),
    Row("POST", "/api/v1/me/sign-out-everywhere", _own("/api/v1/me/sign-out-everywhere"), signed_in(204)),
    Row("GET", "/api/v1/me/export", at("/api/v1/me/export"), signed_in(200)),
    # notifications
    Row("GET", "/api/v1/me/notifications", at("/api/v1/me/notifications?unread=true"), signed_in(200)),
    Row("GET", "/api/v1/me/notifications/count", at("/api/v1/me/notifications/count"), signed_in(200)),
    Row(
        "POST",
        "/api/v1/me/notifications/read",
        at("/api/v1/me/notifications/read", {"all": True}),
        signed_in(204),
    ),
    Row("DELETE", "/api/v1/me", _own("/api/v1/me", "password", {"stories": "keep"}), signed_in(204)),
    Row("GET", "/api/v1/me", at("/api/v1/me"), signed_in(200)),
    Row("PUT", "/api/v1/me/preferences", at("/api/v1/me/preferences", {"digest": "weekly"}), signed_in(200)),
    Row("GET", "/api/v1/me/digest", at(f"/api/v1/me/digest?week={THIS_WEEK}"), signed_in(200)),
    # stories
    Row("POST", "/api/v1/stories", at("/api/v1/stories", STORY), signed_in(202)),
    Row(
        "POST",
        "/api/v1/stories",
        lambda w, role: Call("/api/v1/stories", {**STORY, "group_id": w.private_group.id}),
        (401, 422, 422, 202, 422, 422),
        "into a group one has not joined",
    ),
    Row("GET", "/api/v1/stories", at("/api/v1/stories"), everyone(200)),
    Row("GET", STORY_URL, at("/api/v1/stories/{w.public_story}"), everyone(200), "public"),
    Row("GET", STORY_URL, at("/api/v1/stories/{w.private_story}"), PRIVATE, "private group"),
    Row("GET", STORY_URL, at("/api/v1/stories/{w.pending_story}"), (404, 200, 404, 404, 200, 200), "pending"),
    Row(
        "DELETE",
        STORY_URL,
        lambda w, role: Call(f"/api/v1/stories/{w.new_public_story()}"),
        (401, 204, 403, 403, 204, 204),
        "public, by member",
    ),
    Row(
        "DELETE",
        STORY_URL,
        lambda w, role: Call(f"/api/v1/stories/{w.new_private_story()}"),
        (401, 404, 404, 403, 204, 204),
        "private group",
    ),
    Row(
        "PATCH",
        STORY_URL,
        lambda w, role: Call(f"/api/v1/stories/{w.new_public_story()}", {"title": "A better title"}),
        (401, 202, 403, 403, 403, 403),
        "public, by member",
    ),
    Row(
        "PATCH",
        STORY_URL,
        lambda w, role: Call(f"/api/v1/stories/{w.new_private_story()}", {"title": "A better title"}),
        (401, 404, 404, 403, 403, 403),
        "private group",
    ),
    Row("GET", "/api/v1/me/stories", at("/api/v1/me/stories"), signed_in(200)),
    Row("POST", REPLIES, at("/api/v1/stories/{w.public_story}/replies", {"body": "Same"}), signed_in(202)),
    Row(
        "POST",
        REPLIES,
        at("/api/v1/stories/{w.private_story}/replies", {"body": "Same"}),
        PRIVATE_POST,
        "private group",
    ),
    Row("GET", REPLIES, at("/api/v1/stories/{w.public_story}/replies"), everyone(200)),
    Row("GET", REPLIES, at("/api/v1/stories/{w.private_story}/replies"), PRIVATE, "private group"),
    Row(
        "POST",
        REACTIONS,
        at("/api/v1/stories/{w.public_story}/reactions", {"kind": "helpful"}),
        signed_in(200),
    ),
    Row(
        "POST",
        REACTIONS,
        at("/api/v1/stories/{w.private_story}/reactions", {"kind": "helpful"}),
        PRIVATE_CHANGE,
        "private group",
    ),
    Row("DELETE", REACTION, at("/api/v1/stories/{w.public_story}/reactions/helpful"), signed_in(200)),
    Row(
        "DELETE",
        REACTION,
        at("/api/v1/stories/{w.private_story}/reactions/helpful"),
        PRIVATE_CHANGE,
        "private group",
    ),
    Row(
        "POST",
        REPORTS,
        lambda w, role: Call(f"/api/v1/stories/{w.new_public_story()}/reports", {"reason": "Names a person"}),
        signed_in(202),
    ),
    Row(
        "POST",
        REPORTS,
        # A moderator's report holds a story: each caller reports a story of its own.
        lambda w, role: Call(
            f"/api/v1/stories/{w.new_private_story()}/reports", {"reason": "Names a person"}
        ),
        PRIVATE_POST,
        "private group",
    ),
    Row(
        "POST",
        "/api/v1/replies/<int:reply_id>/reports",
        # The writer's reply under the private group's story: only those who can read it can report it.
        lambda w, role: Call(
            f"/api/v1/replies/{make_reply(w.new_private_story(), w.writer).id}/reports", {"reason": "Unkind"}
        ),
        PRIVATE_POST,
        "private group",
    ),
    Row(
        "DELETE",
        "/api/v1/replies/<int:reply_id>",
        lambda w, role: Call(f"/api/v1/replies/{make_reply(w.new_public_story(), w.writer).id}"),
        # Only its author (the writer, never a caller) or a moderator.
        (401, 403, 403, 403, 204, 204),
    ),
    Row(
        "PATCH",
        "/api/v1/replies/<int:reply_id>",
        lambda w, role: Call(
            f"/api/v1/replies/{make_reply(w.new_public_story(), w.people['member']).id}", {"body": "Edited"}
        ),
        # Only its author: here "member".
        (401, 202, 403, 403, 403, 403),
    ),
    Row("GET", "/api/v1/lessons", at("/api/v1/lessons"), everyone(200)),
    # search: the private group's story and lesson ("... story for the circle") are found by insiders only
    Row("GET", "/api/v1/search", at("/api/v1/search?q=circle"), everyone(200), "private story"),
    Row("GET", "/api/v1/search", at("/api/v1/search?q=lesson&kind=lessons"), everyone(200), "private lesson"),
    # groups
    Row("GET", "/api/v1/groups", at("/api/v1/groups"), everyone(200)),
    Row(
        "POST",
        "/api/v1/groups",
        lambda w, role: Call("/api/v1/groups", {"name": f"Circle of {role}", "visibility": "private"}),
        moderators(201),
    ),
    Row("GET", "/api/v1/groups/<int:group_id>", at("/api/v1/groups/{w.private_group.id}"), everyone(200)),
    Row(
        "POST",
        "/api/v1/groups/<int:group_id>/members",
        at("/api/v1/groups/{w.private_group.id}/members"),
        signed_in(200),
    ),
    Row(
        "DELETE",
        "/api/v1/groups/<int:group_id>/members/me",
        at("/api/v1/groups/{w.private_group.id}/members/me"),
        signed_in(204),
    ),
    Row("GET", GROUP_STORIES, at("/api/v1/groups/{w.public_group.id}/stories"), everyone(200), "public"),
    Row("GET", GROUP_STORIES, at("/api/v1/groups/{w.private_group.id}/stories"), PRIVATE, "private"),
    # mentorship
    Row("GET", "/api/v1/me/mentor-profile", at("/api/v1/me/mentor-profile"), (401, 404, 200, 404, 404, 404)),
    Row("PUT", "/api/v1/me/mentor-profile", at("/api/v1/me/mentor-profile", PROFILE), signed_in(200)),
    Row("DELETE", "/api/v1/me/mentor-profile", at("/api/v1/me/mentor-profile"), signed_in(204)),
    Row("GET", "/api/v1/mentors", at("/api/v1/mentors"), everyone(200)),
    Row(
        "POST",
        "/api/v1/mentors/<int:mentor_id>/requests",
        at("/api/v1/mentors/{w.mentor}/requests", {"message": "Could you look at my CV?"}),
        (401, 201, 422, 201, 201, 201),
        "to other, who cannot ask themselves",
    ),
    Row("GET", "/api/v1/me/mentorship-requests", at("/api/v1/me/mentorship-requests"), signed_in(200)),
    Row(
        "POST",
        "/api/v1/mentorship-requests/<int:request_id>/accept",
        _request_to_other("accept"),
        (401, 403, 200, 404, 404, 404),
        "member asked other",
    ),
    Row(
        "POST",
        "/api/v1/mentorship-requests/<int:request_id>/decline",
        _request_to_other("decline"),
        (401, 403, 200, 404, 404, 404),
        "member asked other",
    ),
    Row(
        "POST",
        "/api/v1/mentorship-requests/<int:request_id>/close",
        _request_to_other("close"),
        (401, 200, 200, 404, 404, 404),
        "member asked other",
    ),
    # moderation
    Row("GET", "/api/v1/moderation/rules", at("/api/v1/moderation/rules"), moderators(200)),
    Row(
        "POST",
        "/api/v1/moderation/rules",
        at("/api/v1/moderation/rules", {"pattern": "buy followers", "action": "hold"}),
        moderators(201),
    ),
    Row(
        "DELETE",
        "/api/v1/moderation/rules/<int:rule_id>",
        lambda w, role: Call(f"/api/v1/moderation/rules/{make_rule().id}"),
        moderators(204),
    ),
    Row("GET", "/api/v1/moderation/queue", at("/api/v1/moderation/queue"), moderators(200)),
    Row(
        "POST",
        "/api/v1/moderation/queue/<int:item_id>/approve",
        lambda w, role: Call(f"/api/v1/moderation/queue/{make_review_item(w.writer).id}/approve"),
        moderators(200),
    ),
    Row(
        "POST",
        "/api/v1/moderation/preview",
        at("/api/v1/moderation/preview", {"body": "A draft"}),
        signed_in(200),
    ),
    Row(
        "POST",
        "/api/v1/stories/<int:story_id>/follow",
        at("/api/v1/stories/{w.private_story}/follow"),
        (401, 404, 404, 204, 204, 204),
        "private group",
    ),
    Row(
        "DELETE",
        "/api/v1/stories/<int:story_id>/follow",
        at("/api/v1/stories/{w.private_story}/follow"),
        (401, 404, 404, 204, 204, 204),
        "private group",
    ),
    Row(
        "POST",
        "/api/v1/stories/<int:story_id>/appeal",
        # The writer's story (never a caller's): nobody else may appeal it, and nobody learns whose it is.
        lambda w, role: Call(f"/api/v1/stories/{w.private_story}/appeal", {"message": "Please look again"}),
        (401, 404, 404, 404, 404, 404),
    ),
    Row(
        "POST",
        "/api/v1/replies/<int:reply_id>/appeal",
        lambda w, role: Call(
            f"/api/v1/replies/{make_reply(w.new_public_story(), w.writer).id}/appeal", {"message": "Please"}
        ),
        (401, 404, 404, 404, 404, 404),
    ),
    Row(
        "POST",
        "/api/v1/moderation/queue/<int:item_id>/message",
        lambda w, role: Call(
            f"/api/v1/moderation/queue/{make_review_item(w.writer).id}/message", {"text": "We are here."}
        ),
        moderators(202),
    ),
    Row(
        "POST",
        "/api/v1/moderation/queue/<int:item_id>/reject",
        lambda w, role: Call(
            f"/api/v1/moderation/queue/{make_review_item(w.writer).id}/reject", {"reason": "Names a person."}
        ),
        moderators(200),
    ),
    Row("GET", "/api/v1/moderation/log", at("/api/v1/moderation/log"), moderators(200)),
    # the private toolkit
    Row("GET", "/api/v1/me/debriefs", at("/api/v1/me/debriefs"), signed_in(200)),
    Row("POST", "/api/v1/me/debriefs", at("/api/v1/me/debriefs", DEBRIEF), signed_in(201)),
    Row("GET", DEBRIEF_URL, _members_debrief(), OWNER_ONLY, "member's"),
    Row("PUT", DEBRIEF_URL, _members_debrief("", {"outcome": "offer"}), OWNER_ONLY, "member's"),
    Row("DELETE", DEBRIEF_URL, _members_debrief(), (401, 204, 404, 404, 404, 404), "member's"),
    Row(
        "GET",
        f"{DEBRIEF_URL}/feedback-request",
        _members_debrief("/feedback-request"),
        OWNER_ONLY,
        "member's",
    ),
    Row(
        "POST",
        f"{DEBRIEF_URL}/feedback-request",
        _members_debrief("/feedback-request", {"follow_up_days": 5}),
        (401, 201, 404, 404, 404, 404),
        "member's",
    ),
    Row("POST", f"{DEBRIEF_URL}/story-draft", _members_debrief("/story-draft", {}), OWNER_ONLY, "member's"),
    Row("GET", "/api/v1/me/plan", at("/api/v1/me/plan"), signed_in(200)),
    Row(
        "PUT", "/api/v1/me/plan", at("/api/v1/me/plan", {"weekly_goals": {"applications": 3}}), signed_in(200)
    ),
    Row(
        "POST",
        "/api/v1/me/plan/check-ins",
        at("/api/v1/me/plan/check-ins", {"applications": 2}),
        signed_in(201),
    ),
    Row("GET", "/api/v1/me/progress", at("/api/v1/me/progress"), signed_in(200)),
]
# Who may read the private group's story.
INSIDERS = {"group_member", "moderator", "admin"}


def _check_no_leak(w: World, role: str, text: str, where: str) -> None:
    assert w.writer.email not in text and w.writer.display_name not in text, f"{where}: the author shows"
    if role not in INSIDERS:
        assert PRIVATE_MARKER not in text, f"{where}: the private group's story reached {role}"


def test_every_api_endpoint_answers_each_kind_of_caller(app, client, make_member):
    people = make_people(make_member)
    mismatches = []
    for row in TABLE:
        empty_tables(keep_people=True)
        w = build_world(people)
        got = {}
        for role in ROLES:
            call = row.make(w, role)
            headers = call.headers if call.headers is not None else getattr(w.people.get(role), "headers", {})
            resp = client.open(call.url, method=row.method, json=call.json, headers=headers)
            got[role] = resp.status_code
            if resp.status_code >= 400:
                assert resp.is_json and "error" in resp.get_json(), (row.id, role, resp.data[:200])
            _check_no_leak(w, role, resp.get_data(as_text=True), f"{row.id} as {role}")
        expected = dict(zip(ROLES, row.expected, strict=True))
        mismatches.extend(
            f"{row.id} as {role}: expected {expected[role]}, got {got[role]}"
            for role in ROLES
            if got[role] != expected[role]
        )
    assert not mismatches, "\n".join(mismatches)


def test_every_api_endpoint_has_a_row(app):
    """A new endpoint must come with its row; a row for a route that is gone fails too."""
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and rule.rule != "/api/v1/openapi.json"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    covered = {(row.method, row.rule) for row in TABLE}
    assert routes - covered == set(), "endpoints without a row in TABLE"
    assert covered - routes == set(), "rows for routes that do not exist"


# --- pages ----------------------------------------------------------------------------------------------

SIGN_IN = 302
MEMBERS_PAGE = (SIGN_IN, 200, 200, 200, 200, 200)
MODERATION_PAGE = (SIGN_IN, 403, 403, 403, 200, 200)
PAGES = [
    ("/moderation", MODERATION_PAGE),
    ("/moderation/rules", MODERATION_PAGE),
    ("/moderation/items/story/{w.pending_story}", MODERATION_PAGE),
    ("/me/stories", MEMBERS_PAGE),
    ("/me/mentorship", MEMBERS_PAGE),
    ("/mentors/volunteer", MEMBERS_PAGE),
    ("/me/debriefs", MEMBERS_PAGE),
    ("/me/debriefs/new", MEMBERS_PAGE),
    ("/me/plan", MEMBERS_PAGE),
    ("/me/progress", MEMBERS_PAGE),
    ("/stories/new", MEMBERS_PAGE),
    ("/settings", MEMBERS_PAGE),
    ("/digest", MEMBERS_PAGE),
    (f"/digest/{THIS_WEEK}", MEMBERS_PAGE),
    ("/stories/{w.public_story}", everyone(200)),
    ("/stories/{w.private_story}", PRIVATE),
    ("/stories/{w.pending_story}", (404, 200, 404, 404, 200, 200)),
    ("/", everyone(200)),
    ("/lessons", everyone(200)),
    ("/search?q=circle", everyone(200)),
    ("/search?q=lesson&kind=lessons", everyone(200)),
    ("/groups", everyone(200)),
    ("/groups/{w.private_group.slug}", everyone(200)),
    ("/mentors", everyone(200)),
]


def test_pages_answer_each_kind_of_caller(app, make_member):
    w = build_world(make_people(make_member))
    clients = {}
    for role in ROLES:
        clients[role] = app.test_client()
        who = w.people.get(role)
        if who is not None:
            resp = clients[role].post("/login", data={"email": who.email, "password": who.password})
            assert resp.status_code == 302, role
    got, expected = {}, {}
    for template, statuses in PAGES:
        url = template.format(w=w)
        for role, status in zip(ROLES, statuses, strict=True):
            resp = clients[role].get(url)
            got[url, role], expected[url, role] = resp.status_code, status
            if resp.status_code == SIGN_IN:
                assert resp.headers["Location"].startswith("/login"), (url, role)
            _check_no_leak(w, role, resp.get_data(as_text=True), f"{url} as {role}")
    assert got == expected
