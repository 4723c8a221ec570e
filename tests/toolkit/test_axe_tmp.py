import json
import pytest
from datetime import date, timedelta
from community.toolkit import debriefs, plans
from community.digest.compose import week_of, shift_week
from community.models import utcnow
from tests.security import add_story, add_mentor

AXE = open("/tmp/axe/axe_playwright_python/axe.min.js").read()

@pytest.mark.browser
def test_axe(browser, live_server, member, make_member):
    mentor = make_member(name="Dana Mentor")
    add_mentor(mentor.id)
    add_story(mentor.id, "Rambled in the panel", lesson="Answer the question asked, then stop.")
    d = debriefs.create(member.id, {"company": "Acme Robotics", "stage": "onsite",
        "interviewed_on": (date.today() - timedelta(days=3)).isoformat(),
        "audit": {"preparation": {"rating": 2, "notes": "x"}, "answers": {"rating": 1, "notes": "y"}}, "went_well": ["a"]})
    plans.put_plan(member.id, {"actions": [{"text": "Do it", "done": True}]})
    plans.check_in(member.id, {"applications": 2})
    ctx = browser.new_context(base_url=live_server, bypass_csp=True)
    page = ctx.new_page()
    page.goto("/login"); page.fill("input[name=email]", member.email); page.fill("input[name=password]", member.password)
    page.click("form button[type=submit], form input[type=submit]"); page.wait_for_load_state()
    out = {}
    for url in ["/me/debriefs", "/me/debriefs/new", f"/me/debriefs/{d.id}", f"/me/debriefs/{d.id}/walk/1", f"/me/debriefs/{d.id}/walk/10", f"/me/debriefs/{d.id}/walk/11", f"/me/debriefs/{d.id}/feedback-request?followup=1", f"/me/debriefs/{d.id}/edit", "/me/plan", "/me/progress"]:
        page.goto(url)
        page.add_script_tag(content=AXE)
        res = page.evaluate("async () => (await axe.run()).violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' ')).slice(0,4)])")
        out[url] = res
    print(json.dumps(out, indent=1))
