"""Following a story: followers hear of each new published reply; its author follows it from the start."""

from __future__ import annotations

from community.extensions import db
from community.groups.models import GroupMembership
from community.stories.follows import followers_who_can_read
from community.stories.models import StoryFollow
from tests.factories import make_story


def _reply_notes(client, who) -> list[dict]:
    notes = client.get("/api/v1/me/notifications", headers=who.headers).get_json()["items"]
    return [n for n in notes if n["kind"] == "reply"]


def _reply(client, who, story_id, run_jobs, body="You will land somewhere better."):
    resp = client.post(f"/api/v1/stories/{story_id}/replies", headers=who.headers, json={"body": body})
    assert resp.status_code == 202
    run_jobs()


def test_followers_and_the_author_hear_of_replies_until_they_stop(
    client, member, make_member, publish, run_jobs
):
    story_id = publish(member, title="Ghosted after four rounds")
    follower, replier, bystander = make_member(), make_member(), make_member()
    url = f"/api/v1/stories/{story_id}/follow"
    assert client.post(url).status_code == 401
    assert client.post(url, headers=follower.headers).status_code == 204
    assert client.post(url, headers=follower.headers).status_code == 204  # twice is once

    _reply(client, replier, story_id, run_jobs)
    [to_author] = _reply_notes(client, member)
    assert to_author["text"] == "Someone replied to your story \u201cGhosted after four rounds\u201d."
    [to_follower] = _reply_notes(client, follower)
    assert (
        to_follower["text"] == "Someone replied to a story you follow \u201cGhosted after four rounds\u201d."
    )
    assert to_follower["link"] == f"/stories/{story_id}#replies"
    assert _reply_notes(client, replier) == [] and _reply_notes(client, bystander) == []

    # Both stop following; nobody hears of the next reply.
    assert client.delete(url, headers=follower.headers).status_code == 204
    assert client.delete(url, headers=member.headers).status_code == 204
    client.post("/api/v1/me/notifications/read", headers=member.headers, json={"all": True})
    client.post("/api/v1/me/notifications/read", headers=follower.headers, json={"all": True})
    _reply(client, replier, story_id, run_jobs, "Another kind word.")
    for who in (member, follower):
        unread = client.get("/api/v1/me/notifications?unread=true", headers=who.headers).get_json()["items"]
        assert [n for n in unread if n["kind"] == "reply"] == []


def test_a_story_one_cannot_read_cannot_be_followed(client, make_member, make_group, post_story, run_jobs):
    insider, outsider = make_member(), make_member()
    group = make_group("Quiet circle", "private", members=[insider])
    story_id = post_story(insider, group_id=group.id)
    run_jobs()
    assert client.post(f"/api/v1/stories/{story_id}/follow", headers=outsider.headers).status_code == 404
    assert client.post("/api/v1/stories/987654/follow", headers=outsider.headers).status_code == 404


def test_the_story_page_offers_follow_and_unfollow(app, client, member, make_member, publish):
    story_id = publish(member)
    reader = make_member()
    web = app.test_client()
    web.post("/login", data={"email": reader.email, "password": reader.password})
    assert "Follow: hear of new replies" in web.get(f"/stories/{story_id}").get_data(as_text=True)
    assert web.post(f"/stories/{story_id}/follow", data={"want": "on"}).status_code == 302
    page = web.get(f"/stories/{story_id}").get_data(as_text=True)
    assert "Following: you hear of new replies" in page
    web.post(f"/stories/{story_id}/follow", data={"want": "off"})
    assert "Follow: hear of new replies" in web.get(f"/stories/{story_id}").get_data(as_text=True)


def test_only_followers_who_can_still_read_a_private_story_are_told(
    app, member, make_member, make_group, moderator
):
    stayed, left = make_member(), make_member()
    group = make_group("Quiet circle", "private", members=[member, stayed, left])
    story = make_story(member, "In the circle", group=group, body="b", pseudonym="Calm Heron")
    for who in (member, stayed, left, moderator):
        db.session.add(StoryFollow(story_id=story.id, user_id=who.id))
    db.session.query(GroupMembership).filter_by(group_id=group.id, user_id=left.id).delete()
    db.session.commit()
    assert sorted(followers_who_can_read(story)) == sorted([member.id, stayed.id, moderator.id])
    story.status = "held"
    assert followers_who_can_read(story) == [member.id], "only its author hears of a story others cannot read"
