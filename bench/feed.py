"""Feed cost: SQL queries per page, and throughput of the feed against a trivial endpoint, side by side.

Run as `python bench/feed.py`. It fills a temporary SQLite database (or --database-url, which must be an
empty, throwaway database) with 10,000 published stories, starts a redis-server and
`gunicorn "community:create_app()"` with 2 workers on free ports, and loads GET /healthz and
GET /api/v1/stories?per_page=20 in alternating rounds with wrk (or a Python load generator when wrk is
missing): the feed as visitors get it (served from the feed cache while nothing changes) and as a signed-in
member gets it: a member of no private group sees what visitors see and shares their cached pages (after
the token lookup and a look-up of their private groups), and members of the same private groups share
pages of their own, cached the same way.
It also loads a signed-in member's home page (GET /, HTML) with the navigation's unread-notifications badge,
next to the same page from a second gunicorn whose app leaves the badge out (`bench/feed_app.py`).
Goals: a feed page built from the database costs at most 4 SQL queries, the visitors' feed serves at
least half the requests per second of /healthz, and the badge costs at most 10% of the home page's throughput.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import free_port, wait_for_port  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event, insert, select  # noqa: E402

from community import create_app  # noqa: E402
from community.accounts import services as accounts  # noqa: E402
from community.accounts.models import User  # noqa: E402
from community.extensions import db  # noqa: E402
from community.feed.cache import forget_cached_feed  # noqa: E402
from community.groups.models import GroupMembership, SupportGroup  # noqa: E402
from community.notifications.services import notify  # noqa: E402
from community.stories.models import CATEGORIES, STAGES, Lesson, Story  # noqa: E402

FEED = "/api/v1/stories?per_page=20"
BASELINE = "/healthz"
QUERY_GOAL = 4
RATIO_GOAL = 0.5
BADGE_GOAL = 0.9  # the home page with the badge serves at least this share of the one without

INDUSTRIES = ["Software", "Healthcare", "Retail", "Finance", "Education", "Logistics", "Marketing", "Design"]
COMPANIES = [None, None, "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Corp"]
LESSON_TEXTS = [
    "Research the team's recent projects before the call, not just the company homepage.",
    "Prepare two stories about conflict and how it ended; I only had one.",
    "Ask what success looks like in the first ninety days.",
    "Send a short thank-you note the same day and mention one thing we discussed.",
    "Bring a printed copy of the portfolio; the screen share failed.",
    "Pause and restate the question before answering; I rushed.",
    "Practice the salary conversation out loud with a friend.",
    "A rejection is information about one process, not a verdict on me.",
]
BODY = (
    "I made it to the **{stage}** stage and it went sideways.\n\nThe interviewer asked about a project I had "
    "not thought about in years, and I rambled. Looking back, the signs were there early: I had not asked "
    "about the format, and I had not rehearsed any stories.\n\n- What went well: the technical part\n"
    "- What did not: everything about *why this company*\n\nNext time I will prepare differently."
)


def wait_for(port: int, path: str, timeout: float = 30.0) -> None:
    """Return once GET `path` answers 200 on the loopback port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"nothing answered on port {port}{path} within {timeout:.0f}s")


