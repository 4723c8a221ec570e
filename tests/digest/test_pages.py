from __future__ import annotations

import re

import pytest

from tests.factories import WEEK
from tests.helpers import sign_in


def test_the_digest_page_needs_signing_in(client):
    resp = client.get("/digest")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]
    assert client.get(f"/digest/{WEEK}").status_code == 302


@pytest.mark.parametrize("bad", ["2026-W60", "last", "2026-47", "2026-W5%3Cscript%3E"])
def test_a_malformed_week_is_a_friendly_404(client, member, bad):
    sign_in(client, member)
    resp = client.get(f"/digest/{bad}")
    page = resp.get_data(as_text=True)
    assert resp.status_code == 404
    assert "We couldn't find that week" in page and "2026-W47" in page
    assert "<script>" not in page


def test_a_quiet_week(client, member):
    sign_in(client, member)
    resp = client.get(f"/digest/{WEEK}")
    assert resp.status_code == 200
    assert "A quiet week" in resp.get_data(as_text=True)


@pytest.mark.browser
def test_the_page_shows_what_the_email_says(
    page, login, make_member, make_group, make_story, mailbox, runner
):
    reader, author = make_member(), make_member()
    group = make_group("Final-round rejections", "private", members=[reader, author])
    make_story(author, "Public: the take-home that took a week", helpful=2)
    make_story(author, "Group: a panel of six", group=group, strength=5)
    make_story(author, "Public: <b>bold</b> & brave", me_too=1)
    runner.invoke(args=["digest", "send", "--week", WEEK])
    (msg,) = mailbox.to(reader.email)
    plain = msg.get_body(("plain",)).get_content()
    stories = plain.split("THE MOST HELPFUL LESSONS")[0].splitlines()
    emailed = [line[2:].strip() for line in stories if line.startswith("* ")]
    assert emailed == [
        "Group: a panel of six",
        "Public: the take-home that took a week",
        "Public: <b>bold</b> & brave",
    ]

    login(reader)
    page.goto(f"/digest/{WEEK}")
    shown = page.locator(".digest-story h3").all_inner_texts()
    assert shown == emailed
    assert page.locator("#digest-groups + ul").inner_text().startswith("Final-round rejections: 1 new story")

    page.click("text=Group: a panel of six")
    page.wait_for_load_state()
    assert re.search(r"/stories/\d+$", page.url)
