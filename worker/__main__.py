"""`python -m worker`: an RQ worker on every queue the app uses, with RQ's scheduler and cron.

`--burst` drains the queues (after one sweep for items that never got a job) and exits.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import signal
import smtplib
import sqlite3
import sys
import threading
import time
from collections.abc import Mapping
from contextlib import suppress
from datetime import UTC, datetime

from redis import Redis
from redis.exceptions import LockError, RedisError
from redis.lock import Lock
from rq import SimpleWorker
from rq.cron import CronScheduler
from rq.defaults import DEFAULT_LOGGING_DATE_FORMAT, DEFAULT_LOGGING_FORMAT, DEFAULT_WORKER_TTL
from rq.exceptions import StopRequested
from rq.job import Job
from rq.scheduler import RQScheduler
from sqlalchemy.exc import OperationalError

from community import create_app, queue
from community.extensions import db
from worker import jobs

# (job function, queue, seconds between runs (or the setting that holds them) or None, cron expression or None)
CRON_JOBS = [
    (jobs.sweep, "default", "SWEEP_INTERVAL", None),
    (jobs.expire_mentorship_requests, "default", None, "17 * * * *"),
    # Toolkit follow-up reminders, within a minute of falling due.
    (jobs.send_due_followups, "default", 60, None),
    # Notification mails: an event with no mail of its kind in the last hour goes out within two minutes.
    (jobs.send_notification_mails, "mail", 60, None),
    # Monday 08:00 UTC: the week that just ended.
    (jobs.send_digest_week, "digest", None, "0 8 * * 1"),
]


# Seconds past its timeout after which a started job whose worker died counts as abandoned.
ABANDONED_GRACE = 10

# Added to the worker's niceness: when it shares a machine with the web, pages get the CPU first and jobs
# take the rest, so a busy moment (a Monday's digests, a wave of new stories) does not slow what people see.
NICENESS = 10


class Scheduler(RQScheduler):
    """RQ's scheduler of delayed and retried jobs. When Redis goes away it says so in one line and stops (the
    worker's maintenance starts it again once Redis answers), rather than dying with a traceback."""

    def work(self) -> None:
        try:
            super().work()
        except RedisError as exc:
            self.log.warning(
                "RQ's scheduler stops, Redis is unreachable (%s); it starts again with Redis", exc
            )


class Worker(SimpleWorker):
    """RQ's SimpleWorker (jobs run in this process, inside the app context), with a job whose worker died
    found abandoned soon after the job's own timeout.

    A SimpleWorker sends no heartbeat while a job runs, so the started-job entry must outlive the longest
    run; RQ adds a minute to the timeout for that. The timeout is enforced in this very process, so a few
    seconds suffice, and the maintenance pass retries the job that much sooner.
    """

    def _start_scheduler(
        self,
        burst: bool = False,
        logging_level: str | None = "INFO",
        date_format: str = DEFAULT_LOGGING_DATE_FORMAT,
        log_format: str = DEFAULT_LOGGING_FORMAT,
    ) -> None:
        """As RQ starts its scheduler, with `Scheduler` in its place."""
        self.scheduler = Scheduler(
            self.queues,
            connection=self.connection,
            logging_level=logging_level if logging_level is not None else self.log.level,
            date_format=date_format,
            log_format=log_format,
            serializer=self.serializer,
        )
        self.scheduler.acquire_locks()
        if not self.scheduler.acquired_locks:
            return
        if not burst:
            self.scheduler.start()
            return
        try:
            self.scheduler.register_birth()
            self.scheduler.enqueue_scheduled_jobs()
        finally:
            self.scheduler.release_locks()
            self.scheduler.register_death()

    def handle_exception(self, job: Job, *exc_info) -> None:
        """A job that failed for a passing reason (the mail server said "try later", Redis or the database
        was out of reach) is retried by RQ: one line says so. Anything else is logged whole, traceback and
        all, as a bug to look at."""
        error = exc_info[1]
        if _passing(error):
            self.log.warning(
                "Worker %s: job %s failed for now and will be retried: %s: %s",
                self.name,
                job.id,
                type(error).__name__,
                str(error)[:200],
            )
            return
        super().handle_exception(job, *exc_info)

    def get_heartbeat_ttl(self, job: Job, working_time: float = 0.0) -> int:
        if job.timeout == -1:
            return DEFAULT_WORKER_TTL
        return int(job.timeout or DEFAULT_WORKER_TTL) + ABANDONED_GRACE