def seed(app, stories: int) -> None:
    rng = random.Random(7)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        users = [
            {
                "email": f"bench{n}@example.org",
                "password_hash": "-",
                "display_name": f"Bench {n}",
                "industries": [],
            }
            for n in range(300)
        ]
        user_ids = list(
            db.session.scalars(insert(User).returning(User.id, sort_by_parameter_order=True), users)
        )
        groups = [
            {
                "slug": f"bench-{n}",
                "name": f"Bench group {n}",
                "visibility": "private" if n % 3 == 0 else "public",
            }
            for n in range(6)
        ]
        group_ids = list(
            db.session.scalars(
                insert(SupportGroup).returning(SupportGroup.id, sort_by_parameter_order=True), groups
            )
        )
        start = datetime.now(UTC) - timedelta(days=400)
        rows = []
        for n in range(stories):
            stage = rng.choice(STAGES)
            company = rng.choice(COMPANIES)
            rows.append(
                {
                    "author_id": rng.choice(user_ids),
                    "group_id": rng.choice(group_ids) if rng.random() < 0.15 else None,
                    "title": f"Story {n}: what the {stage.replace('_', ' ')} taught me",
                    "body": BODY.format(stage=stage),
                    "body_html": f"<p>Story {n} at the <strong>{stage}</strong> stage.</p>\n<ul><li>One</li></ul>",
                    "stage": stage,
                    "industry": rng.choice(INDUSTRIES),
                    "company": company,
                    "company_key": "".join(company.split()).lower() if company else None,
                    "pseudonym": "Steady Heron",
                    "status": "published" if rng.random() < 0.97 else "held",
                    "created_at": start + timedelta(minutes=n * 50),
                    "published_at": start + timedelta(minutes=n * 50 + 1),
                    "me_too_count": rng.randint(0, 40),
                    "helpful_count": rng.randint(0, 40),
                    "strength_count": rng.randint(0, 40),
                    "reply_count": rng.randint(0, 8),
                }
            )
        story_ids = []
        for i in range(0, len(rows), 2000):
            story_ids += db.session.scalars(
                insert(Story).returning(Story.id, sort_by_parameter_order=True), rows[i : i + 2000]
            ).all()
        lessons = [
            {
                "story_id": story_id,
                "position": p,
                "category": rng.choice(CATEGORIES),
                "text": rng.choice(LESSON_TEXTS),
                "text_html": None,
            }
            for story_id in story_ids
            for p in range(rng.randint(1, 5))
        ]
        for i in range(0, len(lessons), 5000):
            db.session.execute(insert(Lesson), lessons[i : i + 5000])
        db.session.commit()
        print(f"seeded {len(story_ids):,} stories with {len(lessons):,} lessons")


@contextmanager
def counted_queries(app):
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", count)


def queries_per_page(app) -> dict[str, int]:
    """SQL queries of a feed page built from the database (the feed cache emptied first)."""
    client = app.test_client()
    found = {}
    for path in (FEED, "/"):
        client.get(path)  # compiled statements warmed, as a running server would have them
        with app.app_context():
            forget_cached_feed()
        with counted_queries(app) as statements:
            resp = client.get(path)
        if resp.status_code != 200:
            raise SystemExit(f"GET {path} answered {resp.status_code}")
        found[path] = len(statements)
    return found


def member_token(app, email: str, in_private_group: bool = False) -> str:
    with app.app_context():
        user = accounts.create_account(email, "bench password 1", "Reader", confirmed=True)
        if in_private_group:
            group_id = db.session.scalar(select(SupportGroup.id).where(SupportGroup.visibility == "private"))
            db.session.add(GroupMembership(group_id=group_id, user_id=user.id))
            db.session.commit()
        return accounts.issue_token(user)[0]


