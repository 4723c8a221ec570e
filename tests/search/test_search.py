"""Search as a member uses it: what is found, in which order, and what never is."""

from __future__ import annotations

from sqlalchemy import text

from community.extensions import db
from tests.helpers import ids


def _lessons(*texts: str) -> list[dict]:
    return [{"category": "preparation", "text": t} for t in texts]


def test_a_title_match_comes_before_a_body_match(member, publish, search):
    in_body = publish(member, title="A long day", body="The take-home assignment took me a whole weekend.")
    in_title = publish(member, title="The take-home assignment", body="It went badly, in the end.")
    found = search("assignment")
    assert ids(found) == [in_title, in_body]
    assert found["total"] == 2 and found["page"] == 1 and found["pages"] == 1
    assert found["items"][0] == {
        "kind": "story",
        "story_id": in_title,
        "title": "The take-home assignment",
        "snippet_html": found["items"][0]["snippet_html"],
        "lesson_category": None,
    }
    assert "<mark>" in found["items"][1]["snippet_html"]


def test_phrases_exclusion_prefix_and_stemming(member, publish, search):
    final = publish(member, title="Turned down after the final round", body="They liked the culture fit.")
    round_final = publish(member, title="A round of questions", body="Nothing was final about it.")
    screen = publish(member, title="Recruiter screen", body="Three interviews in one week, then nothing.")
    assert ids(search('"final round"')) == [final]
    assert set(ids(search("final round"))) == {final, round_final}
    assert ids(search("final -culture")) == [round_final]
    assert ids(search('final -"culture fit"')) == [round_final]
    assert ids(search("recruit*")) == [screen]
    # English stemming: the plural finds the singular and back.
    assert ids(search("interview")) == [screen]
    assert ids(search("interviewing")) == [screen]


def test_lessons_industry_and_lesson_search(member, publish, search):
    story = publish(
        member,
        title="A quiet story",
        industry="Healthcare",
        lessons=[
            {"category": "follow_up", "text": "Write a thank-you note within a day."},
            {"category": "mindset", "text": "Rejection is information, not a verdict."},
        ],
    )
    assert ids(search("healthcare")) == [story]
    assert ids(search("verdict")) == [story]
    found = search("verdict", kind="lessons")
    assert found["items"] == [
        {
            "kind": "lesson",
            "story_id": story,
            "title": "A quiet story",
            "snippet_html": "Rejection is information, not a <mark>verdict</mark>.",
            "lesson_category": "mindset",
        }
    ]
    assert search("verdict", kind="lessons", category="follow_up")["items"] == []


def test_filters(member, publish, search):
    tech = publish(member, title="Offer declined", stage="technical", industry="Software")
    final = publish(
        member,
        title="Offer withdrawn",
        stage="final_round",
        industry="Retail",
        lessons=[{"category": "mindset", "text": "Keep going."}],
    )
    assert set(ids(search("offer"))) == {tech, final}
    assert ids(search("offer", stage="technical")) == [tech]
    assert ids(search("offer", industry="  retail ")) == [final]
    assert ids(search("offer", category="mindset")) == [final]
    assert ids(search("offer", stage="technical", industry="Retail")) == []


def test_pages(member, publish, search):
    made = {publish(member, title=f"Salary negotiation {n}") for n in range(5)}
    first, second, third = (search("negotiation", per_page=2, page=n) for n in (1, 2, 3))
    assert first["total"] == 5 and first["pages"] == 3
    assert set(ids(first) + ids(second) + ids(third)) == made
    assert len(ids(third)) == 1


def test_private_group_and_held_stories_are_never_found_by_outsiders(
    client, make_member, moderator, publish, search
):
    insider, outsider = make_member(), make_member()
    resp = client.post(
        "/api/v1/groups",
        headers=moderator.headers,
        json={"name": "Layoffs", "description": "Just us", "visibility": "private"},
    )
    group_id = resp.get_json()["id"]
    assert client.post(f"/api/v1/groups/{group_id}/members", headers=insider.headers).status_code == 200
    secret = publish(insider, title="Whistleblower interview", group_id=group_id)
    public = publish(insider, title="Ordinary interview")
    held = publish(insider, title="Another interview to hold")
    resp = client.post(f"/api/v1/stories/{held}/reports", headers=moderator.headers, json={"reason": "check"})
    assert resp.status_code == 202

    assert set(ids(search("interview", insider))) == {secret, public}
    assert set(ids(search("interview", moderator))) == {secret, public}
    for who in (outsider, None):
        assert ids(search("interview", who)) == [public]
        assert ids(search("whistleblower", who)) == []
        assert ids(search("interview", who, group_id=group_id)) == []
        assert ids(search("thank-you note", who, kind="lessons")) == [public]
    assert set(ids(search("thank-you note", insider, kind="lessons"))) == {secret, public}