class _OutageInOneLine(logging.Filter):
    """RQ logs a traceback when Redis goes away under a running worker, which then starts again (`_work`): an
    outage, not a bug, so it gets one line with the error's name and no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, RedisError):
            record.msg = f"{record.getMessage()} ({type(error).__name__}: {error})"
            record.args = None
            record.exc_info = record.exc_text = None
        return True


def _passing(error: BaseException | None) -> bool:
    """Whether a job's failure is one that passes by itself: a temporary refusal or an outage."""
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code < 500
    if isinstance(error, OperationalError):
        return _database_away(error)
    return isinstance(error, smtplib.SMTPServerDisconnected | OSError | RedisError)


# SQLite's operational errors that pass: another writer holds the file, or the file is out of reach for now.
# Its others ("no such table", a syntax error) are bugs and keep their traceback.
_SQLITE_PASSING = ("locked", "busy", "unable to open", "disk i/o")


def _database_away(error: OperationalError) -> bool:
    """A lost connection, a lock wait or a server going down, not a mistake in the query. PostgreSQL's operational
    errors are all of that kind (connection, lock, cancel, shutdown classes)."""
    if error.connection_invalidated:
        return True
    if isinstance(error.orig, sqlite3.OperationalError):
        return any(word in str(error.orig).lower() for word in _SQLITE_PASSING)
    return True


def _exit_with_parent(parent: int) -> None:
    """A cron process outlives a worker killed outright; it stops too (handing the schedule on at once),
    so a restarted worker's scheduler takes over without waiting for the lock to expire."""
    while os.getppid() == parent:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)


# One cron scheduler enqueues the periodic jobs however many workers run; when its worker dies the
# lock expires and another worker's scheduler takes over within CRON_LOCK_TTL seconds.
CRON_LOCK = "rebound:cron-leader"
# Seconds between tries while Redis is unreachable, doubling up to this.
MAX_BACKOFF = 30

log = logging.getLogger("worker")

# Set once this process is asked to stop (SIGTERM, SIGINT): from then on nothing is retried.
_stopping = False


def _request_stop(signum: int, frame) -> None:
    """The signal handler outside RQ's own: note the request and leave whatever is under way (a wait for
    Redis, a wait to lead the schedule)."""
    global _stopping
    _stopping = True
    raise StopRequested()


def _handle_stop_signals() -> None:
    signal.signal(signal.SIGTERM, _request_stop)
    signal.signal(signal.SIGINT, _request_stop)


def _wait_for_redis(connection: Redis) -> None:
    """Return once Redis answers, trying with capped back-off; one line when it goes and one when it is back."""
    delay, waited = 1.0, False
    while True:
        try:
            connection.ping()
        except RedisError:
            if not waited:
                log.warning("Redis unreachable, retrying (every %d s at most)", MAX_BACKOFF)
                waited = True
            time.sleep(delay)
            delay = min(delay * 2, MAX_BACKOFF)
            continue
        if waited:
            log.info("Redis back")
        return


class LeadershipLost(StopRequested):
    """The cron lock is no longer this scheduler's: it stops before enqueuing anything."""