def session_cookie(port: int, email: str) -> str:
    """Sign in through the login form as a browser would; the session cookie to send with page requests."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/login")
    resp = conn.getresponse()
    page = resp.read().decode()
    cookies = {
        c.split(";")[0].split("=", 1)[0]: c.split(";")[0] for c in resp.headers.get_all("Set-Cookie") or []
    }
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": "bench password 1"})
    conn.request(
        "POST",
        "/login",
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(cookies.values())},
    )
    resp = conn.getresponse()
    resp.read()
    if resp.status != 302:
        raise SystemExit(f"signing in for the badge measurement answered {resp.status}")
    for c in resp.headers.get_all("Set-Cookie") or []:
        cookies[c.split(";")[0].split("=", 1)[0]] = c.split(";")[0]
    conn.close()
    return "; ".join(cookies.values())


def run_wrk(url: str, seconds: int, connections: int, headers: dict[str, str]) -> float:
    flags = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", *flags, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} responses were not 2xx:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def run_python(url: str, seconds: int, connections: int, headers: dict[str, str]) -> float:
    """A small keep-alive load generator for machines without wrk."""
    host, _, rest = url.removeprefix("http://").partition("/")
    hostname, _, port = host.partition(":")
    path = "/" + rest
    done = [0] * connections
    failures: list[str] = []
    deadline = time.monotonic() + seconds

    def worker(slot: int) -> None:
        conn = http.client.HTTPConnection(hostname, int(port), timeout=10)
        while time.monotonic() < deadline:
            try:
                conn.request("GET", path, headers=headers)
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    failures.append(str(resp.status))
                    return
                done[slot] += 1
                if resp.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(hostname, int(port), timeout=10)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit(f"{url}: answered {failures[0]}")
    return sum(done) / (time.monotonic() - started)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=8, help="length of each measurement")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per endpoint")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--database-url", help="an empty, throwaway database (default: a temporary SQLite file)"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="rebound-bench-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite'}"
    redis_port = free_port()
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    processes: list[subprocess.Popen] = []
    try:
        redis_bin = shutil.which("redis-server")
        if redis_bin is None:
            raise SystemExit("redis-server is needed (GET /healthz pings Redis)")
        processes.append(
            subprocess.Popen(
                [
                    redis_bin,
                    "--port",
                    str(redis_port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                cwd=workdir,
                stdout=subprocess.DEVNULL,
            )
        )
        wait_for_port(redis_port, "redis-server")
        config = {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "REDIS_URL": redis_url,
            "RATELIMIT_STORAGE_URI": redis_url,
            "RATELIMIT_ENABLED": False,
            "SECRET_KEY": "bench",
        }
        app = create_app(config)
        seed(app, args.stories)
        queries = queries_per_page(app)

        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "RATELIMIT_ENABLED": "false",
            "SECRET_KEY": "bench",
        }
        processes.append(
            subprocess.Popen(
                [
                    sys.executable, "-m", "gunicorn", "community:create_app()",
                    "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
                ],
                cwd=ROOT,
                env=env,
            )
        )  # fmt: skip
        wait_for(port, BASELINE)
        wait_for(port, FEED)
        plain_port = free_port()
        processes.append(
            subprocess.Popen(
                [
                    sys.executable, "-m", "gunicorn", "feed_app:without_badge()", "--pythonpath", "bench",
                    "--workers", str(args.workers), "--bind", f"127.0.0.1:{plain_port}", "--log-level", "warning",
                ],
                cwd=ROOT,
                env=env,
            )
        )  # fmt: skip
        wait_for(plain_port, BASELINE)

        load = run_wrk if shutil.which("wrk") else run_python
        tool = "wrk" if load is run_wrk else "a Python load generator"
        base = f"http://127.0.0.1:{port}"
        member = {"Authorization": f"Bearer {member_token(app, 'reader@example.org')}"}
        insider = {
            "Authorization": f"Bearer {member_token(app, 'insider@example.org', in_private_group=True)}"
        }
        member_token(app, "pages@example.org")
        with app.app_context():
            # Something unread, so the badge has a number to show.
            notify(db.session.scalar(select(User.id).where(User.email == "pages@example.org")), "reply", "Hi")
            db.session.commit()
        badge = {"Cookie": session_cookie(port, "pages@example.org")}
        plain = {"Cookie": session_cookie(plain_port, "pages@example.org")}
        plain_base = f"http://127.0.0.1:{plain_port}"
        home = "/"
        runs = {
            f"GET {BASELINE}": (base, BASELINE, {}),
            f"GET {FEED} (visitor)": (base, FEED, {}),
            f"GET {FEED} (member)": (base, FEED, member),
            f"GET {FEED} (member of a private group)": (base, FEED, insider),
            f"GET {home} page, signed in, with the badge": (base, home, badge),
            f"GET {home} page, signed in, without the badge": (plain_base, home, plain),
        }
        for root, path, headers in runs.values():  # warm-up of both workers
            load(root + path, 2, args.connections, headers)
        results: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, (root, path, headers) in runs.items():
                results[name].append(load(root + path, args.seconds, args.connections, headers))

        rps = {name: statistics.median(values) for name, values in results.items()}
        baseline = rps[f"GET {BASELINE}"]
        print(
            f"gunicorn, {args.workers} workers, {args.connections} connections, {tool}, "
            f"{args.rounds} alternating rounds of {args.seconds}s, medians:"
        )
        for name, value in rps.items():
            print(f"  {name:<62} {value:8.0f} req/s   {value / baseline:5.2f} x /healthz")
        ratio = rps[f"GET {FEED} (visitor)"] / baseline
        print(f"  ratio visitor feed / trivial: {ratio:.2f} (goal >= {RATIO_GOAL})")
        badge_ratio = (
            rps[f"GET {home} page, signed in, with the badge"]
            / rps[f"GET {home} page, signed in, without the badge"]
        )
        print(f"  ratio home page with the badge / without: {badge_ratio:.2f} (goal >= {BADGE_GOAL})")
        for path, n in queries.items():
            print(f"  SQL queries per page of GET {path} built from the database: {n} (goal <= {QUERY_GOAL})")
        ok = (
            ratio >= RATIO_GOAL
            and badge_ratio >= BADGE_GOAL
            and all(n <= QUERY_GOAL for n in queries.values())
        )
        print("goals met" if ok else "GOALS NOT MET")
        return 0 if ok else 1
    finally:
        for proc in reversed(processes):
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
