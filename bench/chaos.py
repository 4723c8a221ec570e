"""The chaos run: the whole product under steady traffic while faults strike on a seeded random schedule, then
the invariants that must hold whatever happened, printed as a table.

Run as `python bench/chaos.py [--minutes 5] [--seed 1]`. It starts real processes: redis-server, gunicorn
(two workers), two `python -m worker`, an aiosmtpd SMTP server in this process, and SQLite (or the
PostgreSQL database named by DATABASE_URL). Traffic: stories (some with crisis words), replies, reactions,
mentorship requests and a digest send. Faults: Redis stopped and started again empty, a worker SIGKILLed and
restarted, the SMTP server refusing with 451 for a while, and the database unreachable for a few seconds
(SQLite: held under an exclusive lock; PostgreSQL: every connection refused). Exit status 0 only when every
invariant holds.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from contextlib import suppress
from email import message_from_bytes, policy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import free_port, wait_for_port  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402

PASSWORD = "a chaos run password"
MEMBERS = 8
DRAIN_LIMIT = 180  # seconds: the queues must drain within this of the last fault


class Sink:
    """An SMTP server that keeps what it accepts and refuses with 451 while `refusing` is set."""

    def __init__(self) -> None:
        self.messages: list = []
        self.refusing = threading.Event()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refusing.is_set():
            return "451 4.3.0 try again later"
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


class Run:
    def __init__(self, seconds: float, seed: int, workdir: Path) -> None:
        self.seconds, self.rng, self.workdir = seconds, random.Random(seed), workdir
        self.procs: dict[str, subprocess.Popen] = {}
        self.sink = Sink()
        self.smtp = Controller(self.sink, hostname="127.0.0.1", port=free_port())
        self.redis_port = free_port()
        self.web_port = free_port()
        self.database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'chaos.sqlite'}"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "PYTEST_"))},
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(self.smtp.port),
            "RATELIMIT_ENABLED": "false",
            "SECRET_KEY": "chaos-secret",
            "BASE_URL": "http://rebound.test",
            "PYTHONUNBUFFERED": "1",
            "JOB_TIMEOUT": "10",
            "WORKER_MAINTENANCE_INTERVAL": "2",
            "SWEEP_INTERVAL": "3",
            "DIGEST_STALE_CLAIM": "15",
            "CRON_LOCK_TTL": "15",
        }
        self.accepted: dict[str, list[int]] = {"story": [], "reply": []}
        self.responses: list[tuple[float, int, bool]] = []  # (time, status, during a database fault)
        self.database_down = threading.Event()
        self.faults: list[tuple[float, str]] = []
        self.last_fault_end = 0.0
        self.stop = threading.Event()

    # --- processes --------------------------------------------------------------------------------------

    def spawn(self, name: str, args: list[str]) -> None:
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 (kept by the child)
        self.procs[name] = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()

    def start_redis(self) -> None:
        redis = shutil.which("redis-server")
        if redis is None:
            raise SystemExit("redis-server is missing: install it with `apt-get install redis-server`")
        self.spawn(
            "redis",
            [
                redis,
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        wait_for_port(self.redis_port, "redis-server")

    def stop_proc(self, name: str, sig: int = signal.SIGTERM) -> None:
        proc = self.procs.pop(name, None)
        if proc is not None and proc.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            proc.wait(15)

    def start_worker(self, name: str) -> None:
        self.spawn(name, [sys.executable, "-m", "worker"])

    def flask(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "flask", "--app", "community", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def inside(self, program: str) -> subprocess.CompletedProcess:
        """Run a small program inside the app (its context pushed), against the run's database and Redis."""
        prelude = "from community import create_app\napp = create_app()\napp.app_context().push()\n"
        return subprocess.run(
            [sys.executable, "-c", prelude + program],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def setup(self) -> None:
        self.smtp.start()
        self.start_redis()
        done = self.flask("db", "upgrade")
        if done.returncode:
            raise SystemExit(f"migrating the database failed:\n{done.stderr}")
        self.flask("moderation", "install-defaults")
        self.spawn(
            "gunicorn",
            [sys.executable, "-m", "gunicorn", "community:create_app()", "--workers", "2", "--bind",
             f"127.0.0.1:{self.web_port}", "--graceful-timeout", "2"],
        )  # fmt: skip
        wait_for_port(self.web_port, "gunicorn")
        self.start_worker("worker-a")
        self.start_worker("worker-b")
        self.members = []
        for n in range(MEMBERS):
            email = f"member{n}@chaos.example.org"
            made = self.flask("users", "create", email, "--password", PASSWORD)
            if made.returncode:
                raise SystemExit(f"creating a member failed:\n{made.stderr}")
            basic = base64.b64encode(f"{email}:{PASSWORD}".encode()).decode()
            token = self.call("POST", "/api/v1/tokens", headers={"Authorization": f"Basic {basic}"})[1]
            self.members.append({"email": email, "token": token["token"]})
        made = self.flask(
            "users", "create", "moderator@chaos.example.org", "--password", PASSWORD, "--role", "moderator"
        )
        if made.returncode:
            raise SystemExit(f"creating the moderator failed:\n{made.stderr}")
        mentor = self.members[0]
        self.call(
            "PUT",
            "/api/v1/me/mentor-profile",
            mentor,
            {"headline": "Hiring manager", "bio": "Happy to help.", "expertise": ["answers"],
             "industries": ["Software"], "capacity": 50},
        )  # fmt: skip
        self.mentor_id = self.call("GET", "/api/v1/me", mentor)[1]["id"]

    # --- traffic ----------------------------------------------------------------------------------------

    def call(self, method: str, path: str, who: dict | None = None, body: dict | None = None, headers=None):
        headers = dict(headers or {})
        if who is not None:
            headers["Authorization"] = f"Bearer {who['token']}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.web_port}{path}", data=data, method=method, headers=headers
        )
        during = self.database_down.is_set()
        try:
            with urllib.request.urlopen(request, timeout=30) as resp:  # noqa: S310 (loopback only)
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        except OSError:
            return 0, None
        self.responses.append((time.monotonic(), status, during or self.database_down.is_set()))
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, None

    def traffic(self) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            who = self.rng.choice(self.members)
            roll = self.rng.random()
            if roll < 0.4:
                crisis = self.rng.random() < 0.1
                status, body = self.call(
                    "POST",
                    "/api/v1/stories",
                    who,
                    {
                        "title": f"Chaos story {n}",
                        "body": "I want to die after this one." if crisis else f"The round went badly ({n}).",
                        "lessons": [{"category": "mindset", "text": "Breathe, then answer."}],
                        "stage": "onsite",
                        "industry": "Software",
                    },
                )
                if status == 202:
                    self.accepted["story"].append(body["id"])
            elif roll < 0.65 and self.accepted["story"]:
                story_id = self.rng.choice(self.accepted["story"])
                status, body = self.call(
                    "POST", f"/api/v1/stories/{story_id}/replies", who, {"body": f"Hang in there ({n})."}
                )
                if status == 202:
                    self.accepted["reply"].append(body["id"])
            elif roll < 0.9 and self.accepted["story"]:
                story_id = self.rng.choice(self.accepted["story"])
                kind = self.rng.choice(["me_too", "helpful", "strength"])
                self.call("POST", f"/api/v1/stories/{story_id}/reactions", who, {"kind": kind})
            else:
                self.call("POST", f"/api/v1/mentors/{self.mentor_id}/requests", who, {"message": "Hello!"})
            time.sleep(self.rng.uniform(0.05, 0.3))

    # --- faults -----------------------------------------------------------------------------------------

    def fault(self) -> None:
        kind = self.rng.choice(["redis", "worker", "smtp", "database"])
        length = self.rng.uniform(3, 10)
        start = time.monotonic()
        self.faults.append((start, kind))
        if kind == "redis":
            self.stop_proc("redis")
            time.sleep(length)
            self.start_redis()  # back empty, as after a crash without persistence
        elif kind == "worker":
            name = self.rng.choice(["worker-a", "worker-b"])
            self.stop_proc(name, signal.SIGKILL)
            time.sleep(length)
            self.start_worker(name)
        elif kind == "smtp":
            self.sink.refusing.set()
            time.sleep(length)
            self.sink.refusing.clear()
        else:
            self.database_down.set()
            try:
                self.take_database_away(min(length, 5))
            finally:
                self.database_down.clear()
        self.last_fault_end = time.monotonic()

    def take_database_away(self, seconds: float) -> None:
        if self.database_url.startswith("sqlite"):
            path = self.database_url.removeprefix("sqlite:///")
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
            conn.execute("BEGIN EXCLUSIVE")
            time.sleep(seconds)
            conn.execute("ROLLBACK")
            conn.close()
            return
        import psycopg
        from sqlalchemy.engine import make_url

        url = make_url(self.database_url)
        admin = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'ALTER DATABASE "{url.database}" WITH ALLOW_CONNECTIONS false')
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> "
                "pg_backend_pid()",
                (url.database,),
            )
            time.sleep(seconds)
            conn.execute(f'ALTER DATABASE "{url.database}" WITH ALLOW_CONNECTIONS true')

    # --- the run ----------------------------------------------------------------------------------------

    def run(self) -> bool:
        self.setup()
        started = time.monotonic()
        threads = [threading.Thread(target=self.traffic, daemon=True) for _ in range(2)]
        for thread in threads:
            thread.start()
        digest_sent = False
        while time.monotonic() - started < self.seconds:
            time.sleep(self.rng.uniform(5, 15))
            if not digest_sent and time.monotonic() - started > self.seconds / 3:
                self.send_digest()
                digest_sent = True
            if time.monotonic() - started < self.seconds - 5:
                self.fault()
        if not digest_sent:
            self.send_digest()
        self.stop.set()
        for thread in threads:
            thread.join(60)
        drained = self.wait_for_drain()
        return self.report(drained)

    def send_digest(self) -> None:
        """Last week's digest, through the worker, with the stories of the run dated into it."""
        # As an operator would: if the database or Redis is out at that moment, try again shortly.
        for _ in range(30):
            out = self.inside(_DIGEST_FAN_OUT)
            if out.returncode == 0:
                self.digest_week = out.stdout.strip().splitlines()[-1]
                return
            time.sleep(2)
        raise SystemExit(f"the digest could not be started:\n{out.stderr[-2000:]}")

    def wait_for_drain(self) -> float | None:
        """Seconds after the last fault until nothing is pending and the queues are empty; None if never."""
        deadline = time.monotonic() + DRAIN_LIMIT + 30
        while time.monotonic() < deadline:
            out = self.inside(_PENDING_WORK)
            if out.returncode == 0 and out.stdout.strip() and out.stdout.strip().splitlines()[-1] == "0":
                return max(0.0, time.monotonic() - self.last_fault_end)
            time.sleep(2)
        return None

    def report(self, drained: float | None) -> bool:
        out = self.inside(_FACTS)
        if out.returncode:
            raise SystemExit(f"reading the run's results failed:\n{out.stderr}")
        facts = json.loads(out.stdout.strip().splitlines()[-1])
        accepted = {kind: set(ids) for kind, ids in self.accepted.items()}
        missing = {kind: sorted(accepted[kind] - set(facts["exists"][kind])) for kind in accepted}
        decided = facts["automatic_decisions"]
        not_once = {
            kind: sorted(i for i in accepted[kind] if decided[kind].get(str(i), 0) != 1) for kind in accepted
        }
        digests = Counter(m["To"] for m in self.sink.messages if "Your Rebound week" in str(m["Subject"]))
        other = Counter(
            (m["To"], str(m["Subject"]), m.get_body(("plain",)).get_content())
            for m in self.sink.messages
            if "Your Rebound week" not in str(m["Subject"])
        )
        twice = [key[:2] for key, count in other.items() if count > 1]
        with_news = set(facts["digest_with_news"])
        bad_status = [
            (s, during) for _, s, during in self.responses if s >= 500 and not (s == 503 and during)
        ]
        rows = [
            ("every accepted post exists", not any(missing.values()), f"{sum(map(len, accepted.values()))} "
             f"accepted, missing {missing}"),
            ("each decided exactly once (automatically)", not any(not_once.values()),
             f"not once: {not_once}; pending: {facts['waiting'][:5]}"),
            ("at most one digest per member", all(c <= 1 for c in digests.values()),
             f"{sum(digests.values())} digests to {len(digests)} members"),
            ("members with news got exactly one", all(digests.get(e, 0) == 1 for e in with_news),
             f"{len(with_news)} with news"),
            ("no other mail went out twice", not twice, f"{sum(other.values())} other mails; twice: {twice[:5]}"),
            ("no 5xx but the outage's 503s", not bad_status,
             f"{len(self.responses)} requests; bad: {Counter(bad_status).most_common(5)}"),
            ("queues drained within 3 min of the last fault", drained is not None and drained <= DRAIN_LIMIT,
             "never" if drained is None else f"{drained:.0f} s"),
        ]  # fmt: skip
        faults = Counter(kind for _, kind in self.faults)
        print(
            f"chaos run: {self.seconds:.0f} s, faults {dict(faults)}, database {self.database_url.split(':')[0]}"
        )
        print(f"{'invariant':48s} {'holds':6s} detail")
        for name, holds, detail in rows:
            print(f"{name:48s} {'yes' if holds else 'NO':6s} {detail}")
        tracebacks = sum(
            path.read_text(errors="replace").count("Traceback") for path in self.workdir.glob("*.log")
        )
        print(f"tracebacks in the logs of web and workers: {tracebacks}")
        self.tracebacks = tracebacks
        return all(holds for _, holds, _ in rows)

    def teardown(self) -> None:
        self.stop.set()
        for name in list(self.procs):
            self.stop_proc(name, signal.SIGKILL)
        self.smtp.stop()


