from __future__ import annotations

import pytest
from sqlalchemy import func, select

from community.extensions import db
from community.stories.models import Story
from tests.factories import make_rule
from tests.helpers import no_inline_code, sign_in


def test_home_is_the_feed_with_filters_and_pages(client, member, post_story, run_jobs):
    for n in range(21):
        post_story(member, title=f"Story number {n}", stage="technical" if n % 2 else "onsite")
    run_jobs()
    html = client.get("/").get_data(as_text=True)
    assert "Story number 20<" in html and "Story number 0<" not in html
    assert "Page 1 of 2" in html
    assert "Not a valid choice" not in html
    no_inline_code(html)
    page_two = client.get("/?page=2").get_data(as_text=True)
    assert "Story number 0<" in page_two and "Story number 20<" not in page_two

    onsite = client.get("/?stage=onsite").get_data(as_text=True)
    assert "Story number 20" in onsite and "Story number 19" not in onsite
    # Nonsense filters are ignored with a note, never an error page.
    resp = client.get("/?stage=nope&category=luck&page=abc")
    assert resp.status_code == 200
    assert "Story number 20" in resp.get_data(as_text=True)


def test_story_page_shows_lessons_reactions_and_replies(client, member, make_member, publish, run_jobs):
    story_id = publish(member, title="Stumbled at the recruiter screen")
    anonymous = client.get(f"/stories/{story_id}").get_data(as_text=True)
    assert "Stumbled at the recruiter screen" in anonymous
    assert "Practice system design out loud" in anonymous
    assert "Did I research the company and the role?" in anonymous
    assert "Sign in</a> to react" in anonymous
    no_inline_code(anonymous)

    reader = make_member()
    sign_in(client, reader)
    resp = client.post(f"/stories/{story_id}/reactions/me_too", data={"want": "on"})
    assert resp.status_code == 302
    resp = client.post(f"/stories/{story_id}/reactions/me_too", data={"want": "on"})
    html = client.get(f"/stories/{story_id}").get_data(as_text=True)
    assert 'aria-pressed="true"' in html
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["reactions"]["me_too"] == 1
    client.post(f"/stories/{story_id}/reactions/me_too", data={"want": "off"})
    assert client.get(f"/api/v1/stories/{story_id}").get_json()["reactions"]["me_too"] == 0

    empty = client.post(f"/stories/{story_id}/replies", data={"body": "   "})
    assert empty.status_code == 422 and "Add a reply." in empty.get_data(as_text=True)
    resp = client.post(f"/stories/{story_id}/replies", data={"body": "You've got this."})
    assert resp.status_code == 302
    run_jobs()
    html = client.get(f"/stories/{story_id}").get_data(as_text=True)
    assert "You&#39;ve got this." in html or "You've got this." in html
    assert "1 reply" in html

    resp = client.post(f"/stories/{story_id}/report", data={"reason": ""})
    assert resp.status_code == 422
    resp = client.post(f"/stories/{story_id}/report", data={"reason": "It names my manager"})
    assert resp.status_code == 302


def test_unpublished_story_pages_are_404_except_for_the_author(client, member, make_member, post_story):
    story_id = post_story(member)
    assert client.get(f"/stories/{story_id}").status_code == 404
    sign_in(client, make_member())
    assert client.get(f"/stories/{story_id}").status_code == 404
    client.post("/logout")
    sign_in(client, member)
    html = client.get(f"/stories/{story_id}").get_data(as_text=True)
    assert "Only you can see this story for now" in html


def test_new_story_form_explains_the_categories_and_names_bad_fields(client, member):
    sign_in(client, member)
    html = client.get("/stories/new").get_data(as_text=True)
    assert "Did I research the company and the role?" in html
    assert "Did I ask informed questions?" in html
    no_inline_code(html)

    resp = client.post(
        "/stories/new",
        data={
            "title": "   ",
            "body": "Something happened",
            "stage": "lunch",
            "industry": "",
            "lessons-0-category": "luck",
            "lessons-0-text": "Be luckier",
            "lessons-4-category": "skills",
            "lessons-4-text": "",
        },
    )
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "Add a title." in html
    assert "Add an industry." in html
    assert "Choose one of:" in html
    assert "Write what you learned." in html
    assert db.session.scalar(select(func.count()).select_from(Story)) == 0

    no_lessons = client.post(
        "/stories/new", data={"title": "A", "body": "B", "stage": "other", "industry": "Retail"}
    )
    assert no_lessons.status_code == 422 and "Share between 1 and 10 lessons." in no_lessons.get_data(
        as_text=True
    )


