from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from community import mail


@pytest.mark.parametrize("eight_bit", [False, True])
def test_raw_messages_parse_back_to_what_was_rendered(app, eight_bit):
    long_line = "word " * 300  # longer than SMTP allows on one line: always quoted-printable
    raw = mail.build_raw(
        "reader@example.org",
        "Ünïcode subject, and a long one that goes on for a while so that it would need folding",
        "digest",
        headers={"List-Unsubscribe": "<http://rebound.test/digest/unsubscribe/" + "t" * 120 + ">"},
        eight_bit=eight_bit,
        member={"display_name": "Zoë"},
        digest={"week": "2026-W40", "stories": [], "lessons": [], "mentors": [], "groups": []},
        news={"text": "\n.\n" + long_line, "html": "<p>café</p>"},
        week_label="28 Sep - 4 Oct 2026",
        unsubscribe_url="http://rebound.test/u",
    )
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")
    msg = message_from_bytes(raw, policy=policy.default)
    assert msg["Subject"].startswith("Ünïcode subject")
    assert msg["List-Unsubscribe"] == "<http://rebound.test/digest/unsubscribe/" + "t" * 120 + ">"
    plain = msg.get_body(("plain",))
    assert plain["Content-Transfer-Encoding"] == "quoted-printable"
    assert "Hi Zoë," in plain.get_content() and long_line.strip() in plain.get_content()
    html = msg.get_body(("html",))
    assert html["Content-Transfer-Encoding"] == ("8bit" if eight_bit else "quoted-printable")
    assert "<p>café</p>" in html.get_content()
