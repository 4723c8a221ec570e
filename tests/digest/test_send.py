from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from community import queue
from community.accounts.models import User
from community.digest import sending
from community.digest.models import DigestDelivery, DigestWeek
from community.extensions import db
from community.models import utcnow
from community.sweeper import sweep
from tests.factories import WEEK


@pytest.fixture
def app_config():
    return {"DIGEST_BATCH_SIZE": 3}


@pytest.fixture
def circle(bulk_members, make_group, make_story):
    """Six members of a private group with a story that week, one outsider with nothing new for them,
    and one member of the group who turned the digest off."""
    *readers, outsider = bulk_members(7)
    (quiet,) = bulk_members(1, digest="off")
    group = make_group("Returning to work", "private", members=[*readers, quiet])
    story = make_story(readers[0], "Coming back after two years", group=group, helpful=4)
    return readers, outsider, quiet, story


def deliveries(week: str = WEEK) -> dict[int, str]:
    """Each member's delivery status for the week, read afresh."""
    db.session.expire_all()
    rows = db.session.execute(
        select(DigestDelivery.user_id, DigestDelivery.status).where(DigestDelivery.week == week)
    )
    return dict(rows.all())


def counts(mailbox, people) -> dict[int, int]:
    return {p.id: len(mailbox.to(p.email)) for p in people}


def test_worker_sends_each_member_one_digest_over_one_connection_per_batch(circle, mailbox, run_jobs, runner):
    readers, outsider, quiet, _ = circle
    assert queue.enqueue("digest", "worker.jobs.send_digest_week", WEEK)
    run_jobs()

    assert counts(mailbox, readers) == {r.id: 1 for r in readers}
    assert mailbox.to(outsider.email) == [] and mailbox.to(quiet.email) == []
    status = deliveries()
    assert {status[r.id] for r in readers} == {"sent"}
    assert status[outsider.id] == "empty"
    assert quiet.id not in status
    # Seven members want it, in batches of three; the last batch had nothing to send.
    assert mailbox.connections == 2

    # The weekly job again, and the command: nobody gets a second one.
    assert queue.enqueue("digest", "worker.jobs.send_digest_week", WEEK)
    run_jobs()
    result = runner.invoke(args=["digest", "send", "--week", WEEK])
    assert result.exit_code == 0, result.output
    assert "0 sent" in result.output
    assert len(mailbox.messages) == 6


def test_command_sends_inline_with_progress(circle, mailbox, runner):
    readers, *_ = circle
    result = runner.invoke(args=["digest", "send", "--week", WEEK])
    assert result.exit_code == 0, result.output
    assert f"Sending {WEEK}" in result.output
    assert "6 sent" in result.output and "1 with nothing new" in result.output
    assert counts(mailbox, readers) == {r.id: 1 for r in readers}


def test_command_defaults_to_last_week(member, make_story, mailbox, runner):
    from community.digest.compose import last_complete_week

    make_story(member, "Last week", at=utcnow() - timedelta(days=7))
    result = runner.invoke(args=["digest", "send"])
    assert result.exit_code == 0, result.output
    assert last_complete_week(utcnow()) in result.output
    assert len(mailbox.to(member.email)) == 1


@pytest.mark.parametrize("bad", ["2026-W60", "last", "2026-47"])
def test_command_refuses_a_malformed_week(runner, mailbox, bad):
    result = runner.invoke(args=["digest", "send", "--week", bad])
    assert result.exit_code != 0
    assert "--week" in result.output and bad in result.output
    assert "Traceback" not in result.output
    assert mailbox.messages == []


def test_the_email(circle, mailbox, runner):
    readers, _, _, story = circle
    runner.invoke(args=["digest", "send", "--week", WEEK])
    (msg,) = mailbox.to(readers[1].email)
    assert msg.get_content_type() == "multipart/alternative"
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    link = f"http://rebound.test/stories/{story.id}"
    assert story.title in plain and link in plain
    assert story.title in html and f'href="{link}"' in html
    assert "<script" not in html and "<img" not in html
    assert "Returning to work" in plain
    # Never the author, not even to the group.
    author = db.session.get(User, readers[0].id)
    assert author.display_name not in plain + html and author.email not in plain + html

    unsubscribe = msg["List-Unsubscribe"]
    assert re.fullmatch(r"<http://rebound\.test/digest/unsubscribe/[\w.-]+>", unsubscribe)
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg["Subject"].startswith("Your Rebound week")
    assert msg["Message-ID"] == f"<digest-{WEEK}-{readers[1].id}@rebound.local>"