def test_posting_through_the_form_then_my_stories(client, app, member, run_jobs):
    make_rule("no way out", "crisis", note="at risk")
    sign_in(client, member)
    form = {
        "stage": "hiring_manager",
        "industry": "Retail",
        "lessons-0-category": "enthusiasm",
        "lessons-0-text": "Say why I want this job, not any job.",
    }
    resp = client.post(
        "/stories/new", data={**form, "title": "Flat in the last interview", "body": "It went flat."}
    )
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/me/stories")
    client.post("/stories/new", data={**form, "title": "Hard week", "body": "I feel there is no way out."})
    html = client.get("/me/stories").get_data(as_text=True)
    assert html.count("pending") >= 2

    run_jobs()

    html = client.get("/me/stories").get_data(as_text=True)
    assert "published" in html and "held" in html
    assert "988" in html  # the crisis resources, shown to the author
    no_inline_code(html)
    story_id = db.session.scalar(select(Story.id).where(Story.title == "Flat in the last interview"))
    assert client.post(f"/stories/{story_id}/delete").status_code == 302
    assert client.get(f"/stories/{story_id}").status_code == 404
    assert "Flat in the last interview" not in client.get("/me/stories").get_data(as_text=True)


def test_lessons_page_has_a_chart_and_a_filter(client, member, post_story, run_jobs):
    post_story(member, lessons=[{"category": "mindset", "text": "Sleep before the onsite."}])
    post_story(member, lessons=[{"category": "materials", "text": "Bring printed copies of my portfolio."}])
    run_jobs()
    html = client.get("/lessons").get_data(as_text=True)
    assert "<svg" in html and "<rect" in html
    assert "Not a valid choice" not in html
    assert "Sleep before the onsite." in html and "Bring printed copies" in html
    no_inline_code(html)
    mindset = client.get("/lessons?category=mindset").get_data(as_text=True)
    assert "Sleep before the onsite." in mindset and "Bring printed copies" not in mindset
    assert client.get("/lessons?category=luck&page=-1").status_code == 200


@pytest.mark.parametrize("path", ["/stories/new", "/me/stories"])
def test_member_pages_ask_visitors_to_sign_in(client, path):
    resp = client.get(path)
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


def test_the_author_appears_on_no_public_page(client, make_member, publish, run_jobs):
    author = make_member(name="Quentin Zebulon", email="quentin.zebulon@example.org")
    story_id = publish(author)
    client.post(f"/api/v1/stories/{story_id}/replies", headers=author.headers, json={"body": "Thanks!"})
    run_jobs()
    reader = make_member()
    for who in (None, reader):
        if who:
            sign_in(client, who)
        for path in ("/", f"/stories/{story_id}", "/lessons"):
            html = client.get(path).get_data(as_text=True)
            assert "Quentin" not in html and "Zebulon" not in html and "quentin.zebulon" not in html


@pytest.mark.parametrize("page", ["²", "٣", "9" * 5000, "-2", "1.5", ""])
@pytest.mark.parametrize(
    "path",
    ["/", "/lessons", "/me/stories", "/moderation", "/groups/final-rounds", "/mentors", "/notifications"],
)
def test_any_page_number_gives_a_page(client, moderator, make_group, path, page):
    """A page number no one means (a superscript, another script's digit, thousands of digits) gives the
    first page, on every paged list, never an error."""
    make_group("Final rounds")
    sign_in(client, moderator)
    resp = client.get(path, query_string={"page": page})
    assert resp.status_code == 200, (path, page[:10], resp.status_code)


def test_a_moderator_asking_for_a_story_that_does_not_exist_gets_404(client, moderator):
    sign_in(client, moderator)
    assert client.get("/stories/999999").status_code == 404
    assert client.get("/me/stories/999999/edit").status_code == 404
    assert client.post("/stories/999999/delete").status_code == 404
    assert client.get("/api/v1/stories/999999", headers=moderator.headers).status_code == 404
    assert client.delete("/api/v1/stories/999999", headers=moderator.headers).status_code == 404
    patch = client.patch("/api/v1/stories/999999", headers=moderator.headers, json={"title": "A new title"})
    assert patch.status_code == 404
