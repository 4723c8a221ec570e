"""The digest's private "your week": the week's check-in against the goals and follow-ups due, in its own
member's email and digest page, and in nobody else's."""

from __future__ import annotations

from community.digest import sending
from community.toolkit import your_week
from tests.factories import IN_WEEK, SECRET_COMPANY, WEEK


def _text(message) -> str:
    return message.get_body(("plain",)).get_content()


def _html(message) -> str:
    return message.get_body(("html",)).get_content()


def test_your_week_goes_only_to_its_member(app, client, make_member, make_story, make_debrief, mailbox):
    member, other = make_member(), make_member()
    make_story(other, "Something new that week", at=IN_WEEK)
    client.put("/api/v1/me/plan", json={"weekly_goals": {"applications": 5}}, headers=member.headers)
    client.post(
        "/api/v1/me/plan/check-ins",
        json={"week": WEEK, "applications": 3, "networking": 2, "skills_hours": 1.5, "note": "Quiet one"},
        headers=member.headers,
    )
    made = make_debrief(member, interviewed_on="2026-09-20")
    client.post(
        f"/api/v1/me/debriefs/{made['id']}/feedback-request",
        json={"sent_on": "2026-09-25", "follow_up_days": 7},
        headers=member.headers,
    )

    result = sending.send_digest_batch(WEEK, [member.id, other.id])
    assert result.sent == 2
    (mine,) = mailbox.to(member.email)
    text = _text(mine)
    assert "YOUR WEEK, JUST FOR YOU" in text
    assert "Applications: 3 of 5" in text and "Hours on skills: 1.5 of 3" in text
    assert "request sent 2026-09-25: follow up from 2026-10-02" in text
    assert f"/me/debriefs/{made['id']}/feedback-request" in _html(mine)
    # Nothing private beyond numbers and dates travels by mail.
    assert SECRET_COMPANY not in text + _html(mine) and "Quiet one" not in text
    (theirs,) = mailbox.to(other.email)
    assert "YOUR WEEK" not in _text(theirs) and "Your week, just for you" not in _html(theirs)


def test_your_week_on_the_digest_page_is_the_readers_own(app, client, make_member, make_debrief):
    member, other = make_member(), make_member()
    client.post("/api/v1/me/plan/check-ins", json={"week": WEEK, "applications": 4}, headers=member.headers)
    pages = {}
    for who in (member, other):
        browser = app.test_client()
        browser.post("/login", data={"email": who.email, "password": who.password})
        pages[who.id] = browser.get(f"/digest/{WEEK}").get_data(as_text=True)
    assert "Your week, just for you" in pages[member.id] and "Applications: 4 of 5" in pages[member.id]
    assert "Your week, just for you" not in pages[other.id]


def test_recorded_feedback_takes_a_follow_up_off_the_list(app, client, make_member, make_debrief):
    member = make_member()
    made = make_debrief(member, interviewed_on="2026-09-20", feedback="They liked my portfolio")
    client.post(
        f"/api/v1/me/debriefs/{made['id']}/feedback-request",
        json={"sent_on": "2026-09-25", "follow_up_days": 3},
        headers=member.headers,
    )
    assert your_week.build(WEEK, [member.id]) == {}
