"""`python -m worker`: an RQ worker on every queue the app uses, with RQ's scheduler and cron.

`--burst` drains the queues (after one sweep for items that never got a job) and exits.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import sys

from redis import Redis
from rq import SimpleWorker
from rq.cron import CronScheduler

from community import create_app, queue
from worker import jobs

# (job function, queue, seconds between runs or None, cron expression or None)
CRON_JOBS = [
    (jobs.sweep, "default", 60, None),
    (jobs.expire_mentorship_requests, "default", None, "17 * * * *"),
    # Monday 08:00 UTC: the week that just ended.
    (jobs.send_digest_week, "digest", None, "0 8 * * 1"),
]


def run_cron(redis_url: str) -> None:
    cron = CronScheduler(connection=Redis.from_url(redis_url), name="rebound-cron")
    for func, queue_name, interval, expression in CRON_JOBS:
        cron.register(func, queue_name, interval=interval, cron=expression, job_timeout=600)
    cron.start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m worker", description=__doc__)
    parser.add_argument("--burst", action="store_true", help="drain the queues, then exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

    app = create_app()
    with app.app_context():
        connection = queue.redis_connection()
        worker = SimpleWorker(
            [queue.get_queue(name) for name in queue.QUEUES],
            connection=connection,
            # Found abandoned quickly when a worker dies: its jobs go back through the sweeper.
            job_monitoring_interval=15,
            maintenance_interval=60,
        )
        jobs.sweep()
        if args.burst:
            worker.work(burst=True, with_scheduler=False)
            return 0
        cron = multiprocessing.get_context("fork").Process(
            target=run_cron, args=(app.config["REDIS_URL"],), name="rebound-cron", daemon=True
        )
        cron.start()
        try:
            worker.work(with_scheduler=True)
        finally:
            cron.terminate()
            cron.join(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