class Cron(CronScheduler):
    """RQ's cron scheduler that enqueues only while it holds the cron lock: it looks before each round, so a
    leader whose lock expired or vanished (Redis restarted empty, say) stops rather than doubling the
    schedule of the worker that leads now."""

    def __init__(self, *args, lock: Lock, lost: threading.Event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lock = lock
        self.lost = lost

    def _install_signal_handlers(self) -> None:
        # The cron process's own handlers stay: a stop request is noted, so it is not mistaken for an outage.
        _handle_stop_signals()

    def go_on_from_history(self) -> None:
        """RQ runs an interval job at once when a scheduler starts; a new leader instead goes on from the last
        time any leader enqueued it (RQ's history of the job in Redis), so a change of leader does not run it
        twice in one interval."""
        for job in self._cron_jobs:
            if job.interval:
                last = self.connection.zrange(job.job_history_key, 0, 0, desc=True, withscores=True)
                if last:
                    job.set_enqueue_time(datetime.fromtimestamp(last[0][1], UTC))

    def enqueue_jobs(self):
        if self.lost.is_set() or not self.lock.owned():
            log.warning("cron leadership lost; this scheduler stops and waits to lead again")
            raise LeadershipLost()
        return super().enqueue_jobs()


def _hold(lock: Lock, done: threading.Event, lost: threading.Event, ttl: int) -> None:
    """Keep the lock alive every third of its lifetime until `done`; if it cannot be (the lock is gone, Redis
    is unreachable), say so in `lost`: the scheduler stops before its next round."""
    while not done.wait(ttl / 3):
        try:
            lock.extend(ttl, replace_ttl=True)
        except (LockError, RedisError):
            lost.set()
            return


def lead_cron(connection: Redis, ttl: int, lock: Lock | None = None) -> Lock:
    """Block until this process is the one cron scheduler; the held lock. `lock`, when given, is the one this
    process led with before: if Redis kept it (a short outage), it still leads."""
    # Extended from the keeper thread (`_hold`), so its token must not be kept per thread.
    if lock is None:
        lock = connection.lock(CRON_LOCK, timeout=ttl, thread_local=False)
    while True:
        try:
            if lock.owned():
                lock.extend(ttl, replace_ttl=True)
                return lock
            if lock.acquire(blocking=False):
                return lock
        except LockError:
            pass
        except RedisError:
            _wait_for_redis(connection)
            continue
        time.sleep(ttl / 6)


def _lead_once(connection: Redis, lock: Lock, settings: Mapping[str, int], ttl: int) -> None:
    """Wait to lead, then run the schedule until it stops (asked to, leadership lost, Redis gone)."""
    lead_cron(connection, ttl, lock)
    done, lost = threading.Event(), threading.Event()
    threading.Thread(target=_hold, args=(lock, done, lost, ttl), daemon=True).start()
    try:
        cron = Cron(connection=connection, name=f"rebound-cron-{os.getpid()}", lock=lock, lost=lost)
        for func, queue_name, interval, expression in CRON_JOBS:
            if isinstance(interval, str):
                interval = settings[interval]
            cron.register(func, queue_name, interval=interval, cron=expression, job_timeout=600)
        cron.go_on_from_history()
        cron.start()
    finally:
        done.set()


def run_cron(redis_url: str, settings: Mapping[str, int], parent: int) -> None:
    """The cron process: lead the schedule when no other worker does, and never die of Redis: while it is
    unreachable, wait for it, then lead again (or wait to). Only a stop request ends it."""
    # RQ reads cron expressions in local time; the schedule ("Monday 08:00") is UTC wherever this runs.
    os.environ["TZ"] = "UTC"
    time.tzset()
    _handle_stop_signals()
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    connection = Redis.from_url(redis_url, socket_connect_timeout=1, socket_timeout=5)
    ttl = int(settings["CRON_LOCK_TTL"])
    lock = connection.lock(CRON_LOCK, timeout=ttl, thread_local=False)
    while not _stopping:
        try:
            _lead_once(connection, lock, settings, ttl)
        except StopRequested:
            continue
        except RedisError:
            if _stopping:
                break
            try:
                _wait_for_redis(connection)
            except StopRequested:
                break
    # Stopped on purpose: hand the schedule to another worker now rather than when the lock expires.
    with suppress(LockError, RedisError):
        if lock.owned():
            lock.release()


class RedisLost(StopRequested):
    """Redis went away under the worker: its loop stops (RQ's way out), and `_work` starts it again once Redis
    is back."""


def _quiet_redis_retries(record: logging.LogRecord) -> bool:
    """RQ says "could not connect to Redis instance" on every try; the worker's own lines ("Redis
    unreachable, retrying", "Redis back") say it once."""
    return "could not connect to Redis instance" not in record.getMessage()


class _Work(Worker):
    """The worker as `python -m worker` runs it: a Redis error anywhere in RQ's loop ends the loop quietly
    (the worker's record in Redis expires by itself) and marks it, so a new loop starts once Redis is back;
    a stop request is remembered, so it is never retried."""

    redis_lost = False

    def _lost(self, exc: RedisError) -> RedisLost:
        self.redis_lost = True
        return RedisLost(str(exc))

    def request_stop(self, signum, frame) -> None:
        global _stopping
        _stopping = True
        # Noting the request in Redis may fail; the worker stops after its job all the same.
        with suppress(RedisError):
            super().request_stop(signum, frame)

    def check_for_suspension(self, burst: bool) -> None:
        if _stopping:
            # Asked to stop before RQ's own handlers were in place.
            raise StopRequested()
        try:
            super().check_for_suspension(burst)
        except RedisError as exc:
            raise self._lost(exc) from exc

    def run_maintenance_tasks(self) -> None:
        try:
            super().run_maintenance_tasks()
        except RedisError as exc:
            raise self._lost(exc) from exc

    def heartbeat(self, timeout=None, pipeline=None) -> None:
        try:
            super().heartbeat(timeout, pipeline)
        except RedisError as exc:
            raise self._lost(exc) from exc

    def execute_job(self, job: Job, queue) -> None:
        # A job cut off from Redis is left started; once Redis is back it is found abandoned and retried.
        try:
            super().execute_job(job, queue)
        except RedisError as exc:
            raise self._lost(exc) from exc

    def _pubsub_exception_handler(self, exc, pubsub, pubsub_thread) -> None:
        if isinstance(exc, RedisError):
            time.sleep(2)
            return
        super()._pubsub_exception_handler(exc, pubsub, pubsub_thread)

    def teardown(self) -> None:
        try:
            super().teardown()
        except RedisError:
            self.stop_listening()

    def stop_listening(self) -> None:
        """Stop the thread that listens for RQ's commands, without Redis."""
        thread = self.pubsub_thread
        if thread is not None and thread.is_alive():
            thread.stop()


def _work(app, connection: Redis, burst: bool) -> None:
    """Run the RQ worker until it is stopped; while Redis is unreachable, at start or later, wait for it."""
    _handle_stop_signals()
    logging.getLogger("rq.worker").addFilter(_quiet_redis_retries)
    while not _stopping:
        _wait_for_redis(connection)
        worker = _Work(
            [queue.get_queue(name) for name in queue.QUEUES],
            connection=connection,
            # How often abandoned jobs are looked for (and retried), and RQ's scheduler restarted if needed.
            maintenance_interval=app.config["WORKER_MAINTENANCE_INTERVAL"],
        )
        try:
            worker.work(burst=burst, with_scheduler=not burst)
        except RedisError:
            # Lost while the worker was starting (outside RQ's loop).
            worker.stop_listening()
            worker.redis_lost = True
        finally:
            # RQ's handlers belong to the worker that just stopped.
            _handle_stop_signals()
        if not worker.redis_lost:
            return


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m worker", description=__doc__)
    parser.add_argument("--burst", action="store_true", help="drain the queues, then exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("rq.worker").addFilter(_OutageInOneLine())
    os.nice(NICENESS)

    app = create_app()
    with app.app_context():
        # A child forked with the parent's database connections would keep them, and so a transaction
        # of a killed worker open on PostgreSQL, holding its row locks against the job's retry.
        os.register_at_fork(before=db.engine.dispose)
        connection = queue.redis_connection()
        jobs.sweep()
        if args.burst:
            with suppress(StopRequested):
                _work(app, connection, burst=True)
            return 0
        cron = multiprocessing.get_context("fork").Process(
            target=run_cron,
            args=(app.config["REDIS_URL"], app.config, os.getpid()),
            name="rebound-cron",
            daemon=True,
        )
        cron.start()
        try:
            _work(app, connection, burst=False)
        except StopRequested:
            pass
        finally:
            cron.terminate()
            cron.join(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