# Small programs run inside the app (`Run.inside`), against the run's database.
_DIGEST_FAN_OUT = """
from datetime import timedelta
from sqlalchemy import update
from community.extensions import db
from community.models import utcnow
from community.stories.models import Story
from community.digest.compose import last_complete_week, week_bounds
from community import queue
from community.digest.sending import request_week
week = last_complete_week(utcnow())
start, end = week_bounds(week)
db.session.execute(update(Story).where(Story.status == "published").values(published_at=start + timedelta(hours=1)))
db.session.commit()
request_week(week)
if not queue.enqueue("digest", "worker.jobs.send_digest_week", week):
    raise SystemExit("Redis is out of reach")
print(week)
"""
_PENDING_WORK = """
from sqlalchemy import func, select
from community.extensions import db
from community.stories.models import Reply, Story
from community.digest.models import DigestDelivery
from community import queue
pending = db.session.scalar(select(func.count()).select_from(Story).where(Story.status == "pending"))
pending += db.session.scalar(select(func.count()).select_from(Reply).where(Reply.status == "pending"))
pending += db.session.scalar(select(func.count()).select_from(DigestDelivery).where(DigestDelivery.status == "claimed"))
waiting = sum(queue.get_queue(name).count for name in queue.QUEUES)
print(pending + waiting)
"""
_FACTS = """
import json
from sqlalchemy import func, select
from community.extensions import db
from community.accounts.models import User
from community.stories.models import Reply, Story
from community.review.models import ModerationDecision
exists = {"story": list(db.session.scalars(select(Story.id))), "reply": list(db.session.scalars(select(Reply.id)))}
decided = {"story": {}, "reply": {}}
for kind, target, count in db.session.execute(
    select(ModerationDecision.kind, ModerationDecision.target_id, func.count())
    .where(ModerationDecision.from_status == "pending", ModerationDecision.actor_name == "system")
    .group_by(ModerationDecision.kind, ModerationDecision.target_id)
):
    decided[kind][str(target)] = count
# The week holds public stories, so every member who wants the digest has news.
news = list(db.session.scalars(select(User.email).where(User.digest == "weekly")))
# Where RQ holds the moderation job of each post still pending, to tell why it is waiting.
from rq.exceptions import NoSuchJobError
from rq.job import Job
from community import queue
jobs = queue.get_queue("moderation")
places = {
    "queued": jobs.get_job_ids(),
    "intermediate": jobs.intermediate_queue.get_job_ids(),
    "started": [key.split(":")[0] for key in jobs.started_job_registry.get_job_ids()],
    "scheduled": jobs.scheduled_job_registry.get_job_ids(),
    "failed": jobs.failed_job_registry.get_job_ids(),
}
waiting = []
for kind, model in (("story", Story), ("reply", Reply)):
    for target in db.session.scalars(select(model.id).where(model.status == "pending")):
        job_id = queue.moderation_job_id(kind, target)
        try:
            status = Job.fetch(job_id, connection=jobs.connection).get_status()
        except NoSuchJobError:
            status = "gone"
        held = [name for name, ids in places.items() if job_id in ids]
        waiting.append(f"{kind} {target}: job {status}, in {held or 'no list'}")
print(json.dumps({"exists": exists, "automatic_decisions": decided, "digest_with_news": news, "waiting": waiting}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--seconds", type=float, help="the run's length in seconds (overrides --minutes)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    seconds = args.seconds if args.seconds else args.minutes * 60
    workdir = Path(tempfile.mkdtemp(prefix="rebound-chaos-"))
    run = Run(seconds, args.seed, workdir)
    try:
        ok = run.run()
    finally:
        run.teardown()
    if ok and not getattr(run, "tracebacks", 0):
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print(f"logs kept in {workdir}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
