"""The digest shows each member the replies their own stories got that week, and nobody else."""

from __future__ import annotations

from tests.factories import IN_WEEK, WEEK, WEEK_AFTER, make_reply


def test_replies_to_your_own_stories_that_week(bulk_members, make_story, mailbox, runner, client):
    author, friend, reader = bulk_members(3)
    story = make_story(author, "Froze on the salary question")
    quiet = make_story(author, "Nobody answered this one")
    make_reply(story, friend, at=IN_WEEK)
    make_reply(story, reader, at=IN_WEEK)
    make_reply(story, author, at=IN_WEEK)  # their own answer in their thread is not news to them
    make_reply(story, friend, at=IN_WEEK, status="pending")
    make_reply(quiet, friend, at=WEEK_AFTER)  # next week's
    runner.invoke(args=["digest", "send", "--week", WEEK])

    (mail,) = mailbox.to(author.email)
    text = mail.get_body(("plain",)).get_content()
    assert "REPLIES TO YOUR STORIES: 2 this week" in text
    assert "* Froze on the salary question: 2 replies\n  http" in text.replace("\r\n", "\n")
    assert f"/stories/{story.id}#replies" in text
    assert "Nobody answered this one: " not in text
    html = mail.get_body(("html",)).get_content()
    assert "Replies to your stories" in html and f"/stories/{story.id}#replies" in html

    (other,) = mailbox.to(reader.email)
    assert "REPLIES TO YOUR STORIES" not in other.get_body(("plain",)).get_content()
