from __future__ import annotations

import pytest

from community.extensions import db
from community.mentorship import requesting, volunteering
from community.mentorship.models import MentorProfile, MentorshipRequest
from tests.factories import make_story
from tests.helpers import sign_in


def test_volunteer_form_saves_and_shows_errors(client, member):
    sign_in(client, member)
    assert "Volunteer as a mentor" in client.get("/mentors/volunteer").get_data(as_text=True)

    bad = client.post(
        "/mentors/volunteer",
        data={"headline": "x" * 121, "bio": "", "industries": "", "capacity": "11"},
    )
    assert bad.status_code == 422
    html = bad.get_data(as_text=True)
    assert "Choose at least one area" in html and "between 1 and 10" in html
    assert db.session.query(MentorProfile).count() == 0

    resp = client.post(
        "/mentors/volunteer",
        data={
            "headline": "Nurse turned data analyst",
            "bio": "Ask me about *career changes*.",
            "expertise": ["materials", "mindset"],
            "industries": "Health, Data ,",
            "capacity": "3",
            "accepting": "y",
        },
    )
    assert resp.status_code == 302
    profile = db.session.query(MentorProfile).one()
    assert (profile.expertise, profile.industries, profile.capacity) == (
        ["materials", "mindset"],
        ["Health", "Data"],
        3,
    )
    html = client.get("/mentors/volunteer").get_data(as_text=True)
    assert "Nurse turned data analyst" in html and "Stop volunteering" in html

    client.post("/mentors/volunteer/stop")
    assert db.session.get(MentorProfile, profile.id).active is False


def test_mentors_page_suggests_mentors_for_what_i_wrote_about(client, make_member):
    writer, ana, ben = make_member(), make_member(name="Ana"), make_member(name="Ben")
    volunteering.volunteer(ana.id, "Ana's headline", "", ["skills"], ["Software"], 2, True)
    volunteering.volunteer(ben.id, "Ben's headline", "", ["follow_up"], ["Retail"], 2, True)
    make_story(writer, "I never followed up", lessons=[("follow_up", "Write back within a day.")])

    html = client.get("/mentors").get_data(as_text=True)
    assert "Ana&#39;s headline" in html and "Ben&#39;s headline" in html
    assert "what you wrote about" not in html
    assert ana.email not in html and ben.email not in html

    sign_in(client, writer)
    html = client.get("/mentors").get_data(as_text=True)
    suggestions = html.split("what you wrote about", 1)[1].split("All mentors", 1)[0]
    assert "Ben" in suggestions and "Ana" not in suggestions

    filtered = client.get("/mentors?industry=software").get_data(as_text=True)
    listed = filtered.split("All mentors", 1)[1]
    assert "Ana&#39;s headline" in listed and "Ben&#39;s headline" not in listed


def test_request_form_errors_keep_the_message(client, make_member):
    mentor, mentee = make_member(name="Mira"), make_member()
    profile = volunteering.volunteer(mentor.id, "Headline", "", ["answers"], [], 1, True)
    sign_in(client, mentee)
    resp = client.post(f"/mentors/{profile.id}/request", data={"message": "   "})
    assert resp.status_code == 422 and "Write a short message" in resp.get_data(as_text=True)

    assert client.post(f"/mentors/{profile.id}/request", data={"message": "Hello Mira"}).status_code == 302
    again = client.post(f"/mentors/{profile.id}/request", data={"message": "Hello again"})
    assert again.status_code == 422
    html = again.get_data(as_text=True)
    assert "already have an open request" in html and "Hello again" in html
    assert client.post("/mentors/9999/request", data={"message": "Hi"}).status_code == 404


def test_answering_a_closed_request_on_the_page_explains_why(client, make_member):
    mentor, mentee = make_member(), make_member()
    profile = volunteering.volunteer(mentor.id, "Headline", "", ["answers"], [], 1, True)
    item = requesting.request_mentor(profile.id, mentee.id, "Hello")
    requesting.decline(item.id, mentor.id, notify=False)
    sign_in(client, mentor)
    resp = client.post(f"/me/mentorship/{item.id}/accept", follow_redirects=True)
    assert "already declined" in resp.get_data(as_text=True)
    assert db.session.get(MentorshipRequest, item.id).status == "declined"


def test_pages_need_a_member(client):
    for path in ("/mentors/volunteer", "/me/mentorship"):
        resp = client.get(path)
        assert resp.status_code == 302 and "/login" in resp.headers["Location"]
    assert client.get("/mentors").status_code == 200


@pytest.mark.browser
def test_volunteer_find_request_accept_and_see_the_email(page, login, make_member, run_jobs, mailbox):
    mentor = make_member(name="Mira Mentor")
    mentee = make_member(name="Theo")

    login(mentor)
    page.goto("/mentors/volunteer")
    page.fill("input[name=headline]", "Engineering manager; I have failed plenty of interviews")
    page.fill("textarea[name=bio]", "Happy to run **mock interviews**.")
    page.check("label:has-text('Answers') input")
    page.check("label:has-text('Skills') input")
    page.fill("input[name=industries]", "Software")
    page.fill("input[name=capacity]", "1")
    page.click("text=Save my mentor profile")
    page.wait_for_load_state()
    assert page.locator("text=Your mentor profile is saved").is_visible()
    page.click("button:has-text('Sign out')")
    page.wait_for_load_state()

    login(mentee)
    page.goto("/mentors")
    card = page.locator("article.mentor", has_text="Mira Mentor")
    assert card.locator("text=mock interviews").is_visible()
    assert card.locator("text=1 open place").is_visible()
    card.locator("summary").click()
    card.locator("textarea").fill("I freeze in live coding. Could we do a mock interview?")
    card.locator("button:has-text('Send my request to Mira Mentor')").click()
    page.wait_for_load_state()
    assert "/me/mentorship#request-" in page.url
    assert page.locator("#main >> text=Mira Mentor").first.is_visible()
    assert page.locator(".badge.status", has_text="pending").is_visible()
    page.click("button:has-text('Sign out')")
    page.wait_for_load_state()

    login(mentor)
    page.goto("/me/mentorship")
    assert page.locator("text=I freeze in live coding").is_visible()
    assert page.locator(f"text={mentee.email}").count() == 0
    page.click("button:has-text('Accept')")
    page.wait_for_load_state()
    assert page.locator(f"a:has-text('{mentee.email}')").is_visible()
    page.click("button:has-text('Sign out')")
    page.wait_for_load_state()

    run_jobs()
    [mail] = mailbox.to(mentee.email)
    assert mail["Subject"] == "You have a mentor"
    assert mentor.email in mail.get_body(("plain",)).get_content()

    login(mentee)
    page.goto("/me/mentorship")
    assert page.locator(f"a:has-text('{mentor.email}')").is_visible()
    assert page.locator(".badge.status", has_text="accepted").is_visible()
