"""The toolkit's pages without JavaScript: the walk-through one question at a time, saving as it goes; the
debrief with its chart; the feedback request; plan, check-ins and progress; owner only."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from community.digest.compose import week_of
from community.models import utcnow
from community.toolkit.content import AUDIT_CATEGORIES
from tests.factories import SECRET_COMPANY, SECRET_NOTE, make_mentor, make_story
from tests.helpers import signed_in_client


def test_the_walk_through_saves_each_answer_as_the_member_goes(app, member, client):
    browser = signed_in_client(app, member)
    page = browser.get("/me/debriefs/new")
    assert page.status_code == 200 and "Let's look back at the interview" in page.get_data(as_text=True)
    resp = browser.post(
        "/me/debriefs/new",
        data={"company": SECRET_COMPANY, "stage": "final_round", "interviewed_on": date.today().isoformat()},
    )
    assert resp.status_code == 302
    walk = resp.headers["Location"]
    debrief_id = int(re.search(r"/me/debriefs/(\d+)/walk/1$", walk)[1])

    page = browser.get(walk).get_data(as_text=True)
    assert "Step 1 of 11" in page and "How prepared did you feel" in page
    resp = browser.post(walk, data={"rating": "2", "notes": "Skimmed their site only.", "go": "next"})
    assert resp.headers["Location"].endswith(f"/me/debriefs/{debrief_id}/walk/2")
    # Saved already: the API shows it before the walk is finished.
    shown = client.get(f"/api/v1/me/debriefs/{debrief_id}", headers=member.headers).get_json()
    assert shown["audit"]["preparation"] == {"rating": 2, "notes": "Skimmed their site only."}

    # Going back keeps what was written, and skipping a rating is fine.
    resp = browser.post(f"/me/debriefs/{debrief_id}/walk/2", data={"notes": "Nervous start.", "go": "back"})
    assert resp.headers["Location"].endswith("/walk/1")
    assert 'checked id="rating-1"' in browser.get(f"/me/debriefs/{debrief_id}/walk/1").get_data(as_text=True)
    for step in range(3, len(AUDIT_CATEGORIES) + 1):
        browser.post(f"/me/debriefs/{debrief_id}/walk/{step}", data={"rating": "4", "go": "next"})
    resp = browser.post(
        f"/me/debriefs/{debrief_id}/walk/10",
        data={"well_1": "Got to the final round", "well_2": "", "well_3": "Good questions", "go": "next"},
    )
    assert resp.headers["Location"].endswith("/walk/11")
    resp = browser.post(
        f"/me/debriefs/{debrief_id}/walk/11", data={"feedback": "", "outcome": "rejected", "go": "next"}
    )
    assert resp.headers["Location"].endswith(f"/me/debriefs/{debrief_id}")
    shown = client.get(f"/api/v1/me/debriefs/{debrief_id}", headers=member.headers).get_json()
    assert shown["went_well"] == ["Got to the final round", "Good questions"]
    assert shown["audit"]["first_impression"] == {"rating": None, "notes": "Nervous start."}
    assert shown["outcome"] == "rejected"


def test_a_bad_step_is_shown_on_the_form(app, member, make_debrief):
    made = make_debrief(member)
    browser = signed_in_client(app, member)
    resp = browser.post(f"/me/debriefs/{made['id']}/walk/1", data={"rating": "9", "notes": "n" * 5001})
    assert resp.status_code == 422
    page = resp.get_data(as_text=True)
    assert "from 1 to 5" in page and "under 5,000 characters" in page
    resp = browser.post(
        "/me/debriefs/new", data={"company": "", "stage": "onsite", "interviewed_on": "2999-01-01"}
    )
    assert resp.status_code == 422 and "in the future" in resp.get_data(as_text=True)


def test_the_debrief_page_shows_the_chart_what_went_well_and_next_steps(app, member, make_debrief):
    made = make_debrief(member)
    page = signed_in_client(app, member).get(f"/me/debriefs/{made['id']}").get_data(as_text=True)
    assert '<svg class="chart audit-chart" role="img"' in page
    assert '<title id="audit-title">' in page
    # The text alternative names every rating.
    assert "Answers: 1 of 5" in page and "Mindset: not rated" in page
    assert SECRET_NOTE in page  # in the table of notes
    assert "Marmalight rapport" in page
    assert "Write five STAR stories" in page  # a suggested action for the weakest part, answers
    assert "Share what I learned" in page


def test_feedback_request_page_drafts_and_records(app, member, make_debrief, client):
    made = make_debrief(member)
    browser = signed_in_client(app, member)
    url = f"/me/debriefs/{made['id']}/feedback-request"
    page = browser.get(url).get_data(as_text=True)
    assert "mailto:?subject=" in page and "Thank you" in page
    formal = browser.get(f"{url}?tone=formal").get_data(as_text=True)
    assert "Dear hiring team" in formal
    resp = browser.post(url, data={"sent_on": date.today().isoformat(), "follow_up_days": "40"})
    assert resp.status_code == 422 and "from 1 to 30" in resp.get_data(as_text=True)
    resp = browser.post(url, data={"sent_on": date.today().isoformat(), "follow_up_days": "5"})
    assert resp.status_code == 302
    shown = client.get(f"/api/v1/me/debriefs/{made['id']}", headers=member.headers).get_json()
    assert shown["feedback_request"]["follow_up_days"] == 5


def test_plan_actions_and_check_ins_from_the_page(app, member, client, make_debrief):
    make_debrief(member)
    browser = signed_in_client(app, member)
    page = browser.get("/me/plan").get_data(as_text=True)
    # Suggestions come from the weakest categories across debriefs (answers first).
    assert "Write five STAR stories" in page
    resp = browser.post(
        "/me/plan/goals",
        data={"applications": "4", "networking": "2", "skills_hours": "3.5", "rest_days": "2"},
    )
    assert resp.status_code == 302
    browser.post(
        "/me/plan/actions", data={"text": "Write five STAR stories (situation, task)", "category": "answers"}
    )
    action = client.get("/api/v1/me/plan", headers=member.headers).get_json()["actions"][0]
    browser.post(f"/me/plan/actions/{action['id']}/done")
    plan = client.get("/api/v1/me/plan", headers=member.headers).get_json()
    assert plan["actions"][0]["done"] is True and plan["weekly_goals"]["skills_hours"] == 3.5
    resp = browser.post(
        "/me/plan/check-in", data={"week": week_of(utcnow()), "applications": "3", "rest_days": "9"}
    )
    assert resp.status_code == 422 and "from 0 to 7" in resp.get_data(as_text=True)
    resp = browser.post(
        "/me/plan/check-in", data={"week": week_of(utcnow()), "applications": "3", "rest_days": "1"}
    )
    assert resp.headers["Location"].endswith("/me/progress")
    progress = browser.get("/me/progress").get_data(as_text=True)
    assert '<svg class="chart progress-chart" role="img"' in progress
    assert "3 of 4" in progress  # the table: applications done of the goal
    assert "just a week" in progress
    assert "streak" not in progress.lower()


def test_patterns_bring_real_lessons_and_mentors_with_open_places(
    app, member, make_member, make_debrief, client
):
    make_debrief(member)
    make_debrief(member, audit={"answers": {"rating": 2}, "preparation": {"rating": 5}})
    mentor = make_member(name="Dana Mentor")
    make_mentor(mentor, expertise=["answers", "preparation"])
    full = make_member(name="Busy Mentor")
    make_mentor(full)
    from community.extensions import db
    from community.mentorship.models import MentorProfile

    db.session.get(MentorProfile, full.id).accepting = False
    db.session.commit()
    make_story(
        mentor, "Rambled in the panel", lessons=[("preparation", "Answer the question asked, then stop.")]
    )
    patterns = client.get("/api/v1/me/progress", headers=member.headers).get_json()["patterns"]
    assert (
        patterns[0]["category"] == "answers"
        and patterns[0]["average"] == 1.5
        and patterns[0]["debriefs"] == 2
    )
    # Lessons from the library are in the preparation category of the story above; mentors with open places.
    by_category = {p["category"]: p for p in patterns}
    assert [m["display_name"] for m in by_category["answers"]["mentors"]] == ["Dana Mentor"]
    assert [lesson["text"] for lesson in by_category["preparation"]["lessons"]] == [
        "Answer the question asked, then stop."
    ]
    browser = signed_in_client(app, member)
    page = browser.get("/me/progress").get_data(as_text=True)
    assert "Ask Dana Mentor for mentorship" in page and "Busy Mentor" not in page
    # The request comes worded for the pattern; sending it is the mentorship area's own form.
    message = (
        "Hello, answers keeps coming up as the hardest part of my interviews. Could you help me work on it?"
    )
    assert message in page
    resp = browser.post(f"/mentors/{mentor.id}/request", data={"message": message})
    assert resp.status_code == 302
    outgoing = client.get("/api/v1/me/mentorship-requests", headers=member.headers).get_json()["outgoing"]
    assert [r["mentor"]["display_name"] for r in outgoing] == ["Dana Mentor"]


@pytest.mark.parametrize("role", ["member", "moderator", "admin"])
def test_pages_of_a_debrief_are_not_found_for_anyone_else(app, member, make_member, make_debrief, role):
    made = make_debrief(member)
    browser = signed_in_client(app, make_member(role))
    base = f"/me/debriefs/{made['id']}"
    for url in (base, f"{base}/edit", f"{base}/walk/1", f"{base}/feedback-request"):
        resp = browser.get(url)
        assert resp.status_code == 404, url
        assert SECRET_COMPANY not in resp.get_data(as_text=True)
    for url in (f"{base}/story-draft", f"{base}/delete", f"{base}/walk/1"):
        assert browser.post(url, data={"rating": "3"}).status_code == 404, url
    assert SECRET_COMPANY not in browser.get("/me/debriefs").get_data(as_text=True)


def test_signed_out_visitors_are_sent_to_sign_in(client, member, make_debrief):
    made = make_debrief(member)
    for url in ("/me/debriefs", "/me/debriefs/new", f"/me/debriefs/{made['id']}", "/me/plan", "/me/progress"):
        resp = client.get(url)
        assert resp.status_code == 302 and resp.headers["Location"].startswith("/login"), url


def test_share_what_i_learned_opens_the_story_form_filled_in(app, member, make_debrief):
    made = make_debrief(member)
    browser = signed_in_client(app, member)
    page = browser.post(f"/me/debriefs/{made['id']}/story-draft", data={}).get_data(as_text=True)
    assert 'action="/stories/new"' in page
    assert SECRET_NOTE in page and "What I learned interviewing for Support engineer" in page
    assert SECRET_COMPANY not in page
    page = browser.post(f"/me/debriefs/{made['id']}/story-draft", data={"share_company": "y"}).get_data(
        as_text=True
    )
    assert f'value="{SECRET_COMPANY}"' in page


def test_the_nav_offers_my_rebound_to_members_only(app, member, client):
    assert "My rebound" not in client.get("/").get_data(as_text=True)
    assert 'href="/me/debriefs">My rebound' in signed_in_client(app, member).get("/").get_data(as_text=True)


def test_an_interview_date_defaults_to_today_and_later_dates_are_refused(app, member):
    browser = signed_in_client(app, member)
    page = browser.get("/me/debriefs/new").get_data(as_text=True)
    assert f'value="{date.today().isoformat()}"' in page
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    resp = browser.post(
        "/me/debriefs/new", data={"company": "A", "stage": "onsite", "interviewed_on": tomorrow}
    )
    assert resp.status_code == 422
