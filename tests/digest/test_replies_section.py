"""The digest shows each member the replies their own stories got that week, and nobody else."""

from __future__ import annotations

from community.extensions import db
from community.stories.models import Reply
from tests.digest.conftest import IN_WEEK, WEEK, WEEK_AFTER


def _reply(story, author, at=IN_WEEK, status="published") -> None:
    db.session.add(
        Reply(
            story_id=story.id,
            author_id=author.id if author else None,
            body="Hang in there.",
            body_html="<p>Hang in there.</p>",
            pseudonym="Kind Otter",
            status=status,
            created_at=at,
            published_at=at if status == "published" else None,
        )
    )
    db.session.commit()


def test_replies_to_your_own_stories_that_week(bulk_members, make_story, mailbox, runner, client):
    author, friend, reader = bulk_members(3)
    story = make_story(author, "Froze on the salary question")
    quiet = make_story(author, "Nobody answered this one")
    _reply(story, friend)
    _reply(story, reader)
    _reply(story, author)  # their own answer in their thread is not news to them
    _reply(story, friend, status="pending")
    _reply(quiet, friend, at=WEEK_AFTER)  # next week's
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
