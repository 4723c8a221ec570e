from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from community.accounts.models import User
from community.extensions import db
from tests.factories import WEEK, WEEK_AFTER


@pytest.fixture
def app_config():
    # As in production: every other form needs a CSRF token, and this link must work without one.
    return {"WTF_CSRF_ENABLED": True}


@pytest.fixture
def link(bulk_members, make_story, mailbox, runner) -> tuple[int, str]:
    reader, _ = bulk_members(2)
    make_story(reader, "A story worth a Monday email")
    runner.invoke(args=["digest", "send", "--week", WEEK])
    (msg,) = mailbox.to(reader.email)
    url = msg["List-Unsubscribe"].strip("<>")
    assert url.startswith("http://rebound.test/digest/unsubscribe/")
    return reader.id, urlsplit(url).path


def digest_setting(user_id: int) -> str:
    db.session.expire_all()
    return db.session.get(User, user_id).digest


def test_one_click_post_turns_the_digest_off_without_signing_in(client, link, mailbox, runner, make_story):
    user_id, path = link
    resp = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert resp.status_code == 200
    assert "won't get the weekly digest" in resp.get_data(as_text=True)
    assert digest_setting(user_id) == "off"
    # Again is fine.
    assert client.post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 200

    mailbox.clear()
    make_story(db.session.get(User, user_id), "The week after", at=WEEK_AFTER)
    runner.invoke(args=["digest", "send", "--week", "2026-W41"])
    recipients = {m["To"] for m in mailbox.messages}
    assert len(recipients) == 1 and db.session.get(User, user_id).email not in recipients


def test_get_asks_with_a_button_that_posts_to_the_same_link(client, link):
    user_id, path = link
    resp = client.get(path)
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert 'method="post"' in page and f'action="{path}"' in page and "<button" in page
    assert digest_setting(user_id) == "weekly"


def test_a_tampered_token_changes_nothing(client, link):
    user_id, path = link
    token = path.rsplit("/", 1)[1]
    forged_id = URLSafeTimedSerializer("test-secret", salt="another-purpose").dumps(user_id)
    for bad in (
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        forged_id,
        "nonsense",
        token + "x",
    ):
        for method in (client.get, client.post):
            resp = method(f"/digest/unsubscribe/{bad}")
            assert resp.status_code == 400, bad
            assert "doesn't work" in resp.get_data(as_text=True)
    assert digest_setting(user_id) == "weekly"


def test_an_expired_token_changes_nothing(client, link):
    user_id, _ = link

    class LastYear(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - 400 * 24 * 3600

    old = URLSafeTimedSerializer("test-secret", salt="digest-unsubscribe", signer=LastYear).dumps(user_id)
    assert client.post(f"/digest/unsubscribe/{old}").status_code == 400
    assert digest_setting(user_id) == "weekly"
