"""The /register, /login, /settings and /logout pages, as a person with a browser uses them."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest

from community.accounts.models import User
from community.extensions import db
from tests.helpers import deliver_mail_to, link_token

PASSWORD = "a long password"

FIELD = re.compile(r'<div class="field[^"]*">(.*?)</div>', re.S)
ERROR = re.compile(r'<p class="error[^"]*" role="alert">(.*?)</p>', re.S)


def field_errors(page: str, name: str) -> list[str]:
    """The messages shown under the form field `name`."""
    for block in FIELD.findall(page):
        if f'name="{name}"' in block:
            return [html.unescape(e) for e in ERROR.findall(block)]
    raise AssertionError(f"no field {name!r} on the page")


def banner_errors(page: str) -> list[str]:
    return [html.unescape(e) for e in re.findall(r'<p class="error banner" role="alert">(.*?)</p>', page)]


def text(resp) -> str:
    body = resp.get_data(as_text=True)
    assert "Traceback" not in body
    return body


def sign_up(client, email="sam@example.org", display_name="Sam", password=PASSWORD):
    return client.post("/register", data={"email": email, "display_name": display_name, "password": password})


def sign_in(client, email, password=PASSWORD, next_url=None):
    url = "/login" + (f"?next={next_url}" if next_url is not None else "")
    return client.post(url, data={"email": email, "password": password})


def users() -> int:
    return db.session.query(User).count()


# --- register -----------------------------------------------------------------------------------


def test_register_form_has_the_contract_fields(client):
    page = text(client.get("/register"))
    for name in ("email", "display_name", "password"):
        assert f'name="{name}"' in page


def test_register_asks_to_confirm_then_the_link_signs_in(client, mailbox):
    resp = sign_up(client, email="  Sam@Example.org ")
    assert resp.status_code == 200
    assert "Check your mail" in text(resp)
    # Not signed in yet, and signing in waits for the confirmation.
    assert client.get("/settings").status_code == 302
    refused = sign_in(client, "sam@example.org")
    assert refused.status_code == 422
    assert any("confirm your email" in e for e in banner_errors(text(refused)))
    assert "Send me a new confirmation link" in text(refused)

    deliver_mail_to(db.session.query(User.id).scalar())
    [mail] = mailbox.to("sam@example.org")
    token = link_token(mail)
    # Opening the link shows a button; a mail scanner fetching it confirms nothing.
    assert "Confirm my email" in text(client.get(f"/confirm/{token}"))
    assert db.session.query(User).one().email_confirmed_at is None
    confirmed = client.post(f"/confirm/{token}")
    assert confirmed.status_code == 302 and confirmed.headers["Location"] == "/login"
    assert "Your email is confirmed" in text(client.get("/login"))
    assert sign_in(client, "sam@example.org").status_code == 302
    assert "sam@example.org" in text(client.get("/settings"))
    user = db.session.query(User).one()
    assert (user.email, user.display_name, user.role, user.digest) == (
        "sam@example.org",
        "Sam",
        "member",
        "weekly",
    )
    assert PASSWORD not in user.password_hash
    # The link worked once: opening it again says so, kindly, and offers a new one.
    again = client.post(f"/confirm/{token}")
    assert again.status_code == 400 and "ask for a new one" in text(again)


BAD_REGISTRATIONS = [
    ({"email": "not-an-email"}, "email"),
    ({"email": ""}, "email"),
    ({"password": "short"}, "password"),
    ({"password": ""}, "password"),
    ({"display_name": "   "}, "display_name"),
    ({"display_name": "x" * 61}, "display_name"),
]


def test_each_bad_register_field_is_named_on_the_form_and_nothing_is_stored(client):
    for data, field in BAD_REGISTRATIONS:
        form = {"email": "sam@example.org", "display_name": "Sam", "password": PASSWORD, **data}
        resp = client.post("/register", data=form)
        page = text(resp)
        assert resp.status_code == 422, data
        assert field_errors(page, field), f"no message under {field} for {data}"
        others = {"email", "display_name", "password"} - {field}
        assert all(not field_errors(page, other) for other in others), data
        # What was typed is kept, except the password.
        if form["email"] == "sam@example.org":
            assert 'value="sam@example.org"' in page
        assert PASSWORD not in page
    assert users() == 0


def test_register_with_a_taken_email_looks_the_same_and_stores_nothing_more(client, member):
    taken = sign_up(client, email=member.email.upper())
    fresh = sign_up(client, email="nobody-yet@example.org")
    assert taken.status_code == fresh.status_code == 200
    assert text(taken).replace(member.email.upper(), "X") == text(fresh).replace(
        "nobody-yet@example.org", "X"
    )
    assert users() == 2


# --- login and logout ---------------------------------------------------------------------------


def test_login_then_logout(client, member):
    resp = sign_in(client, member.email.upper(), member.password)
    assert resp.status_code == 302 and resp.headers["Location"] == "/"
    assert member.email in text(client.get("/settings"))

    assert "Sign out" in text(client.get("/logout"))
    resp = client.post("/logout")
    assert resp.status_code == 302
    assert "signed out" in text(client.get(resp.headers["Location"]))
    resp = client.get("/settings")
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/login")


def test_wrong_password_and_unknown_email_get_the_same_message(client, member):
    wrong = sign_in(client, member.email, "not the password")
    unknown = sign_in(client, "nobody@example.org", "not the password")
    assert wrong.status_code == unknown.status_code == 422
    wrong_errors, unknown_errors = banner_errors(text(wrong)), banner_errors(text(unknown))
    assert wrong_errors == unknown_errors and len(wrong_errors) == 1
    assert field_errors(text(wrong), "email") == field_errors(text(unknown), "email") == []
    assert client.get("/settings").status_code == 302


def test_empty_login_fields_are_named(client):
    resp = client.post("/login", data={"email": "", "password": ""})
    page = text(resp)
    assert resp.status_code == 422
    assert field_errors(page, "email") and field_errors(page, "password")


def test_next_redirects_only_within_the_site(client, member):
    cases = {
        "/settings": "/settings",
        "/settings?tab=digest": "/settings?tab=digest",
        "https://evil.example/": "/",
        "//evil.example/": "/",
        "/\\evil.example/": "/",
        "/\t/evil.example/": "/",
        "https:/evil.example/": "/",
        "javascript:alert(1)": "/",
    }
    for next_url, lands_on in cases.items():
        resp = sign_in(client, member.email, member.password, next_url=quote(next_url, safe=""))
        assert resp.status_code == 302
        assert resp.headers["Location"] == lands_on, next_url
        client.post("/logout")


def test_signed_in_visitor_of_login_goes_on(client, member):
    sign_in(client, member.email, member.password)
    resp = client.get("/login?next=/settings")
    assert resp.status_code == 302 and resp.headers["Location"] == "/settings"


def test_settings_needs_a_sign_in_and_comes_back(client, member):
    resp = client.get("/settings")
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/login?next=%2Fsettings"
    resp = sign_in(client, member.email, member.password, next_url="%2Fsettings")
    assert resp.headers["Location"] == "/settings"


# --- settings -----------------------------------------------------------------------------------


def test_settings_keep_digest_and_industries(client, member):
    sign_in(client, member.email, member.password)
    page = text(client.get("/settings"))
    assert re.search(r'<input[^>]*checked[^>]*value="weekly"|<input[^>]*value="weekly"[^>]*checked', page)

    resp = client.post("/settings", data={"digest": "off", "industries": "Software,  software , Health"})
    assert resp.status_code == 302
    page = text(client.get(resp.headers["Location"]))
    assert "Settings saved." in page
    assert re.search(r'<input[^>]*checked[^>]*value="off"|<input[^>]*value="off"[^>]*checked', page)
    user = db.session.get(User, member.id)
    db.session.refresh(user)
    assert (user.digest, user.industries) == ("off", ["Software", "Health"])


def test_bad_settings_are_named_and_nothing_changes(client, member):
    sign_in(client, member.email, member.password)
    bad = [
        ({"digest": "daily"}, "digest"),
        ({"digest": ""}, "digest"),
        ({"industries": ",".join(f"Industry {i}" for i in range(21))}, "industries"),
        ({"industries": "x" * 61}, "industries"),
    ]
    for data, field in bad:
        resp = client.post("/settings", data={"digest": "off", "industries": "Software", **data})
        page = text(resp)
        assert resp.status_code == 422, data
        assert field_errors(page, field), data
    user = db.session.get(User, member.id)
    db.session.refresh(user)
    assert (user.digest, user.industries) == ("weekly", [])


# --- CSRF, cookies, headers, errors -------------------------------------------------------------


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_forms_without_a_csrf_token_are_refused_kindly(client, member):
    resp = sign_in(client, member.email, member.password)
    page = text(resp)
    assert resp.status_code == 400
    assert "form had expired" in page
    assert 'name="email"' not in page  # an explanation, not the form silently again
    resp = client.post(
        "/register", data={"email": "x@example.org", "display_name": "X", "password": PASSWORD}
    )
    assert resp.status_code == 400
    assert users() == 1

    # With the token the page carries, the same form works.
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text(client.get("/login"))).group(1)
    resp = client.post(
        "/login", data={"email": member.email, "password": member.password, "csrf_token": token}
    )
    assert resp.status_code == 302


def test_session_cookie_is_httponly_and_samesite_lax(client, member):
    resp = sign_in(client, member.email, member.password)
    cookie = next(c for c in resp.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def csp_directives(resp) -> dict[str, list[str]]:
    policy = resp.headers["Content-Security-Policy"]
    parts = (d.strip().split() for d in policy.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


def test_pages_carry_security_headers(client, member):
    for signed_in in (False, True):
        if signed_in:
            sign_in(client, member.email, member.password)
        for path in ("/", "/login", "/register", "/logout", "/settings", "/no-such-page"):
            resp = client.get(path)
            text(resp)
            csp = csp_directives(resp)
            script_src = csp.get("script-src", csp.get("default-src"))
            assert script_src, path
            assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, path
            assert csp["frame-ancestors"] == ["'none'"], path
            assert resp.headers["X-Content-Type-Options"] == "nosniff", path


def test_unknown_page_is_a_friendly_404(client):
    resp = client.get("/no-such-page")
    page = text(resp)
    assert resp.status_code == 404
    assert resp.mimetype == "text/html"
    assert "couldn't find" in page
    assert 'href="/"' in page


def test_wrong_method_on_a_page_is_friendly(client):
    resp = client.delete("/login")
    assert resp.status_code == 405
    assert resp.mimetype == "text/html"
    text(resp)