def test_snippets_escape_what_members_wrote(member, publish, search):
    payload = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quotes" interview'
    publish(member, title="Escaping", body=payload, lessons=_lessons(payload))
    for kind in ("stories", "lessons"):
        item = search("interview", kind=kind)["items"][0]
        snippet = item["snippet_html"]
        assert "<script" not in snippet and "<img" not in snippet
        assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0
        assert "<mark>interview</mark>" in snippet


def test_the_index_follows_edits_deletions_and_takedowns(client, member, moderator, publish, search):
    story = publish(member, title="Panel interview", body="The panel asked about conflict.")
    taken_down = publish(member, title="Panel of five")
    assert set(ids(search("panel"))) == {story, taken_down}

    # An edit made in place (as moderation publishes one) is what the index holds at once.
    db.session.execute(
        text(
            "UPDATE story SET title = 'Group interview', body = 'They asked about teamwork.' WHERE id = :id"
        ),
        {"id": story},
    )
    db.session.execute(
        text("UPDATE lesson SET text = 'Ask about the team.' WHERE story_id = :id AND position = 0"),
        {"id": story},
    )
    db.session.commit()
    assert ids(search("panel")) == [taken_down]
    assert ids(search("teamwork")) == [story]
    assert ids(search("team", kind="lessons")) == [story]
    assert search("system design", kind="lessons")["total"] == 1  # only the other story's lesson

    assert client.delete(f"/api/v1/stories/{taken_down}", headers=moderator.headers).status_code == 204
    assert ids(search("panel")) == []
    assert client.delete(f"/api/v1/stories/{story}", headers=member.headers).status_code == 204
    assert ids(search("teamwork")) == []
    assert search("team", kind="lessons")["total"] == 0
    _index_is_sound()


def _index_is_sound() -> None:
    if db.engine.dialect.name == "sqlite":
        for name in ("search_story", "search_lesson"):
            db.session.execute(text(f"INSERT INTO {name}({name}) VALUES ('integrity-check')"))
        db.session.rollback()


def test_an_authors_edit_reaches_the_index_only_once_published(client, member, publish, search, run_jobs):
    story = publish(member, title="Panel interview", body="The panel asked about conflict.")
    resp = client.patch(
        f"/api/v1/stories/{story}",
        headers=member.headers,
        json={
            "title": "Group interview",
            "body": "They asked about teamwork.",
            "lessons": [{"category": "questions_asked", "text": "Ask how the team shares work."}],
        },
    )
    assert resp.status_code == 202
    # Waiting for moderation: the published version is what search finds.
    assert ids(search("panel")) == [story]
    assert ids(search("teamwork")) == []
    run_jobs()
    assert ids(search("panel")) == []
    assert ids(search("teamwork")) == [story]
    assert ids(search("shares", kind="lessons")) == [story]
    assert search("system design", kind="lessons")["total"] == 0
    _index_is_sound()


def test_a_word_found_everywhere_ranks_the_newest_matches_and_the_page_says_so(
    client, member, publish, search, monkeypatch
):
    from community.search import services

    monkeypatch.setattr(services, "CANDIDATES", 4)
    older_title = publish(member, title="Rejected after the onsite", body="They rejected me.")
    made = [publish(member, title=f"Week {n}", body="I was rejected again.") for n in range(5)]
    newest_title = publish(member, title="Rejected by email", body="A short rejected note.")
    found = search("rejected")
    # Four candidates, the newest matches; the title match among them first.
    assert found["total"] == 4 and set(ids(found)) == {newest_title, *made[-3:]}
    assert ids(found)[0] == newest_title and older_title not in ids(found)
    page = client.get("/search?q=rejected").get_data(as_text=True)
    assert "More than 4 stories found" in page and "best of the newest 4" in page
    monkeypatch.setattr(services, "CANDIDATES", 1000)
    assert search("rejected")["total"] == 7
    assert "More than" not in client.get("/search?q=rejected").get_data(as_text=True)