def _requeue_retries() -> int:
    """Move RQ's scheduled retries to their queue, as its scheduler does once the interval has passed."""
    moved = 0
    for name in queue.QUEUES:
        registry = queue.get_queue(name).scheduled_job_registry
        for job_id in registry.get_job_ids():
            registry.requeue(job_id)
            moved += 1
    return moved


def test_a_refusing_server_then_recovering_sends_each_digest_once(circle, mailbox, run_jobs):
    readers, *_ = circle
    mailbox.refuse = 451
    assert sending.send_digest_week(WEEK) == 3
    run_jobs()
    assert mailbox.messages == []
    assert {deliveries()[r.id] for r in readers} == {"claimed"}

    # Still refusing on the first retry.
    assert _requeue_retries() == 2
    run_jobs()
    assert mailbox.messages == []

    mailbox.refuse = None
    assert _requeue_retries() == 2
    run_jobs()
    assert counts(mailbox, readers) == {r.id: 1 for r in readers}
    assert {deliveries()[r.id] for r in readers} == {"sent"}
    attempts = (
        db.session.query(DigestDelivery.attempts).filter(DigestDelivery.user_id == readers[0].id).scalar()
    )
    assert attempts == 3

    # Nothing left for the sweeper or a rerun.
    assert _requeue_retries() == 0
    assert sending.retry_stale_deliveries() == 0
    sending.send_digest_week(WEEK)
    run_jobs()
    assert len(mailbox.messages) == 6


def test_the_sweeper_takes_over_when_retries_ran_out(circle, mailbox, run_jobs):
    readers, *_ = circle
    mailbox.refuse = 421
    sending.send_digest_week(WEEK)
    run_jobs()
    mailbox.refuse = None
    # RQ gave up (or its retries were lost with Redis); later the claims are old.
    queue.redis_connection().flushdb()
    db.session.execute(update(DigestDelivery).values(claimed_at=utcnow() - timedelta(minutes=10)))
    db.session.commit()

    sweep()
    run_jobs()
    assert counts(mailbox, readers) == {r.id: 1 for r in readers}
    assert sending.retry_stale_deliveries() == 0


def _asked_for_a_while_ago() -> None:
    """The week was asked for ten minutes ago, by members who had joined before that."""
    db.session.execute(update(User).values(created_at=utcnow() - timedelta(hours=1)))
    db.session.execute(update(DigestWeek).values(requested_at=utcnow() - timedelta(minutes=10)))
    db.session.commit()


def test_a_fan_out_that_died_with_its_worker_is_sent_by_the_sweeper(circle, mailbox, run_jobs):
    """The fan-out job recorded the week, then its worker was killed before it queued a single batch."""
    readers, outsider, quiet, _ = circle
    sending.request_week(WEEK)
    assert sweep() == 0, "a week just asked for is left to its fan-out"
    _asked_for_a_while_ago()

    assert sending.send_lost_batches() == len(readers) + 1
    assert sending.send_lost_batches() == 0, "those batches are already waiting for a worker"
    run_jobs()
    assert counts(mailbox, [*readers, outsider, quiet]) == {
        **{r.id: 1 for r in readers},
        outsider.id: 0,  # nothing new for them, settled as empty
        quiet.id: 0,
    }
    assert sending.send_lost_batches() == 0
    assert db.session.get(DigestWeek, WEEK).settled_at is not None, "a week everyone got is looked at no more"


def test_batches_lost_with_redis_are_sent_again_once(circle, mailbox, run_jobs):
    readers, outsider, *_ = circle
    sending.send_digest_week(WEEK)
    queue.redis_connection().flushdb()  # Redis restarted empty before any batch ran
    _asked_for_a_while_ago()
    sweep()
    run_jobs()
    sweep()
    run_jobs()
    assert counts(mailbox, [*readers, outsider]) == {**{r.id: 1 for r in readers}, outsider.id: 0}


def test_a_member_who_joined_after_the_week_was_sent_is_not_sent_it_later(
    circle, bulk_members, mailbox, run_jobs
):
    readers, *_ = circle
    sending.send_digest_week(WEEK)
    run_jobs()
    _asked_for_a_while_ago()
    (newcomer,) = bulk_members(1)
    assert sending.send_lost_batches() == 0
    run_jobs()
    assert mailbox.to(newcomer.email) == []


