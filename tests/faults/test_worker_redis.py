"""The worker rides out Redis: lost while it starts, and one cron leader for real across lock lifetimes."""

from __future__ import annotations

import re
import time

import pytest
from redis import Redis

from tests.factories import story_payload
from tests.helpers import wait_until

pytestmark = pytest.mark.slow


def test_redis_lost_while_the_worker_starts_and_the_same_process_publishes_later(
    processes, make_member, redis_server, database
):
    web = processes.gunicorn()
    author = make_member()
    worker = processes.worker(SWEEP_INTERVAL="2")
    time.sleep(0.4)
    redis_server.stop()
    try:
        time.sleep(4)
        assert worker.poll() is None, processes.logs("worker")
        resp = web.post("/api/v1/stories", json_body=story_payload(1), headers=author.headers)
        assert resp.status == 202
        story_id = resp.json()["id"]
    finally:
        redis_server.start()

    def published() -> bool:
        return database("SELECT status FROM story WHERE id = :id", id=story_id) == [("published",)]

    wait_until(published, 60, "the story to be published once Redis is back")
    assert worker.poll() is None, "the worker exited"
    logs = "".join(path.read_text(errors="replace") for path in processes.logdir.glob("worker*.log"))
    assert "Redis unreachable, retrying" in logs
    assert "Traceback" not in logs, logs


def test_two_workers_enqueue_each_periodic_job_once_per_interval_past_three_lock_lifetimes(
    processes, redis_server
):
    ttl, interval, seconds = 3, 1, 13  # more than three lock lifetimes
    first = processes.worker(CRON_LOCK_TTL=str(ttl), SWEEP_INTERVAL=str(interval))
    second = processes.worker(CRON_LOCK_TTL=str(ttl), SWEEP_INTERVAL=str(interval))
    time.sleep(seconds / 2)
    # The lock vanishes under the leader (as when Redis restarts empty): it stops, and one leader goes on.
    Redis.from_url(redis_server.url).delete("rebound:cron-leader")
    time.sleep(seconds / 2)
    assert first.poll() is None and second.poll() is None
    logs = "".join(path.read_text(errors="replace") for path in processes.logdir.glob("worker*.log"))
    assert "cron leadership lost" in logs
    runs = re.findall(r"default: worker\.jobs\.sweep\(\)", logs)
    # One leader: about one sweep a second. Two leaders would enqueue about twice as many.
    assert seconds / interval / 2 <= len(runs) <= seconds / interval + 2, (len(runs), logs[-3000:])
    assert "Traceback" not in logs, logs
