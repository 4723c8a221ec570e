"""The one place that enqueues jobs and knows RQ.

Jobs are named by import path so the web process never imports the worker, and take ids only.
When Redis is unreachable nothing is raised: the row stays as it is and the sweeper enqueues it later.
"""

from __future__ import annotations

import logging
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus

log = logging.getLogger(__name__)

QUEUES = ("moderation", "mail", "digest", "default")
LIVE_STATUSES = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}


def redis_connection() -> Redis:
    """One client per app; short timeouts so a dead Redis fails fast instead of hanging a request."""
    conn = current_app.extensions.get("rebound_redis")
    if conn is None:
        conn = Redis.from_url(
            current_app.config["REDIS_URL"],
            socket_connect_timeout=1,
            socket_timeout=5,
            health_check_interval=30,
        )
        current_app.extensions["rebound_redis"] = conn
    return conn


def get_queue(name: str) -> Queue:
    return Queue(name, connection=redis_connection(), default_timeout=current_app.config["JOB_TIMEOUT"])


def enqueue(
    queue: str,
    func: str,
    *args: Any,
    job_id: str | None = None,
    retry: Retry | None = None,
    result_ttl: int = 3600,
    **kwargs: Any,
) -> bool:
    """Enqueue `func` (an import path) on `queue`; False when Redis is unreachable. The job and its result
    are kept `result_ttl` seconds after it succeeds (0: deleted at once).

    A job named by `job_id` is enqueued only if no job of that name waits or runs (atomically, in Redis): two
    copies of one job running at once would each clean up after the other. A finished or failed job of that
    name makes way."""

    def put() -> None:
        get_queue(queue).enqueue(
            func,
            args=args,
            job_id=job_id,
            retry=retry or Retry(max=3, interval=[10, 30, 60]),
            failure_ttl=7 * 24 * 3600,
            result_ttl=result_ttl,
            kwargs=kwargs,
            unique=job_id is not None,
        )

    try:
        try:
            put()
        except DuplicateJobError:
            if job_is_live(job_id):
                return True
            with suppress(NoSuchJobError):
                Job.fetch(job_id, connection=redis_connection()).delete()
            with suppress(DuplicateJobError):  # another process put it there meanwhile: it is queued
                put()
    except RedisError as exc:
        log.warning("could not enqueue %s%s: %s", func, args, exc)
        return False
    return True


# Longer than any worker takes between popping a job and marking it started.
TAKING_SECONDS = 30


def job_is_live(job_id: str) -> bool:
    """Whether a job with this id is waiting or running (the sweeper leaves those alone).

    A job that says it is queued must also be on its queue, or in the list a worker moves it to as it takes
    it: a worker killed at that very moment can leave a job marked queued in no list at all, which no worker
    would ever run."""
    connection = redis_connection()
    try:
        job = Job.fetch(job_id, connection=connection)
    except NoSuchJobError:
        return False
    # The status read with the job: asking again could find the job gone (a finished moderation job is
    # deleted at once).
    status = job.get_status(refresh=False)
    if status == JobStatus.QUEUED and job.origin:
        waiting = Queue(job.origin, connection=connection)
        # The status and both lists read at one moment (MULTI): a worker that takes the job meanwhile marks
        # it started as it leaves the lists, and read apart that looked like a job in no list (the sweeper
        # then deleted the job under the worker running it).
        with connection.pipeline() as pipe:
            pipe.hget(job.key, "status")
            pipe.lpos(waiting.key, job_id)
            pipe.lpos(waiting.intermediate_queue_key, job_id)
            now, in_queue, taken = pipe.execute()
        if now is None:
            return False
        if now.decode() != JobStatus.QUEUED.value:
            return JobStatus(now.decode()) in LIVE_STATUSES
        if in_queue is not None or taken is not None:
            return True
        # A worker listening on several queues pops a job off its queue (into no list) and marks it started a
        # few milliseconds later: only a job left so for longer was lost with a worker killed in between.
        enqueued = job.enqueued_at
        if enqueued is not None and enqueued.tzinfo is None:
            enqueued = enqueued.replace(tzinfo=UTC)
        return enqueued is not None and (datetime.now(UTC) - enqueued).total_seconds() < TAKING_SECONDS
    return status in LIVE_STATUSES


def moderation_job_id(kind: str, target_id: int) -> str:
    return f"moderate-{kind}-{target_id}"


def enqueue_moderation(kind: str, target_id: int) -> bool:
    # A decision is recorded in the database; keeping the finished job would only cost Redis writes.
    return enqueue(
        "moderation",
        "worker.jobs.moderate",
        kind,
        target_id,
        job_id=moderation_job_id(kind, target_id),
        result_ttl=0,
    )


def enqueue_mail(template: str, user_id: int, **context: Any) -> bool:
    """A transactional email (welcome, mentorship news) to one member."""
    return enqueue("mail", "worker.jobs.send_member_mail", template, user_id, **context)


def ping() -> bool:
    try:
        return bool(redis_connection().ping())
    except RedisError:
        return False


# A refusing SMTP server gets about eighteen minutes before the sweeper's slower retries take over.
DIGEST_RETRY_INTERVALS = [30, 60, 120, 300, 600]


def enqueue_digest_batch(week: str, user_ids: list[int], job_id: str | None = None) -> bool:
    return enqueue(
        "digest",
        "worker.jobs.send_digest_batch",
        week,
        list(user_ids),
        job_id=job_id,
        retry=Retry(max=len(DIGEST_RETRY_INTERVALS), interval=DIGEST_RETRY_INTERVALS),
    )
