"""Every form a signed-in person can post is refused without its CSRF token, and nothing changes.

The routes come from the app's URL map, so a new form route is covered (and needs form data below to be a
meaningful check) without anyone remembering to add it. The digest's one-click unsubscribe is the one
exception: RFC 8058 mail clients post to it with no session and no token.
"""

from __future__ import annotations

import re

import pytest
from flask import url_for

from community.extensions import db
from community.toolkit import debriefs as toolkit_debriefs
from community.toolkit import plans as toolkit_plans
from tests.factories import (
    build_world,
    make_mentor,
    make_mentorship_request,
    make_people,
    make_reply,
    make_review_item,
    make_rule,
)

# RFC 8058 one-click links: a mail client posts them with no session and no token.
ONE_CLICK = {"digest.unsubscribe", "notifications.stop"}

STORY_FORM = {
    "title": "Forged story",
    "body": "Posted by another site.",
    "stage": "onsite",
    "industry": "Software",
    "lessons-0-category": "answers",
    "lessons-0-text": "Forged lesson.",
}
DEBRIEF = {"company": "Acme", "stage": "onsite", "interviewed_on": "2026-11-02"}
# What each form would carry from a forging site: enough that, with a token, it would change something.
FORMS = {
    "accounts.login": {"email": "x@example.org", "password": "correct horse battery"},
    "accounts.register": {"email": "forged@example.org", "password": "a long password", "display_name": "F"},
    "accounts.settings": {"digest": "off", "industries": "Forgery"},
    "groups.index": {"name": "Forged group", "description": "", "visibility": "public"},
    "mentorship.request_mentor": {"message": "Forged request"},
    "mentorship.volunteer": {"headline": "Forged", "bio": "", "expertise": "answers", "capacity": "2"},
    "moderation.item": {"decision": "reject", "reason": "Forged"},
    "moderation.reject": {"reason": "Forged"},
    "moderation.message_author": {"text": "Forged", "item_id": "1"},
    "moderation.preview_draft": {"body": "Forged draft"},
    "moderation.appeal_story": {"message": "Forged appeal"},
    "moderation.rules": {"pattern": "forged", "action": "block", "note": ""},
    "stories.new_story": STORY_FORM,
    "stories.edit_story": STORY_FORM,
    "stories.edit_reply": {"body": "Forged edit"},
    "stories.reply": {"body": "Forged reply"},
    "stories.report": {"reason": "Forged report"},
    "stories.report_reply": {"reason": "Forged report", "story_id": "1"},
    "stories.react": {"want": "on"},
    "stories.follow": {"want": "on"},
    "groups.join": {"next": "/"},
    "groups.leave": {"next": "/"},
    "accounts.resend_confirmation": {"email": "x@example.org"},
    "accounts.confirm": {"submit": "Confirm my email"},
    "accounts.forgot_password": {"email": "x@example.org"},
    "accounts.reset_password": {"password": "a forged new password"},
    "accounts.change_password": {
        "password-current_password": "x",
        "password-new_password": "forged password 1",
    },
    "accounts.change_email": {"change-email": "forged@example.org", "change-password": "x"},
    "accounts.delete_account": {"delete-stories": "keep", "delete-password": "x"},
    "toolkit.new": {"company": "Forged", "stage": "onsite", "interviewed_on": "2026-11-02"},
    "toolkit.edit": {"company": "Forged", "stage": "onsite", "interviewed_on": "2026-11-02"},
    "toolkit.walk": {"rating": "1", "notes": "Forged"},
    "toolkit.feedback_request": {"sent_on": "2026-11-03", "follow_up_days": "7"},
    "toolkit.story_draft": {"share_company": "y"},
    "toolkit.save_goals": {"applications": "9"},
    "toolkit.add_action": {"text": "Forged action"},
    "toolkit.check_in": {"week": "2026-W45", "applications": "9"},
}


@pytest.fixture
def app_config() -> dict:
    return {"WTF_CSRF_ENABLED": True}