def test_a_permanently_refused_address_fails_alone(circle, mailbox, run_jobs):
    readers, *_ = circle
    mailbox.refuse_rcpt.add(readers[1].email)
    sending.send_digest_week(WEEK)
    run_jobs()
    status = deliveries()
    assert status[readers[1].id] == "failed"
    assert {status[r.id] for r in readers if r is not readers[1]} == {"sent"}
    assert counts(mailbox, readers) == {r.id: 0 if r is readers[1] else 1 for r in readers}
    # Not retried: no scheduled retry, and neither a rerun nor the sweeper tries again.
    assert _requeue_retries() == 0
    sending.send_digest_week(WEEK)
    sweep()
    run_jobs()
    assert len(mailbox.messages) == 5
    assert deliveries()[readers[1].id] == "failed"


def test_after_a_crash_only_the_unsent_are_sent(circle, mailbox, run_jobs):
    """A worker claimed four deliveries and died: it had sent and marked one, the others never left."""
    readers, *_ = circle
    now = utcnow()
    died = now - timedelta(minutes=10)
    for reader, status, claimed_at in [
        (readers[0], "sent", died),
        (readers[1], "claimed", died),
        (readers[2], "claimed", died),
        (readers[3], "claimed", now),  # another worker is on this one right now
    ]:
        db.session.add(
            DigestDelivery(user_id=reader.id, week=WEEK, status=status, attempts=1, claimed_at=claimed_at)
        )
    db.session.commit()

    assert sweep() == 2
    assert sweep() == 0  # that retry is already waiting for a worker
    run_jobs()
    assert counts(mailbox, readers) == {r.id: int(r in readers[1:3]) for r in readers}

    # The in-flight one is left to its worker; the weekly run sends the members nobody had claimed.
    sending.send_digest_week(WEEK)
    run_jobs()
    assert counts(mailbox, readers) == {
        r.id: int(r is not readers[0] and r is not readers[3]) for r in readers
    }

    # That worker died too: once its claim is old, the sweeper hands it on, and it is sent once.
    db.session.execute(
        update(DigestDelivery).where(DigestDelivery.user_id == readers[3].id).values(claimed_at=died)
    )
    db.session.commit()
    assert sweep() == 1
    run_jobs()
    assert counts(mailbox, readers) == {r.id: int(r is not readers[0]) for r in readers}
    assert set(deliveries().values()) == {"sent", "empty"}


def test_cron_sends_the_digest_on_monday_morning_utc():
    from worker import jobs
    from worker.__main__ import CRON_JOBS

    assert (jobs.send_digest_week, "digest", None, "0 8 * * 1") in CRON_JOBS


def test_any_text_arrives_intact(bulk_members, make_story, mailbox, runner):
    (reader,) = bulk_members(1)
    title = "Ça s’est mal passé: “5 rounds” = 0 offers 🙃 <b>really</b>"
    lesson = "Line one\n.\nA line with = signs and trailing spaces   \n" + "x" * 300
    make_story(reader, title, lessons=[("mindset", lesson)])
    runner.invoke(args=["digest", "send", "--week", WEEK])
    (msg,) = mailbox.to(reader.email)
    plain = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = msg.get_body(("html",)).get_content()
    assert title in plain
    assert "Line one\n.\nA line with = signs" in plain and "x" * 300 in plain
    assert "Ça s’est mal passé: “5 rounds” = 0 offers 🙃 &lt;b&gt;really&lt;/b&gt;" in html


def test_a_stale_claim_of_a_member_who_turned_the_digest_off_is_settled_unsent(circle, mailbox, run_jobs):
    readers, *_ = circle
    db.session.add(
        DigestDelivery(
            user_id=readers[0].id, week=WEEK, attempts=1, claimed_at=utcnow() - timedelta(minutes=10)
        )
    )
    db.session.get(User, readers[0].id).digest = "off"
    db.session.commit()
    assert sweep() == 1
    run_jobs()
    assert mailbox.to(readers[0].email) == []
    assert deliveries()[readers[0].id] == "failed"
    assert sweep() == 0


def test_a_message_refused_for_good_is_failed_not_retried(circle, mailbox, run_jobs):
    readers, *_ = circle
    mailbox.refuse = 554
    sending.send_digest_week(WEEK)
    run_jobs()
    assert mailbox.messages == []
    assert {deliveries()[r.id] for r in readers} == {"failed"}
    assert _requeue_retries() == 0
    mailbox.refuse = None
    sending.send_digest_week(WEEK)
    run_jobs()
    assert mailbox.messages == []
