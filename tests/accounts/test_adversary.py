"""Rebound tried as an attacker would: learning who has an account, unmasking a company with throwaway
accounts, replaying a session cookie, guessing passwords, forging links, and tracing a kept story back to
its erased author."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import String, cast, or_, select

from community.accounts.models import User
from community.extensions import db
from tests.factories import story_payload
from tests.helpers import basic, deliver_mail_to, link_token

RESET_LINK = re.compile(r"/reset-password/([A-Za-z0-9_.\-]+)")


# --- enumeration ----------------------------------------------------------------------------------

ASKS = {
    "register": lambda email: (
        "/api/v1/users",
        {"email": email, "password": "a long password", "display_name": "Someone"},
    ),
    "resend": lambda email: ("/api/v1/email-confirmations/resend", {"email": email}),
    "reset": lambda email: ("/api/v1/password-resets", {"email": email}),
}


@pytest.mark.parametrize("ask", sorted(ASKS))
def test_nothing_tells_whether_an_address_has_an_account(client, member, ask):
    answers = []
    for email in (member.email, "nobody-here@example.org"):
        url, body = ASKS[ask](email)
        resp = client.post(url, json=body)
        answers.append((resp.status_code, resp.get_json(), sorted(resp.headers.keys())))
    assert answers[0] == answers[1]
    assert answers[0][0] == 202


def test_the_sign_up_form_answers_alike_for_known_and_unknown_addresses(client, member):
    def page(email: str) -> tuple[int, str]:
        data = {"email": email, "password": "a long password", "display_name": "Someone"}
        resp = client.post("/register", data=data)
        return resp.status_code, resp.get_data(as_text=True).replace(email, "ADDRESS")

    assert page(member.email) == page("nobody-here@example.org")


# --- the sybil attack on a company ----------------------------------------------------------------


def _story(client, who, company: str, share: bool = True, **extra) -> int:
    body = story_payload(company=company, share_company=share, **extra)
    resp = client.post("/api/v1/stories", headers=who.headers, json=body)
    assert resp.status_code == 202, resp.get_json()
    return resp.get_json()["id"]


def test_two_throwaway_accounts_cannot_unmask_a_victims_company(client, make_member, run_jobs):
    victim = make_member(established=True)
    victims_story = _story(client, victim, "Initech")
    # The attacker makes two free accounts and names the company they guess.
    for sock_puppet in (make_member(), make_member()):
        _story(client, sock_puppet, "initech")
    run_jobs()
    seen = client.get(f"/api/v1/stories/{victims_story}").get_json()
    assert seen["company"] is None
    assert all(item["company"] is None for item in client.get("/api/v1/stories").get_json()["items"])
    # The author always sees their own.
    own = client.get(f"/api/v1/stories/{victims_story}", headers=victim.headers).get_json()
    assert own["company"] == "Initech"


def test_private_group_stories_neither_count_nor_reveal(client, make_member, make_group, run_jobs):
    author, first, second = (make_member(established=True) for _ in range(3))
    hidden = make_group("Quiet room", "private", members=[author, first, second])
    group_id = hidden.id
    public_story = _story(client, author, "Globex")
    # Two established members name it, but only inside the private group.
    for who in (first, second):
        _story(client, who, "Globex", group_id=group_id)
    run_jobs()
    assert client.get(f"/api/v1/stories/{public_story}").get_json()["company"] is None

    # Once two more established members name it publicly, it shows on public stories...
    for who in (first, second):
        _story(client, who, "Globex")
    private_story = _story(client, author, "Globex", group_id=group_id)
    run_jobs()
    assert client.get(f"/api/v1/stories/{public_story}").get_json()["company"] == "Globex"
    # ...but a private group's story never shows its company to anyone but its author, members included.
    as_member = client.get(f"/api/v1/stories/{private_story}", headers=first.headers).get_json()
    assert as_member["company"] is None


def test_a_company_stays_hidden_unless_its_author_allows_it(client, make_member, run_jobs):
    quiet, *others = (make_member(established=True) for _ in range(3))
    kept = _story(client, quiet, "Umbrella", share=False)
    for who in others:
        _story(client, who, "Umbrella")
    _story(client, quiet, "Umbrella")
    run_jobs()
    assert client.get(f"/api/v1/stories/{kept}").get_json()["company"] is None


# --- sessions --------------------------------------------------------------------------------------


def _signed_in_client(app, who):
    browser = app.test_client()
    resp = browser.post("/login", data={"email": who.email, "password": who.password})
    assert resp.status_code == 302
    return browser


def _cookie(browser) -> str:
    return browser.get_cookie("session").value


def test_a_copied_session_cookie_stops_working_after_sign_out(app, member):
    browser = _signed_in_client(app, member)
    stolen = _cookie(browser)
    assert browser.post("/logout").status_code == 302

    replay = app.test_client()
    replay.set_cookie("session", stolen)
    resp = replay.get("/settings")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


def test_signing_out_everywhere_ends_other_sessions_and_tokens(app, client, member):
    laptop = _signed_in_client(app, member)
    assert client.post("/api/v1/me/sign-out-everywhere", headers=member.headers).status_code == 204
    assert laptop.get("/settings").status_code == 302
    assert client.get("/api/v1/me", headers=member.headers).status_code == 401


def test_a_password_change_keeps_this_token_and_ends_the_others(app, client, member, make_member):
    phone = _signed_in_client(app, member)
    other_token = client.post("/api/v1/tokens", headers=basic(member.email, member.password)).get_json()
    body = {"current_password": "not mine at all", "new_password": "a brand new phrase"}
    wrong = client.put("/api/v1/me/password", headers=member.headers, json=body)
    assert wrong.status_code == 422 and "current_password" in wrong.get_json()["error"]["fields"]

    body["current_password"] = member.password
    assert client.put("/api/v1/me/password", headers=member.headers, json=body).status_code == 204
    assert client.get("/api/v1/me", headers=member.headers).status_code == 200
    gone = {"Authorization": f"Bearer {other_token['token']}"}
    assert client.get("/api/v1/me", headers=gone).status_code == 401
    assert phone.get("/settings").status_code == 302
    assert client.post("/api/v1/tokens", headers=basic(member.email, "a brand new phrase")).status_code == 200


def test_signed_in_pages_and_the_api_are_not_cached(app, client, member):
    browser = _signed_in_client(app, member)
    assert browser.get("/settings").headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/me", headers=member.headers).headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("app_config", [{"BASE_URL": "https://rebound.example"}])
def test_the_session_cookie_is_secure_under_https(app, member):
    browser = app.test_client()
    resp = browser.post("/login", data={"email": member.email, "password": member.password})
    assert "Secure" in resp.headers["Set-Cookie"]


# --- passwords ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email, password",
    [
        ("sam@example.org", "1234567890"),
        ("sam@example.org", "password123"),
        ("sam@example.org", "short"),
        ("jordan.lee@example.org", "jordan.lee forever"),
    ],
)
def test_weak_passwords_are_refused(client, email, password):
    resp = client.post("/api/v1/users", json={"email": email, "password": password, "display_name": "S"})
    assert resp.status_code == 422
    assert "password" in resp.get_json()["error"]["fields"]
    assert db.session.query(User).count() == 0


def test_forgot_password_reset_and_sign_in(client, member, mailbox):
    assert client.post("/api/v1/password-resets", json={"email": member.email}).status_code == 202
    deliver_mail_to(member.id)
    [mail] = mailbox.to(member.email)
    token = link_token(mail, RESET_LINK)
    weak = client.post(f"/api/v1/password-resets/{token}", json={"password": "1234567890"})
    assert weak.status_code == 422
    assert (
        client.post(f"/api/v1/password-resets/{token}", json={"password": "a fresh start"}).status_code == 204
    )
    # Every token from before is ended, the link works once, and the new password signs in.
    assert client.get("/api/v1/me", headers=member.headers).status_code == 401
    again = client.post(f"/api/v1/password-resets/{token}", json={"password": "another fresh start"})
    assert again.status_code == 400 and again.get_json()["error"]["code"] == "invalid_token"
    assert client.post("/api/v1/tokens", headers=basic(member.email, "a fresh start")).status_code == 200
    assert client.post("/api/v1/tokens", headers=basic(member.email, member.password)).status_code == 401


def test_the_reset_pages_work_in_a_browser(client, member, mailbox):
    page = client.post("/forgot-password", data={"email": member.email})
    assert page.status_code == 200 and "Check your mail" in page.get_data(as_text=True)
    deliver_mail_to(member.id)
    token = link_token(mailbox.to(member.email)[0], RESET_LINK)
    assert "Choose a new password" in client.get(f"/reset-password/{token}").get_data(as_text=True)
    done = client.post(f"/reset-password/{token}", data={"password": "a fresh start"})
    assert done.status_code == 302 and done.headers["Location"] == "/login"
    used = client.post(f"/reset-password/{token}", data={"password": "a second start"})
    assert used.status_code == 400 and "ask for a new one" in used.get_data(as_text=True)


@pytest.mark.parametrize(
    "token",
    ["", "not-a-token", "eyJhbGciOiJIUzI1NiJ9.e30.x", "A" * 500, "..", "%00", "WzEsIngiLG51bGxd.Zz.Zz"],
)
def test_forged_or_unknown_tokens_are_400_never_500(client, token):
    for url, body in (
        ("/api/v1/email-confirmations", {"token": token}),
        (f"/api/v1/password-resets/{token or 'x'}", {"password": "a long password"}),
    ):
        resp = client.post(url, json=body)
        assert resp.status_code == 400, (url, resp.status_code)
        assert resp.get_json()["error"]["code"] == "invalid_token"
    page = client.post(f"/confirm/{token or 'x'}")
    assert page.status_code == 400 and "ask for a new one" in page.get_data(as_text=True)


def test_a_tampered_confirmation_link_is_refused(client, mailbox):
    client.post(
        "/api/v1/users", json={"email": "t@example.org", "password": "a long password", "display_name": "T"}
    )
    deliver_mail_to(db.session.scalar(select(User.id)))
    token = link_token(mailbox.to("t@example.org")[0])
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    resp = client.post("/api/v1/email-confirmations", json={"token": tampered})
    assert resp.status_code == 400
    assert client.post("/api/v1/email-confirmations", json={"token": token}).status_code == 200
    assert client.post("/api/v1/email-confirmations", json={"token": token}).status_code == 400


def test_an_email_change_is_confirmed_at_the_new_address(client, member, mailbox):
    body = {"email": "new-home@example.org", "password": member.password}
    assert client.put("/api/v1/me/email", headers=member.headers, json=body).status_code == 202
    deliver_mail_to(member.id)
    [notice] = mailbox.to(member.email)
    assert "being changed" in notice["Subject"]
    [confirmation] = mailbox.to("new-home@example.org")
    # Nothing changes until the new address confirms.
    assert client.get("/api/v1/me", headers=member.headers).get_json()["email"] == member.email
    assert (
        client.post("/api/v1/email-confirmations", json={"token": link_token(confirmation)}).status_code
        == 200
    )
    assert client.get("/api/v1/me", headers=member.headers).get_json()["email"] == "new-home@example.org"


# --- deletion and export ------------------------------------------------------------------------------


def test_export_holds_what_is_stored_about_the_member(client, member, run_jobs):
    story_id = client.post("/api/v1/stories", headers=member.headers, json=story_payload()).get_json()["id"]
    run_jobs()
    resp = client.get("/api/v1/me/export", headers=member.headers)
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["account"]["email"] == member.email
    assert [s["id"] for s in body["posts"]["stories"]] == [story_id]
    assert body["posts"]["stories"][0]["status"] == "published"
    assert {"memberships", "mentorship", "digest_deliveries"} <= set(body)


def test_deleting_with_the_wrong_password_changes_nothing(client, member):
    resp = client.delete(
        "/api/v1/me", headers=member.headers, json={"password": "wrong one!", "stories": "keep"}
    )
    assert resp.status_code == 422
    assert client.get("/api/v1/me", headers=member.headers).status_code == 200


def _every_text_cell() -> list[tuple[str, str, str]]:
    """Every value of every column of every table, as text."""
    found = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(*(cast(c, String) for c in table.columns))).all():
            for column, value in zip(table.columns, row, strict=True):
                if value is not None:
                    found.append((table.name, column.name, str(value)))
    return found


def test_a_kept_story_leads_nowhere_after_its_author_is_erased(client, make_member, moderator, run_jobs):
    author = make_member(name="Unmistakable Zebediah")
    reader = make_member()
    story_id = client.post(
        "/api/v1/stories", headers=author.headers, json=story_payload(company="Wayne Enterprises")
    ).get_json()["id"]
    run_jobs()
    client.post(
        f"/api/v1/stories/{story_id}/replies", headers=author.headers, json={"body": "Thank you all."}
    )
    client.post(f"/api/v1/stories/{story_id}/reactions", headers=author.headers, json={"kind": "helpful"})
    client.post(f"/api/v1/stories/{story_id}/reactions", headers=reader.headers, json={"kind": "me_too"})
    client.post(f"/api/v1/stories/{story_id}/reports", headers=author.headers, json={"reason": "test"})
    run_jobs()

    resp = client.delete(
        "/api/v1/me", headers=author.headers, json={"password": author.password, "stories": "keep"}
    )
    assert resp.status_code == 204
    kept = client.get(f"/api/v1/stories/{story_id}")
    assert kept.status_code == 200
    assert kept.get_json()["reactions"] == {"me_too": 1, "helpful": 0, "strength": 0}
    assert [
        r["body_html"].strip() for r in client.get(f"/api/v1/stories/{story_id}/replies").get_json()["items"]
    ] == ["<p>Thank you all.</p>"]
    assert client.post("/api/v1/tokens", headers=basic(author.email, author.password)).status_code == 401

    leads = [
        (table, column, value)
        for table, column, value in _every_text_cell()
        if author.email in value
        or "Zebediah" in value
        or (
            column.endswith(("user_id", "author_id", "reporter_id", "actor_id", "mentee_id"))
            and value == str(author.id)
        )
    ]
    assert leads == []
    assert (
        db.session.scalar(select(User.id).where(or_(User.id == author.id, User.email == author.email)))
        is None
    )


def test_deleting_stories_too_takes_them_away(client, member, run_jobs):
    story_id = client.post("/api/v1/stories", headers=member.headers, json=story_payload()).get_json()["id"]
    run_jobs()
    resp = client.delete(
        "/api/v1/me", headers=member.headers, json={"password": member.password, "stories": "delete"}
    )
    assert resp.status_code == 204
    assert client.get(f"/api/v1/stories/{story_id}").status_code == 404
    assert client.get("/api/v1/stories").get_json()["total"] == 0


# --- less to link -------------------------------------------------------------------------------------


def test_public_times_are_to_the_hour_and_exact_for_the_author(client, member, run_jobs):
    story_id = client.post("/api/v1/stories", headers=member.headers, json=story_payload()).get_json()["id"]
    run_jobs()
    public = client.get(f"/api/v1/stories/{story_id}").get_json()["published_at"]
    assert public.endswith(":00:00Z")
    own = client.get(f"/api/v1/stories/{story_id}", headers=member.headers).get_json()["published_at"]
    assert own[:13] == public[:13] and own != public
    client.post(f"/api/v1/stories/{story_id}/replies", headers=member.headers, json={"body": "Thank you."})
    run_jobs()
    [reply] = client.get(f"/api/v1/stories/{story_id}/replies").get_json()["items"]
    assert reply["created_at"].endswith(":00:00Z")


def test_ids_are_never_handed_out_twice(client, member):
    first = client.post("/api/v1/stories", headers=member.headers, json=story_payload()).get_json()["id"]
    assert client.delete(f"/api/v1/stories/{first}", headers=member.headers).status_code == 204
    second = client.post("/api/v1/stories", headers=member.headers, json=story_payload()).get_json()["id"]
    assert second > first


def test_a_display_name_a_block_rule_matches_is_refused(client, moderator):
    rule = {"pattern": "slurword", "action": "block", "note": "a slur"}
    assert client.post("/api/v1/moderation/rules", headers=moderator.headers, json=rule).status_code == 201
    body = {"email": "x@example.org", "password": "a long password", "display_name": "The SlurW0rd"}
    resp = client.post("/api/v1/users", json=body)
    assert resp.status_code == 422 and "display_name" in resp.get_json()["error"]["fields"]


def _post_json(url: str, body: dict) -> int:
    headers = {"Content-Type": "application/json"}
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:  # noqa: S310 (the test's own server)
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.mark.parametrize("flow", ["confirm", "reset"])
def test_one_link_used_at_once_from_many_places_works_once(live_server, client, mailbox, member, flow):
    if flow == "confirm":
        client.post(
            "/api/v1/users",
            json={"email": "c@example.org", "password": "a long password", "display_name": "C"},
        )
        deliver_mail_to(db.session.scalar(select(User.id).where(User.email == "c@example.org")))
        token = link_token(mailbox.to("c@example.org")[0])
        url, body = f"{live_server}/api/v1/email-confirmations", {"token": token}
    else:
        client.post("/api/v1/password-resets", json={"email": member.email})
        deliver_mail_to(member.id)
        token = link_token(mailbox.to(member.email)[0], RESET_LINK)
        url, body = f"{live_server}/api/v1/password-resets/{token}", {"password": "a race to the finish"}
    db.session.remove()
    with ThreadPoolExecutor(6) as pool:
        statuses = sorted(pool.map(lambda _: _post_json(url, body), range(6)))
    assert statuses.count(400) == 5 and len([s for s in statuses if s in (200, 204)]) == 1, statuses


def test_a_moderator_erased_leaves_groups_rules_and_decisions_that_lead_nowhere(
    client, make_member, moderator, run_jobs
):
    """What a moderator made stays for the community (a group, a rule, the record of a decision), and none of
    it names or leads to the account once it is erased."""
    author = make_member()
    group = client.post(
        "/api/v1/groups",
        headers=moderator.headers,
        json={"name": "Second chances", "description": "For anyone.", "visibility": "public"},
    )
    assert group.status_code == 201
    rule = client.post(
        "/api/v1/moderation/rules",
        headers=moderator.headers,
        json={"pattern": "look at this later", "action": "hold", "note": "A test rule"},
    )
    assert rule.status_code == 201
    story_id = client.post(
        "/api/v1/stories",
        headers=author.headers,
        json=story_payload(body="Please look at this later, I am not sure it belongs here."),
    ).get_json()["id"]
    run_jobs()
    [item] = client.get("/api/v1/moderation/queue", headers=moderator.headers).get_json()["items"]
    assert (
        client.post(f"/api/v1/moderation/queue/{item['id']}/approve", headers=moderator.headers).status_code
        == 200
    )

    resp = client.delete(
        "/api/v1/me", headers=moderator.headers, json={"password": moderator.password, "stories": "delete"}
    )
    assert resp.status_code == 204

    admin = make_member("admin")
    groups = client.get("/api/v1/groups").get_json()["items"]
    assert [g["name"] for g in groups if g["id"] == group.get_json()["id"]] == ["Second chances"]
    rules = client.get("/api/v1/moderation/rules?per_page=100", headers=admin.headers).get_json()["items"]
    assert rule.get_json()["id"] in [r["id"] for r in rules]
    log = client.get(
        f"/api/v1/moderation/log?kind=story&target_id={story_id}", headers=admin.headers
    ).get_json()["items"]
    assert [entry["actor"] for entry in log if entry["action"] == "approve"] == ["a former moderator"]
    leads = [
        (table, column, value)
        for table, column, value in _every_text_cell()
        if moderator.email in value
        or moderator.display_name in value
        or (column.endswith(("_by_id", "user_id", "actor_id")) and value == str(moderator.id))
    ]
    assert leads == []