def _snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, to tell whether a request changed anything at all."""
    db.session.expire_all()
    return {
        table.name: sorted(map(tuple, db.session.execute(db.select(table)).all()), key=repr)
        for table in db.metadata.sorted_tables
    }


def _token(client, path: str) -> str:
    html = client.get(path).get_data(as_text=True)
    found = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', html
    )
    assert found, f"no CSRF token in the form of {path}"
    return found[1] or found[2]


def _sign_in(client, who) -> None:
    token = _token(client, "/login")
    resp = client.post("/login", data={"email": who.email, "password": who.password, "csrf_token": token})
    assert resp.status_code == 302


def _form_routes(app) -> list:
    return sorted(
        (
            rule
            for rule in app.url_map.iter_rules()
            if "POST" in rule.methods and not rule.rule.startswith("/api/") and rule.endpoint not in ONE_CLICK
        ),
        key=lambda rule: rule.rule,
    )


def test_every_form_is_refused_without_its_token(app, client, make_member):
    people = make_people(make_member)
    w = build_world(people)
    moderator = people["moderator"]
    own_profile = make_mentor(moderator).id
    values = {
        "story_id": w.public_story,
        "slug": w.public_group.slug,
        "mentor_id": w.mentor,
        "request_id": make_mentorship_request(own_profile, people["member"]).id,
        "action": "accept",
        "item_id": make_review_item(w.writer).id,
        "rule_id": make_rule().id,
        "target_id": w.public_story,
        "token": "not-a-token",
        "debrief_id": toolkit_debriefs.create(moderator.id, DEBRIEF).id,
        "step": 1,
        "action_id": toolkit_plans.add_action(moderator.id, "Practise answers aloud").id,
        "change": "done",
        "reply_id": make_reply(w.public_story, w.writer).id,
    }
    kinds = {"stories.react": "helpful", "moderation.item": "story", "moderation.message_author": "story"}
    # Signed in as a moderator, who may use every form.
    _sign_in(client, moderator)

    routes = _form_routes(app)
    assert len(routes) >= 20, [rule.rule for rule in routes]
    before = _snapshot()
    for rule in routes:
        args = {name: values[name] for name in rule.arguments if name != "kind"}
        if "kind" in rule.arguments:
            args["kind"] = kinds[rule.endpoint]
        with app.test_request_context():
            url = url_for(rule.endpoint, **args)
        resp = client.post(url, data=FORMS.get(rule.endpoint, {}))
        assert resp.status_code == 400, (rule.rule, resp.status_code)
        page = resp.get_data(as_text=True)
        assert resp.mimetype == "text/html" and "Nothing was changed" in page, rule.rule
        assert _snapshot() == before, f"{rule.rule} changed something without a CSRF token"
    # Signing out is a form too: still signed in.
    assert client.get("/settings").status_code == 200

    # The same form with its token goes through, so the refusals above were the token's doing.
    token = _token(client, "/stories/new")
    resp = client.post("/stories/new", data={**STORY_FORM, "csrf_token": token})
    assert resp.status_code == 302
    assert _snapshot() != before


def test_forms_not_in_the_table_are_noticed(app):
    """A new form route should get form data above, so its refusal is checked against a real change."""
    routes = {rule.endpoint for rule in _form_routes(app)}
    bodiless = {
        "accounts.logout",
        "accounts.sign_out_everywhere",
        "notifications.index",
        "stories.delete_reply",
        "toolkit.delete",
        "toolkit.change_action",
        "mentorship.answer",
        "mentorship.stop_volunteering",
        "moderation.approve",
        "moderation.delete_rule",
        "moderation.install_defaults",
        "stories.delete",
    }
    assert routes - bodiless - set(FORMS) == set()


def test_one_click_unsubscribe_needs_no_token(app, client, member):
    from community.accounts.models import User
    from community.digest import unsubscribing

    token = unsubscribing.unsubscribe_token(member.id)
    resp = client.post(f"/digest/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"})
    assert resp.status_code == 200
    assert db.session.get(User, member.id).digest == "off"


def test_a_session_cookie_does_not_authenticate_the_api(app, client, member):
    """The API is exempt from CSRF because it ignores cookies: a forged cross-site call is anonymous."""
    _sign_in(client, member)
    story = {key: STORY_FORM[key] for key in ("title", "body", "stage", "industry")}
    story["lessons"] = [{"category": "answers", "text": "Forged."}]
    assert client.post("/api/v1/stories", json=story).status_code == 401
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/settings").status_code == 200
