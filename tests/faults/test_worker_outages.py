"""`python -m worker` against a real redis-server that goes away while the worker runs: the same process goes on
once Redis is back, saying so in one line each way; a stop request ends it at once, even mid-outage; and two
workers enqueue each periodic job once per interval across lock lifetimes and a change of leader."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator

import pytest
from redis import Redis

from community.extensions import db
from community.stories.models import Story
from tests.factories import story_payload
from tests.helpers import Processes, wait_until

pytestmark = pytest.mark.slow


@pytest.fixture
def procs(app, process_env, redis_server, tmp_path) -> Iterator[Processes]:
    """gunicorn and workers on the test's database, Redis and SMTP sink (the fault tests' environment); all
    stopped at the end, and Redis running again for the tests after."""
    env = process_env
    started = Processes(env, tmp_path)
    yield started
    started.stop_all()
    if redis_server.proc is None:
        redis_server.start()


def worker_logs(procs: Processes) -> str:
    return "".join(path.read_text(errors="replace") for path in sorted(procs.logdir.glob("worker*.log")))


def listening(procs: Processes) -> None:
    wait_until(lambda: "Listening on" in worker_logs(procs), 30, "the worker to listen")


def test_redis_lost_while_the_worker_runs_and_the_same_process_publishes_after(
    procs, redis_server, make_member
):
    web = procs.gunicorn()
    author = make_member()
    worker = procs.worker()
    listening(procs)
    # A blip, then an outage longer than the first tries.
    for seconds in (0.3, 4):
        redis_server.stop()
        time.sleep(seconds)
        redis_server.start()
        assert worker.poll() is None, worker_logs(procs)
    resp = web.post("/api/v1/stories", json_body=story_payload(1), headers=author.headers)
    assert resp.status == 202
    story_id = resp.json()["id"]

    def published() -> bool:
        db.session.remove()
        return db.session.get(Story, story_id).status == "published"

    wait_until(published, 60, "the story to be published once Redis is back")
    assert worker.poll() is None, "the worker exited"
    logs = worker_logs(procs)
    assert "Redis unreachable, retrying" in logs
    assert "Redis back" in logs
    # One line when Redis goes and one when it is back, not one per try; no traceback.
    assert "could not connect to Redis instance" not in logs, logs
    assert "Traceback" not in logs, logs


def test_a_stop_request_ends_the_worker_at_once_even_while_redis_is_away(procs, redis_server):
    worker = procs.worker()
    listening(procs)
    redis_server.stop()
    # The worker and its cron process have both noticed.
    wait_until(
        lambda: worker_logs(procs).count("Redis unreachable, retrying") >= 2, 30, "the outage to be noticed"
    )
    asked = time.monotonic()
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(10) == 0
    assert time.monotonic() - asked < 5

    def group_gone() -> bool:
        try:
            os.killpg(worker.pid, 0)
        except ProcessLookupError:
            return True
        return False

    wait_until(group_gone, 10, "the cron process to stop with the worker")
    assert "Traceback" not in worker_logs(procs), worker_logs(procs)


def test_two_workers_enqueue_the_sweep_once_per_interval_across_lock_lifetimes_and_a_new_leader(
    procs, redis_server
):
    ttl, interval, seconds = 3, 1, 13  # more than three lock lifetimes
    first = procs.worker(CRON_LOCK_TTL=str(ttl), SWEEP_INTERVAL=str(interval))
    second = procs.worker(CRON_LOCK_TTL=str(ttl), SWEEP_INTERVAL=str(interval))
    connection = Redis.from_url(redis_server.url)
    time.sleep(seconds / 2)
    # The lock vanishes under the leader (as when Redis restarts empty): it stops, and one leader goes on.
    connection.delete("rebound:cron-leader")
    time.sleep(seconds / 2)
    assert first.poll() is None and second.poll() is None
    logs = worker_logs(procs)
    # Renewed every third of its lifetime, the lock was lost only when it was taken away.
    assert logs.count("cron leadership lost") == 1, logs[-4000:]
    # RQ's record of the times the sweep was enqueued, whichever worker enqueued it.
    times = sorted(
        score for _, score in connection.zrange("rq:cron_job:worker.jobs.sweep:jobs", 0, -1, withscores=True)
    )
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert len(times) >= seconds / interval / 2, times
    # Never two enqueues in one interval, and the schedule kept running through the change of leader.
    assert min(gaps) >= interval * 0.9, gaps
    assert max(gaps) <= ttl + 2 * interval, gaps
    assert "Traceback" not in logs, logs
