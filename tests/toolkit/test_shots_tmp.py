import pytest
from datetime import date, timedelta
from community.toolkit import debriefs, plans, feedback
from community.digest.compose import week_of, shift_week
from community.models import utcnow
from tests.security import add_story, add_mentor

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.mark.browser
def test_shots(page, login, member, make_member):
    mentor = make_member(name="Dana Mentor")
    add_mentor(mentor.id)
    add_story(mentor.id, "Rambled in the panel", lesson="Answer the question asked, then stop.")
    d = debriefs.create(
        member.id,
        {
            "company": "Acme Robotics",
            "role": "Support engineer",
            "industry": "Software",
            "stage": "onsite",
            "interviewed_on": (date.today() - timedelta(days=3)).isoformat(),
            "outcome": "rejected",
            "audit": {
                "preparation": {"rating": 2, "notes": "I had not read about their new product."},
                "first_impression": {"rating": 4, "notes": "Arrived early, calm."},
                "answers": {"rating": 2, "notes": "Rambled on the conflict question."},
                "enthusiasm": {"rating": 4, "notes": ""},
                "questions_asked": {"rating": 3, "notes": "Only asked about salary."},
                "materials": {"rating": 5, "notes": ""},
                "follow_up": {"rating": 3, "notes": ""},
                "skills": {"rating": 4, "notes": ""},
            },
            "went_well": ["Arrived early", "Good rapport with the manager", "Solid SQL answer"],
        },
    )
    plans.put_plan(
        member.id,
        {
            "weekly_goals": {"applications": 5, "networking": 3, "skills_hours": 4, "rest_days": 2},
            "actions": [
                {"text": "Write five STAR stories", "category": "answers", "done": True},
                {"text": "Read the last three news items before each interview", "category": "preparation"},
            ],
        },
    )
    now = week_of(utcnow())
    for n, vals in [(4, (3, 1, 2, 1)), (2, (6, 2, 5, 2)), (1, (4, 3, 3.5, 1)), (0, (2, 1, 1, 2))]:
        plans.check_in(
            member.id,
            {
                "week": shift_week(now, -n),
                "applications": vals[0],
                "networking": vals[1],
                "skills_hours": vals[2],
                "rest_days": vals[3],
            },
        )
    login(member)
    for name, (w, h) in SIZES.items():
        page.set_viewport_size({"width": w, "height": h})
        for slug, url in [
            ("new", "/me/debriefs/new"),
            ("walk", f"/me/debriefs/{d.id}/walk/3"),
            ("debrief", f"/me/debriefs/{d.id}"),
            ("request", f"/me/debriefs/{d.id}/feedback-request"),
            ("plan", "/me/plan"),
            ("progress", "/me/progress"),
        ]:
            page.goto(url)
            page.screenshot(path=f"/tmp/toolkit-{slug}-{name}.png", full_page=True)
            if slug in ("debrief", "progress"):
                page.locator("figure").first.screenshot(path=f"/tmp/toolkit-{slug}-{name}-chart.png")
