"""The whole product under load: gunicorn and the worker on PostgreSQL and Redis, 64 busy clients.

Run as `python bench/load.py`. It starts a throwaway PostgreSQL cluster (fsync off), redis-server and an
SMTP sink on free ports, migrates (`flask --app community db upgrade`), seeds 2,000 published stories (a
third of them with a few replies) and 200 members with API tokens, then runs the README's production
command `gunicorn "community:create_app()"` (2 workers per core) and `python -m worker`. For 30 s, wrk
(Debian's package) keeps 64 connections busy, each sending its next request as soon as the last one is
answered, with a Lua script that picks each request:
the feed (GET /api/v1/stories, 20% as a visitor and 10% as a member), the home page / (25%), story pages
/stories/<id> (40%) and new stories (POST /api/v1/stories, 5%). Rate limits are off (RATELIMIT_ENABLED=false).

Printed: requests/s, latency percentiles, the error count (any answer but 2xx or 3xx, and any socket error
or timeout), the share of each kind of request, the CPU each part (gunicorn, PostgreSQL, the worker, Redis,
wrk) spent per request, and how long the worker took, after the load stopped, to moderate every story
posted during it. Goals: 0 errors, p99 < 250 ms. Everything it started is stopped at
the end.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import free_port, smtp_sink_command, wait_for_port  # noqa: E402
from sqlalchemy import create_engine, insert, select, text  # noqa: E402
from sqlalchemy.pool import NullPool  # noqa: E402

P99_GOAL_MS = 250
CONNECTIONS_SETTLE = 5  # seconds
INDUSTRIES = ["Software", "Healthcare", "Retail", "Finance", "Education", "Logistics", "Marketing", "Design"]
LESSONS = [
    ("preparation", "Research the team's recent projects before the call, not just the homepage."),
    ("answers", "Pause and restate the question before answering; I rushed."),
    ("questions_asked", "Ask what success looks like in the first ninety days."),
    ("follow_up", "Send a short thank-you note the same day and mention one thing we discussed."),
    ("mindset", "A rejection is information about one process, not a verdict on me."),
]
BODY = (
    "I made it to the **{stage}** stage and it went sideways.\n\nThe interviewer asked about a project I "
    "had not thought about in years, and I rambled. Looking back, the signs were there early: I had not "
    "asked about the format, and I had not rehearsed any stories.\n\n- What went well: the technical part\n"
    "- What did not: everything about *why this company*\n\nNext time I will prepare differently."
)
REPLY = "Thank you for writing this. The same happened to me last spring, and the next one went better."
STAGES = ["application", "recruiter_screen", "technical", "hiring_manager", "onsite", "final_round", "other"]


# --- the processes ----------------------------------------------------------------------------------------


class Stack:
    """PostgreSQL, Redis, an SMTP sink, gunicorn and the worker, each stopped by `close`."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.procs: list[tuple[str, subprocess.Popen]] = []
        self.pg_bin: Path | None = None
        self.pg_data = workdir / "pg"
        self.as_postgres: list[str] = []
        self.env: dict[str, str] = {}

    def spawn(self, name: str, args: list[str], **kwargs) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "wb")  # noqa: SIM115 (the child keeps it)
        proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **kwargs)
        log.close()
        self.procs.append((name, proc))
        return proc

    def start_postgres(self, data: Path | None = None, settings: str = "") -> str:
        """A cluster in the work directory, or in `data` (kept between runs: created there only once)."""
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        initdb = Path(found[-1]) if found else Path(shutil.which("initdb") or "initdb")
        if not initdb.exists():
            raise SystemExit("PostgreSQL is needed: apt-get install postgresql")
        self.pg_bin = initdb.parent
        if os.geteuid() == 0:
            # initdb refuses to run as root: the cluster belongs to the postgres user.
            shutil.chown(self.workdir, "postgres")
            self.as_postgres = ["runuser", "-u", "postgres", "--"]
        if data is not None:
            self.pg_data = data
            if os.geteuid() == 0:
                data.parent.mkdir(parents=True, exist_ok=True)
                shutil.chown(data.parent, "postgres")
        port = free_port()
        if not (self.pg_data / "PG_VERSION").exists():
            subprocess.run(
                [*self.as_postgres, str(initdb), "-D", str(self.pg_data), "-U", "postgres", "--auth=trust"]
                + ["-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                check=True,
                capture_output=True,
                cwd=self.workdir,
            )
        options = (
            f"-p {port} -k {self.workdir} -c listen_addresses=127.0.0.1 -c max_connections=200 "
            f"-c fsync=off -c full_page_writes=off -c synchronous_commit=off {settings}"
        )
        subprocess.run(
            [*self.as_postgres, str(self.pg_bin / "pg_ctl"), "-D", str(self.pg_data)]
            + ["-l", str(self.workdir / "postgres.log"), "-w", "-o", options, "start"],
            check=True,
            capture_output=True,
            cwd=self.workdir,
        )
        return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"

    def start_redis(self) -> str:
        binary = shutil.which("redis-server")
        if binary is None:
            raise SystemExit("redis-server is needed: apt-get install redis-server")
        port = free_port()
        self.spawn(
            "redis",
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.workdir,
        )
        wait_for_port(port, "redis-server")
        return f"redis://127.0.0.1:{port}/0"

    def start_smtp_sink(self) -> int:
        port = free_port()
        self.spawn("smtp", smtp_sink_command(port))
        wait_for_port(port, "the SMTP sink")
        return port

    def start_gunicorn(self, workers: int) -> int:
        port = free_port()
        self.spawn(
            "gunicorn",
            [sys.executable, "-m", "gunicorn", "community:create_app()"]
            + ["--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT,
            env=self.env,
        )
        wait_for_port(port, "gunicorn")
        return port

    def start_worker(self) -> None:
        self.spawn("worker", [sys.executable, "-m", "worker"], cwd=ROOT, env=self.env)

    def roots(self) -> dict[int, str]:
        """The process each part of the product runs under (its workers and backends are its descendants)."""
        roots = {proc.pid: name for name, proc in self.procs if name in ("gunicorn", "worker", "redis")}
        pidfile = self.pg_data / "postmaster.pid"
        if pidfile.exists():
            roots[int(pidfile.read_text().split()[0])] = "postgres"
        return roots

    def close(self) -> None:
        for name, proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    print(f"{name} did not stop in time; killed")
                    os.killpg(proc.pid, 9)
                    proc.wait(5)
        if self.pg_bin is not None and self.pg_data.exists():
            subprocess.run(
                [
                    *self.as_postgres,
                    str(self.pg_bin / "pg_ctl"),
                    "-D",
                    str(self.pg_data),
                    "-m",
                    "fast",
                    "stop",
                ],
                capture_output=True,
                cwd=self.workdir,
            )


# --- the data ---------------------------------------------------------------------------------------------


def seed(stories: int, members: int) -> tuple[list[int], list[str], int]:
    """Published stories (with lessons, a third with replies) and members with API tokens; (story ids,
    tokens, how many replies)."""
    from community import create_app
    from community.accounts.models import User
    from community.accounts.services import issue_token
    from community.extensions import db
    from community.moderation.keyword_rules import install_defaults
    from community.stories.models import Lesson, Reply, Story

    rng = random.Random(11)
    app = create_app()
    with app.app_context():
        install_defaults()
        users = [
            {"email": f"member{n}@example.org", "password_hash": "-", "display_name": f"Member {n}"}
            for n in range(members)
        ]
        user_ids = list(
            db.session.scalars(insert(User).returning(User.id, sort_by_parameter_order=True), users)
        )
        start = datetime.now(UTC) - timedelta(days=200)
        rows, reply_counts = [], []
        for n in range(stories):
            stage = rng.choice(STAGES)
            at = start + timedelta(minutes=n * 140)
            # A third of the stories have a few replies.
            reply_counts.append(rng.randint(1, 4) if rng.random() < 1 / 3 else 0)
            rows.append(
                {
                    "author_id": rng.choice(user_ids),
                    "title": f"Story {n}: what the {stage.replace('_', ' ')} taught me",
                    "body": BODY.format(stage=stage),
                    "body_html": f"<p>Story {n} at the <strong>{stage}</strong> stage.</p>",
                    "stage": stage,
                    "industry": rng.choice(INDUSTRIES),
                    "pseudonym": "Steady Heron",
                    "status": "published",
                    "created_at": at,
                    "published_at": at,
                    "me_too_count": rng.randint(0, 40),
                    "helpful_count": rng.randint(0, 40),
                    "strength_count": rng.randint(0, 40),
                    "reply_count": reply_counts[-1],
                }
            )
        story_ids = list(
            db.session.scalars(insert(Story).returning(Story.id, sort_by_parameter_order=True), rows)
        )
        lessons = [
            {"story_id": story_id, "position": p, "category": c, "text": t, "text_html": f"<p>{t}</p>"}
            for story_id in story_ids
            for p, (c, t) in enumerate(rng.sample(LESSONS, rng.randint(1, 3)))
        ]
        db.session.execute(insert(Lesson), lessons)
        replies = [
            {
                "story_id": story_id,
                "author_id": rng.choice(user_ids),
                "body": REPLY,
                "body_html": f"<p>{REPLY}</p>",
                "pseudonym": "Quiet Lantern",
                "status": "published",
                "created_at": start + timedelta(minutes=n * 140 + 30 + r),
                "published_at": start + timedelta(minutes=n * 140 + 30 + r),
            }
            for n, (story_id, count) in enumerate(zip(story_ids, reply_counts, strict=True))
            for r in range(count)
        ]
        db.session.execute(insert(Reply), replies)
        db.session.commit()
        # What autovacuum does to a live database within a minute of such a bulk load (planner statistics,
        # the visibility map): without statistics PostgreSQL sorts every story for each feed page.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        tokens = [issue_token(user)[0] for user in db.session.scalars(select(User).order_by(User.id))]
        db.engine.dispose()
    return story_ids, tokens, len(replies)


# --- the load ---------------------------------------------------------------------------------------------

# wrk calls `request` for every request; `response` sees each answer. Each thread keeps its own counts, which
# `done` adds up (wrk hands threads' values over with get/set) and writes as JSON for this script to read.
WRK_SCRIPT = """
local params = %(params)s
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(seed * 7919)
  kinds = {}
end

local function pick(list) return list[math.random(#list)] end

local function member() return {["Authorization"] = "Bearer " .. pick(params.tokens)} end

local function count(kind) kinds[kind] = (kinds[kind] or 0) + 1 end

function request()
  local roll = math.random()
  if roll < 0.20 then
    count("feed api (visitor)")
    return wrk.format("GET", "/api/v1/stories?page=" .. math.random(1, 5))
  elseif roll < 0.30 then
    count("feed api (member)")
    return wrk.format("GET", "/api/v1/stories?page=" .. math.random(1, 5), member())
  elseif roll < 0.55 then
    count("home page")
    return wrk.format("GET", "/?page=" .. math.random(1, 3))
  elseif roll < 0.95 then
    count("story page")
    return wrk.format("GET", "/stories/" .. pick(params.story_ids))
  end
  count("post story")
  local headers = member()
  headers["Content-Type"] = "application/json"
  return wrk.format("POST", "/api/v1/stories", headers, pick(params.bodies))
end

function response(status, headers, body)
  if status >= 400 then
    statuses = statuses or {}
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local kinds, statuses = {}, {}
  for _, thread in ipairs(threads) do
    for kind, n in pairs(thread:get("kinds") or {}) do kinds[kind] = (kinds[kind] or 0) + n end
    for status, n in pairs(thread:get("statuses") or {}) do
      statuses[tostring(status)] = (statuses[tostring(status)] or 0) + n
    end
  end
  local function object(t)
    local parts = {}
    for k, v in pairs(t) do table.insert(parts, string.format("%%q: %%d", k, v)) end
    return "{" .. table.concat(parts, ", ") .. "}"
  end
  local e = summary.errors
  local out = io.open(params.report, "w")
  out:write(string.format(
    '{"requests": %%d, "duration_us": %%d, "p50": %%d, "p90": %%d, "p99": %%d, "max": %%d, "mean": %%f, '
      .. '"connect": %%d, "read": %%d, "write": %%d, "timeout": %%d, "status": %%d, '
      .. '"kinds": %%s, "statuses": %%s}',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, e.connect, e.read, e.write, e.timeout, e.status,
    object(kinds), object(statuses)))
  out:close()
end
"""


def lua_value(value) -> str:
    """A Lua literal for lists, dicts, strings and numbers."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{lua_value(k)}] = {lua_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "{" + ", ".join(lua_value(v) for v in value) + "}"
    if isinstance(value, str):
        # Printable ASCII as is; every other byte of the UTF-8 as a decimal escape, which Lua 5.1 reads.
        return (
            '"'
            + "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\{b:03d}" for b in value.encode())
            + '"'
        )
    return str(value)


def story_bodies(count: int) -> list[str]:
    rng = random.Random(5)
    return [
        json.dumps(
            {
                "title": f"Load test story {n}",
                "body": BODY.format(stage="onsite"),
                "lessons": [{"category": c, "text": t} for c, t in rng.sample(LESSONS, 2)],
                "stage": rng.choice(STAGES),
                "industry": rng.choice(INDUSTRIES),
            }
        )
        for n in range(count)
    ]


def run_wrk(port: int, clients: int, seconds: float, params: dict, workdir: Path) -> dict:
    """wrk with the request mix above; its report (latencies in microseconds)."""
    binary = shutil.which("wrk")
    if binary is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    report = workdir / "wrk.json"
    script = workdir / "mix.lua"
    script.write_text(WRK_SCRIPT % {"params": lua_value({**params, "report": str(report)})})
    subprocess.run(
        [binary, "--threads", "2", "--connections", str(clients), "--duration", f"{seconds:.0f}s"]
        + ["--timeout", "30s", "--script", str(script), f"http://127.0.0.1:{port}"],
        check=True,
        capture_output=True,
    )
    return json.loads(report.read_text())


def cpu_by_part(roots: dict[int, str]) -> dict[str, float]:
    """CPU seconds used so far by each part: the root process, its live descendants and those it reaped."""
    parents, used = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue  # gone meanwhile
            fields = stat.rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            used[int(entry)] = sum(int(ticks) for ticks in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    totals = dict.fromkeys(roots.values(), 0.0)
    for pid, seconds in used.items():
        ancestor, hops = pid, 0
        while ancestor not in roots and ancestor in parents and hops < 64:
            ancestor, hops = parents[ancestor], hops + 1
        if ancestor in roots:
            totals[roots[ancestor]] += seconds
    return totals


def machine_ticks() -> list[int]:
    """The machine's CPU time so far, in ticks: user, nice, system, idle, iowait, irq, softirq, steal."""
    with open("/proc/stat") as stat:
        return [int(ticks) for ticks in stat.readline().split()[1:9]]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(run: dict) -> tuple[int, float]:
    elapsed = run["duration_us"] / 1e6
    p99 = run["p99"] / 1000
    errors = sum(run[what] for what in ("connect", "read", "write", "timeout", "status"))
    print(
        f"requests    : {run['requests']:,} in {elapsed:.1f} s = {run['requests'] / elapsed:,.0f} requests/s"
    )
    print(
        f"latency     : p50 {run['p50'] / 1000:.0f} ms, p90 {run['p90'] / 1000:.0f} ms, p99 {p99:.0f} ms, "
        f"max {run['max'] / 1000:.0f} ms, mean {run['mean'] / 1000:.0f} ms "
        f"(goal p99 < {P99_GOAL_MS} ms: {'ok' if p99 < P99_GOAL_MS else 'MISSED'})"
    )
    sent = sum(run["kinds"].values())
    print("mix         : " + ", ".join(f"{kind} {n / sent:.0%}" for kind, n in sorted(run["kinds"].items())))
    print(f"errors      : {errors} (goal 0: {'ok' if errors == 0 else 'MISSED'})")
    for what in ("connect", "read", "write", "timeout"):
        if run[what]:
            print(f"  socket {what} errors: {run[what]}")
    for status, n in sorted(run["statuses"].items()):
        print(f"  HTTP {status}: {n}")
    return errors, p99


def drain_time(database_url: str, since: datetime, timeout: float = 300) -> tuple[float, int, list[float]]:
    """Seconds until no story posted during the load waits for moderation, how many waited when it
    stopped, and for each story posted since `since` the seconds from posting to its moderation decision."""
    engine = create_engine(database_url, poolclass=NullPool)
    pending = text("SELECT COUNT(*) FROM story WHERE status = 'pending'")
    started = time.perf_counter()
    with engine.connect() as conn:
        waiting = conn.execute(pending).scalar_one()
    left = waiting
    while left and time.perf_counter() - started < timeout:
        time.sleep(0.05)
        with engine.connect() as conn:
            left = conn.execute(pending).scalar_one()
    drained = time.perf_counter() - started
    if left:
        raise SystemExit(f"{left} posted stories still waited for moderation after {timeout:.0f} s")
    with engine.connect() as conn:
        delays = [
            (decided - created).total_seconds()
            for created, decided in conn.execute(
                text(
                    "SELECT story.created_at, moderation_decision.created_at FROM story "
                    "JOIN moderation_decision ON moderation_decision.kind = 'story' "
                    "AND moderation_decision.target_id = story.id WHERE story.created_at >= :since"
                ),
                {"since": since},
            )
        ]
    engine.dispose()
    return drained, waiting, delays


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=10, help="seconds of load before measuring")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn workers")
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--members", type=int, default=200)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="rebound-load-"))
    stack = Stack(workdir)
    try:
        database_url = stack.start_postgres()
        redis_url = stack.start_redis()
        smtp_port = stack.start_smtp_sink()
        # Read by this process (to seed) and by every process it starts.
        os.environ.update(
            {
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "MAIL_SERVER": "127.0.0.1",
                "MAIL_PORT": str(smtp_port),
                "RATELIMIT_ENABLED": "false",
                "SECRET_KEY": "load-bench",
            }
        )
        stack.env = dict(os.environ)
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "community", "db", "upgrade"],
            cwd=ROOT,
            env=stack.env,
            check=True,
            capture_output=True,
        )
        started = time.perf_counter()
        story_ids, tokens, replies = seed(args.stories, args.members)
        print(
            f"data        : {len(story_ids):,} published stories ({replies:,} replies), "
            f"{len(tokens)} members with tokens ({time.perf_counter() - started:.1f} s to seed)"
        )
        port = stack.start_gunicorn(args.workers)
        stack.start_worker()
        print(
            f"setup       : gunicorn -w {args.workers} ({os.cpu_count()} cores) and the worker, on "
            f"PostgreSQL and Redis; {args.clients} clients for {args.seconds:.0f} s after "
            f"{args.warmup:.0f} s of warm-up"
        )
        params = {"tokens": tokens, "story_ids": story_ids, "bodies": story_bodies(50)}
        run_wrk(port, args.clients, args.warmup, params, workdir)
        # The warm-up's clients stop mid-request: let the server answer and close what they left behind, or
        # the measured run's first connections can meet those closing ones (same ports) and wait seconds.
        time.sleep(CONNECTIONS_SETTLE)
        since = datetime.now(UTC)
        cpu_before, parts_before, ticks_before = os.times(), cpu_by_part(stack.roots()), machine_ticks()
        run = run_wrk(port, args.clients, args.seconds, params, workdir)
        cpu, parts, ticks = os.times(), cpu_by_part(stack.roots()), machine_ticks()
        errors, p99 = report(run)
        # The load generator runs on the same cores as the product; what it takes, the product cannot use.
        client_cpu = (cpu.children_user - cpu_before.children_user) + (
            cpu.children_system - cpu_before.children_system
        )
        print(f"wrk's CPU   : {client_cpu:.1f} s, {client_cpu / (run['duration_us'] / 1e6):.0%} of one core")
        # Where the machine's time goes, per request served; the parts share the same cores.
        spent = {
            name: (parts[name] - parts_before.get(name, 0.0)) * 1000 / run["requests"]
            for name in ("gunicorn", "postgres", "worker", "redis")
            if name in parts
        }
        spent["wrk"] = client_cpu * 1000 / run["requests"]
        print(
            "CPU/request : "
            + ", ".join(f"{name} {ms:.2f} ms" for name, ms in spent.items())
            + f" ({sum(spent.values()):.2f} ms in all, on {os.cpu_count()} cores)"
        )
        # On a virtual machine, time the hypervisor gives to other guests (steal) is time this run could not
        # use: the same code serves fewer requests when the host is busy.
        used = [after - before for before, after in zip(ticks_before, ticks, strict=True)]
        print(
            f"machine     : cores busy {1 - (used[3] + used[4]) / sum(used):.0%} of the time, "
            f"{used[7] / sum(used):.1%} of it given to other guests (steal)"
        )
        drained, waiting, delays = drain_time(database_url, since)
        print(
            f"worker      : {len(delays)} stories posted; {waiting} still waited when the load stopped, "
            f"all moderated {drained:.1f} s later"
        )
        if delays:
            print(
                f"  posting to moderation decision: p50 {percentile(delays, 0.5) * 1000:.0f} ms, "
                f"max {max(delays) * 1000:.0f} ms"
            )
        ok = errors == 0 and p99 < P99_GOAL_MS
        print("goals met" if ok else "GOALS NOT MET")
        return 0 if ok else 1
    finally:
        stack.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
