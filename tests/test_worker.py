"""The whole path web → Redis → worker → SMTP: the confirmation link a new member receives, then the welcome
email once they have opened it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from community import queue
from tests.helpers import link_token

ROOT = Path(__file__).resolve().parent.parent


def register(client, email: str = "new@example.org") -> None:
    resp = client.post(
        "/api/v1/users", json={"email": email, "password": "a long password", "display_name": "New Person"}
    )
    assert resp.status_code == 202


def test_registering_sends_a_confirmation_then_one_welcome_email(client, mailbox, run_jobs):
    register(client)
    assert queue.get_queue("mail").count == 1
    assert mailbox.messages == []
    assert run_jobs() == 1
    [confirmation] = mailbox.messages
    assert confirmation["To"] == "new@example.org"
    assert confirmation["Subject"] == "Confirm your email for Rebound"
    mailbox.messages.clear()

    resp = client.post("/api/v1/email-confirmations", json={"token": link_token(confirmation)})
    user_id = resp.get_json()["id"]
    assert run_jobs() == 1
    [msg] = mailbox.messages
    assert msg["To"] == "new@example.org"
    assert msg["Subject"] == "Welcome to Rebound"
    assert msg.is_multipart()
    assert {part.get_content_type() for part in msg.iter_parts()} == {"text/plain", "text/html"}
    assert "New Person" in msg.get_body(("plain",)).get_content()

    # The same job again (a retry, a second enqueue) does not send a second welcome.
    queue.enqueue_mail("welcome", user_id)
    assert run_jobs() == 1
    assert len(mailbox.messages) == 1


@pytest.mark.slow
def test_python_m_worker_burst_drains_the_queue_and_exits(
    client, mailbox, database_url, redis_server, smtp_server
):
    register(client, "first@example.org")
    register(client, "second@example.org")
    assert queue.get_queue("mail").count == 2

    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_server.url,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp_server[0]),
        "SECRET_KEY": "test-secret",
    }
    done = subprocess.run(
        [sys.executable, "-m", "worker", "--burst"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert queue.get_queue("mail").count == 0
    assert sorted(m["To"] for m in mailbox.messages) == ["first@example.org", "second@example.org"]
    assert {m["Subject"] for m in mailbox.messages} == {"Confirm your email for Rebound"}


def test_only_one_worker_runs_the_cron_schedule(redis_server):
    from redis import Redis

    from worker.__main__ import CRON_LOCK, lead_cron

    connection = Redis.from_url(redis_server.url)
    connection.delete(CRON_LOCK)
    leader = lead_cron(connection, 90)
    # A second worker's scheduler cannot lead while the first holds the schedule...
    assert not connection.lock(CRON_LOCK, timeout=5).acquire(blocking=False)
    leader.release()
    # ...and takes over once it is handed on.
    assert connection.lock(CRON_LOCK, timeout=5).acquire(blocking=False)
    connection.delete(CRON_LOCK)


def test_the_cron_leader_keeps_its_lock_from_another_thread(redis_server):
    """The keeper thread extends the lock the scheduler took: it must not lose the lock's token."""
    import threading

    from redis import Redis

    from worker.__main__ import CRON_LOCK, lead_cron

    connection = Redis.from_url(redis_server.url)
    connection.delete(CRON_LOCK)
    leader = lead_cron(connection, 90)
    connection.pexpire(CRON_LOCK, 5_000)
    failures: list[BaseException] = []

    def extend() -> None:
        try:
            leader.extend(90, replace_ttl=True)
        except BaseException as exc:  # the keeper thread's failure is what the test looks for
            failures.append(exc)

    keeper = threading.Thread(target=extend)
    keeper.start()
    keeper.join(10)
    assert failures == []
    assert connection.ttl(CRON_LOCK) > 60
    leader.release()


def test_a_failed_job_is_called_passing_only_for_outages_not_for_bugs(tmp_path):
    """A passing failure is logged in one line and retried; a bug keeps its traceback in the worker's log."""
    import sqlite3

    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    from worker.__main__ import _passing

    def error_of(engine, sql: str) -> OperationalError:
        with pytest.raises(OperationalError) as caught, engine.connect() as conn:
            conn.execute(text(sql))
        return caught.value

    path = tmp_path / "db.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0})
    assert _passing(error_of(engine, "INSERT INTO t VALUES (1)")), "database is locked"
    holder.rollback()
    assert not _passing(error_of(engine, "SELECT * FROM no_such_table")), "a missing table is a bug"
    gone = create_engine(f"sqlite:///{tmp_path}/missing/dir/db.sqlite")
    assert _passing(error_of(gone, "SELECT 1")), "unable to open the database file"


def test_a_named_job_is_queued_once_and_a_failed_one_makes_way(app):
    """Two copies of one moderation job running at once would each clean up after the other."""
    from rq.job import Job

    assert queue.enqueue_moderation("story", 41)
    assert queue.enqueue_moderation("story", 41)
    assert queue.get_queue("moderation").get_job_ids() == ["moderate-story-41"]

    job = Job.fetch("moderate-story-41", connection=queue.redis_connection())
    queue.get_queue("moderation").remove(job)
    job.set_status("failed")
    assert queue.enqueue_moderation("story", 41)
    assert queue.get_queue("moderation").get_job_ids() == ["moderate-story-41"]


def test_a_job_marked_queued_in_no_list_is_taken_for_lost_and_queued_again(app):
    """A worker killed just as it takes a job can leave it marked queued on no list: no worker would run it."""
    connection = queue.redis_connection()
    assert queue.enqueue_moderation("story", 42)
    assert queue.job_is_live("moderate-story-42")
    moderation = queue.get_queue("moderation")
    connection.lrem(moderation.key, 0, "moderate-story-42")  # as if taken by a worker that then died
    # Just taken off the queue, it may be on its way to a living worker (which marks it started)...
    assert queue.job_is_live("moderate-story-42")
    # ...but left so for longer than any worker takes, it was lost.
    connection.hset("rq:job:moderate-story-42", "enqueued_at", "2026-01-01T00:00:00.000000Z")
    assert not queue.job_is_live("moderate-story-42")
    assert queue.enqueue_moderation("story", 42)
    assert moderation.get_job_ids() == ["moderate-story-42"]

    # Taken by a worker that is alive: still live while it moves to the worker's list.
    connection.lmove(moderation.key, moderation.intermediate_queue_key, "RIGHT", "LEFT")
    assert queue.job_is_live("moderate-story-42")
