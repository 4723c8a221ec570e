"""The worker SIGKILLed in the middle of work: a new worker finishes it, and nothing is done twice."""

from __future__ import annotations

import random
import time
from collections import Counter

import pytest
from rq.registry import StartedJobRegistry

from community import queue
from community.digest import compose, sending
from community.extensions import db
from community.models import utcnow
from community.moderation.keyword_rules import install_defaults
from tests.factories import publish_week, story_payload
from tests.helpers import running, wait_until

pytestmark = pytest.mark.slow

WORDS = [
    "interview",
    "recruiter",
    "panel",
    "offer",
    "onsite",
    "feedback",
    "question",
    "answer",
    "prepared",
    "nervous",
    "lesson",
    "team",
    "manager",
    "salary",
    "follow-up",
    "research",
    "portfolio",
    "whiteboard",
    "rejection",
    "learned",
    "next",
    "time",
    "practice",
]


def long_body(rng: random.Random) -> str:
    """A long story (the contract allows 20,000 characters), so each moderation job takes a moment."""
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(120)) for _ in range(25)]
    return "\n\n".join(paragraphs)[:19_000]


def test_moderation_batch_interrupted_by_sigkill_decides_every_story_exactly_once(
    processes, make_member, database, database_lock
):
    install_defaults()
    db.session.remove()
    web = processes.gunicorn()
    authors = [make_member() for _ in range(4)]
    rng = random.Random(7)
    total = 40
    for n in range(total):
        resp = web.post(
            "/api/v1/stories", json_body=story_payload(n, body=long_body(rng)), headers=authors[n % 4].headers
        )
        assert resp.status == 202, resp.text

    def decided() -> int:
        return database("SELECT COUNT(*) FROM moderation_decision")[0][0]

    started = StartedJobRegistry("moderation", connection=queue.redis_connection())
    first = processes.worker()
    wait_until(decided, 60, "the first worker's first decision", interval=0.01)
    # The job under way waits on the lock, so the kill lands in the middle of it, not between two jobs.
    with database_lock("story"):
        in_flight = wait_until(lambda: running(started), 30, "a job under way")
        processes.kill(first)
    pending = database("SELECT COUNT(*) FROM story WHERE status = 'pending'")[0][0]
    assert 0 < pending < total, "the worker was to be killed in the middle of the batch"

    processes.worker()
    wait_until(
        lambda: database("SELECT COUNT(*) FROM story WHERE status = 'pending'")[0][0] == 0,
        60,
        "the new worker to decide every story",
    )
    per_story = Counter(
        target_id
        for (target_id,) in database("SELECT target_id FROM moderation_decision WHERE kind = 'story'")
    )
    stories = [story_id for (story_id,) in database("SELECT id FROM story")]
    assert len(stories) == total
    assert per_story == Counter(stories), "each story has exactly one decision"
    # Among them the story whose job the killed worker was running: found abandoned and done again.
    assert per_story[int(in_flight.rsplit("-", 1)[1])] == 1
    assert {status for (status,) in database("SELECT DISTINCT status FROM story")} <= {
        "published",
        "held",
        "rejected",
    }


# Batches smaller than the product's default, so a killed batch leaves others waiting in the queue.
BATCH = 20


@pytest.fixture
def app_config() -> dict:
    return {"DIGEST_BATCH_SIZE": BATCH}


def test_digest_batch_interrupted_by_sigkill_mails_every_member_exactly_once(
    processes, make_member, mailbox, database
):
    week = compose.last_complete_week(utcnow())
    members = [make_member() for _ in range(5 * BATCH)]
    publish_week(week, members[0].id)
    assert sending.send_digest_week(week) == 5
    db.session.remove()

    first = processes.worker()
    wait_until(lambda: mailbox.messages, 60, "the first digests to arrive", interval=0.002)
    processes.kill(first)
    mailed = len(mailbox.messages)
    assert 0 < mailed < len(members), "the worker was to be killed in the middle of the digest"

    processes.worker()
    wait_until(
        lambda: len({m["To"] for m in mailbox.messages}) == len(members),
        60,
        "every member's digest after the restart",
    )
    # A run of the command for the same week (as an operator would, to be sure) sends nothing more.
    done = processes.flask("digest", "send", "--week", week)
    assert done.returncode == 0, done.stderr
    assert "0 sent" in done.stdout
    per_member = Counter(m["To"] for m in mailbox.messages)
    assert per_member == Counter(member.email for member in members), "each member mailed exactly once"
    statuses = Counter(status for (status,) in database("SELECT status FROM digest_delivery"))
    assert statuses == {"sent": len(members)}


def test_digest_batch_killed_while_redis_is_down_mails_nobody_twice(
    processes, make_member, mailbox, database, redis_server
):
    """The record of each mail handed to the server lives in the database, so it holds with Redis gone."""
    week = compose.last_complete_week(utcnow())
    members = [make_member() for _ in range(3 * BATCH)]
    publish_week(week, members[0].id)
    assert sending.send_digest_week(week) == 3
    db.session.remove()

    quick = {"SWEEP_INTERVAL": "2", "DIGEST_STALE_CLAIM": "5"}
    first = processes.worker(**quick)
    wait_until(lambda: mailbox.messages, 60, "the first digests to arrive", interval=0.002)
    redis_server.stop()
    try:
        processes.kill(first)
    finally:
        # Back empty, as after a crash without persistence: the batch jobs are gone with it.
        redis_server.start()
    mailed = len(mailbox.messages)
    assert 0 < mailed < len(members), "the worker was to be killed in the middle of the digest"

    processes.worker(**quick)
    wait_until(
        lambda: len({m["To"] for m in mailbox.messages}) == len(members),
        90,
        "every member's digest after the restart",
    )
    time.sleep(3)  # a sweep or two more: nothing else may go out
    per_member = Counter(m["To"] for m in mailbox.messages)
    assert per_member == Counter(member.email for member in members), "each member mailed exactly once"


def test_notification_mails_interrupted_by_sigkill_reach_each_member_at_most_once(
    processes, make_member, mailbox, database
):
    """The worker dies in the middle of the hourly notification mails; the next one sends the rest once the
    dead worker's claims are old, and nobody gets a mail twice."""
    from community.notifications.services import notify

    members = [make_member() for _ in range(120)]
    for member in members:
        notify(member.id, "reply", "Someone replied to your story.", "/stories/1")
    db.session.commit()
    db.session.remove()
    quick = {"DIGEST_STALE_CLAIM": "3"}

    first = processes.worker(**quick)
    assert queue.enqueue("mail", "worker.jobs.send_notification_mails")
    wait_until(lambda: mailbox.messages, 60, "the first notification mails", interval=0.002)
    processes.kill(first)
    mailed = len(mailbox.messages)
    assert 0 < mailed < len(members), "the worker was to be killed in the middle of the mails"

    processes.worker(**quick)
    time.sleep(4)  # the dead worker's claims grow old
    assert queue.enqueue("mail", "worker.jobs.send_notification_mails")
    wait_until(
        lambda: len({m["To"] for m in mailbox.messages}) >= len(members) - 1,
        60,
        "the rest of the notification mails after the restart",
    )
    time.sleep(1)
    per_member = Counter(m["To"] for m in mailbox.messages)
    assert max(per_member.values()) == 1, "nobody mailed twice"
    # The one mail the worker may have been handing over when it died is settled as sent, never sent again.
    assert len(per_member) >= len(members) - 1
    statuses = Counter(status for (status,) in database("SELECT status FROM notification_mail"))
    assert statuses == {"sent": len(members)}
