"""Every page at a small and a large size: is a page as fast at a million stories as at ten thousand?

Run as `python bench/scale.py [--stories 100000]`. It seeds two PostgreSQL databases side by side, 10,000
stories and `--stories` (give 1000000 for the full figure), each with 3 lessons a story, a member per ten
stories, a group per thousand (a tenth of them private), replies on a third of the stories and a few
reactions on most. The data is written with COPY in blocks of 100,000 stories, each block committed with a
note of its progress: a seeding that was stopped resumes where it stopped, and a seeded database is kept for
the next run (in `--data`, by default /var/tmp/rebound-scale; `--fresh` starts over).

For each size in turn it runs the README's production command, `gunicorn "community:create_app()"`, with
Redis, and measures each kind of request on its own: wrk keeps 16 connections busy (a closed loop: each
client sends its next request when the last is answered) for `--seconds`, after a short warm-up. Printed:
p50 and p99 per kind at both sizes, and each kind's p99 at the large size divided by its p99 at the small
one. Goals: that ratio <= 1.5 for every kind, and p99 <= 100 ms at the large size.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from load import Stack, lua_value  # noqa: E402

from community.stories.models import CATEGORIES, STAGES  # noqa: E402

SMALL = 10_000
BLOCK = 100_000
RATIO_GOAL = 1.5
P99_GOAL_MS = 100
INDUSTRIES = [
    "Software", "Healthcare", "Retail", "Finance", "Education", "Logistics", "Marketing", "Design",
    "Nonprofit", "Government", "Media", "Hospitality", "Manufacturing", "Legal", "Energy", "Consulting",
    "Biotech", "Gaming", "Real estate", "Telecom",
]  # fmt: skip
SENTENCES = [
    "The interview started late and I never quite found my footing.",
    "I had prepared for behavioural questions but the panel went deep on system design.",
    "The recruiter was warm, and the hiring manager seemed distracted the whole time.",
    "They asked for a take-home exercise that took most of a weekend.",
    "I rambled when they asked why I wanted this job in particular.",
    "The final round was five interviews back to back with no break.",
    "My references were never called, which told me the decision was made earlier.",
    "I froze on a question about a conflict with a former manager.",
    "The feedback, when it came, was one line about culture fit.",
    "Looking back, I spent too long on the small talk and too little on the role itself.",
    "I asked good questions about the team, and they seemed to like that.",
    "The salary conversation came up in the first call and I was not ready for it.",
    "Two weeks of silence, then a templated email on a Friday evening.",
    "I practised with a friend the night before, which helped with my nerves.",
    "The whiteboard problem was one I had solved before, and still I stumbled.",
    "They wanted someone with more leadership experience, they said.",
    "I forgot to send a thank-you note until three days later.",
    "My portfolio did not show the kind of work this company does.",
    "The interviewer kept checking the time, and I sped up to match.",
    "I was honest about what I did not know, and I would do that again.",
]
LESSON_TEXTS = {
    "preparation": "Research the team's recent projects before the call, not just the homepage.",
    "first_impression": "Open with a short story of why this role, rehearsed out loud.",
    "answers": "Pause and restate the question before answering.",
    "enthusiasm": "Say plainly that I want the job; they cannot guess it.",
    "questions_asked": "Ask what success looks like in the first ninety days.",
    "materials": "Tailor the resume to the posting, line by line.",
    "follow_up": "Send a thank-you note the same day and mention one thing we discussed.",
    "skills": "Practise the take-home format under a timer.",
    "mindset": "A rejection is information about one process, not a verdict on me.",
    "other": "Keep a list of every interview and what each one taught me.",
}
RARE = "sourdough starter"
RARE_EVERY = 4999  # one story in this many mentions this phrase
# A phrase found in the same number of stories at every size: what a rare search costs should not depend on
# how many results it has to show.
RARE_FIXED = "lighthouse keeper"
RARE_FIXED_COUNT = 25


def cache_dir() -> Path:
    """Kept between runs and reboots, and readable by the postgres user a root run hands the cluster to."""
    return Path(os.environ.get("REBOUND_SCALE_DATA", "/var/tmp/rebound-scale"))


# --- seeding ----------------------------------------------------------------------------------------------


def _copy(cur, table: str, columns: list[str], rows) -> None:
    with cur.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def _when(n: int, stories: int, now: datetime) -> datetime:
    """Stories spread over three years, the newest an hour ago, in id order."""
    return now - timedelta(hours=1) - timedelta(seconds=(stories - n) * (3 * 365 * 86400 / stories))


def _people(cur, members: int, groups: int, now: datetime, rng: random.Random) -> None:
    _copy(
        cur,
        "user",
        ["id", "email", "password_hash", "display_name", "role", "digest", "industries", "created_at"]
        + ["email_confirmed_at"],
        (
            (u, f"member{u}@example.org", "-", f"Member {u}", "member", "weekly")
            + (json.dumps([INDUSTRIES[u % len(INDUSTRIES)]]), now - timedelta(days=1200), now)
            for u in range(1, members + 1)
        ),
    )
    _copy(
        cur,
        "support_group",
        ["id", "slug", "name", "description", "description_html", "visibility", "created_at"],
        (
            (g, f"group-{g}", f"Group {g}", "Stories and support.", "<p>Stories and support.</p>")
            + ("private" if g % 10 == 0 else "public", now - timedelta(days=1200))
            for g in range(1, groups + 1)
        ),
    )
    # Each member belongs to two groups on average.
    memberships = {(rng.randint(1, groups), u) for u in range(1, members + 1) for _ in range(2)}
    _copy(
        cur,
        "group_membership",
        ["group_id", "user_id", "created_at"],
        ((g, u, now - timedelta(days=1000)) for g, u in sorted(memberships)),
    )


def _block(cur, block: int, stories: int, members: int, groups: int, now: datetime) -> None:
    rng = random.Random(block)
    first, last = block * BLOCK + 1, min(stories, (block + 1) * BLOCK)
    rows, lessons, replies, reactions = [], [], [], []
    for n in range(first, last + 1):
        at = _when(n, stories, now)
        roll = rng.random()
        status = "published" if roll < 0.97 else ("pending" if roll < 0.99 else "held")
        stage, industry = rng.choice(STAGES), rng.choice(INDUSTRIES)
        body = " ".join(rng.sample(SENTENCES, 4))
        if n % RARE_EVERY == 0:
            body += f" I baked bread from my {RARE} to calm down afterwards."
        kinds = [rng.randint(0, 3) if rng.random() < 0.7 else 0 for _ in range(3)]
        reply_count = rng.randint(1, 4) if rng.random() < 1 / 3 else 0
        for k, count in enumerate(kinds):
            for who in rng.sample(range(1, members + 1), count):
                reactions.append((n, who, ("me_too", "helpful", "strength")[k], at + timedelta(minutes=5)))
        for r in range(reply_count if status == "published" else 0):
            text = "Thank you for writing this. The same happened to me, and the next one went better."
            replies.append(
                (n, rng.randint(1, members), text, f"<p>{text}</p>", "Quiet Lantern", "published", False)
                + (at + timedelta(minutes=30 + r), at + timedelta(minutes=31 + r))
            )
        rows.append(
            (n, rng.randint(1, members), rng.randint(1, groups) if rng.random() < 0.2 else None)
            + (f"What the {stage.replace('_', ' ')} at a {industry.lower()} company taught me", body)
            + (f"<p>{body}</p>", stage, industry, "Steady Heron", status, False, at, at)
            + (*kinds, reply_count if status == "published" else 0, False, "[]")
        )
        for p, category in enumerate(rng.sample(CATEGORIES, 3)):
            text = LESSON_TEXTS[category]
            lessons.append((n, p, category, text, f"<p>{text}</p>"))
    _copy(
        cur,
        "story",
        ["id", "author_id", "group_id", "title", "body", "body_html", "stage", "industry", "pseudonym"]
        + ["status", "show_resources", "created_at", "published_at", "me_too_count", "helpful_count"]
        + ["strength_count", "reply_count", "share_company", "content_notes"],
        rows,
    )
    _copy(cur, "lesson", ["story_id", "position", "category", "text", "text_html"], lessons)
    _copy(
        cur,
        "reply",
        ["story_id", "author_id", "body", "body_html", "pseudonym", "status", "show_resources"]
        + ["created_at", "published_at"],
        replies,
    )
    _copy(cur, "reaction", ["story_id", "user_id", "kind", "created_at"], reactions)


def seed(url: str, stories: int) -> None:
    """Seed the database at `url` up to `stories`, resuming after the last block committed."""
    import psycopg

    members, groups = max(100, stories // 10), max(10, stories // 1000)
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_seeded (step text PRIMARY KEY, at timestamptz)")
        conn.commit()
        done = {step for (step,) in conn.execute("SELECT step FROM bench_seeded")}
        steps = ["people"] + [f"block {b}" for b in range(-(-stories // BLOCK))] + ["search", "tallies"]
        steps.append("rare phrase")
        for step in steps:
            if step in done:
                continue
            started = time.perf_counter()
            with conn.transaction(), conn.cursor() as cur:
                # The index, tallies and foreign keys are built once at the end, not row by row.
                if step == "rare phrase":
                    # Through the triggers, as an edit: the index and the tallies follow.
                    spaced = [1 + n * (stories // RARE_FIXED_COUNT) for n in range(RARE_FIXED_COUNT)]
                    cur.execute(
                        "UPDATE story SET body = body || %s WHERE id = ANY(%s)",
                        (f" My uncle was a {RARE_FIXED} and told me to keep going.", spaced),
                    )
                else:
                    cur.execute("SET LOCAL session_replication_role = replica")
                if step == "people":
                    _people(cur, members, groups, now, random.Random(0))
                elif step.startswith("block"):
                    _block(cur, int(step.split()[1]), stories, members, groups, now)
                elif step == "search":
                    cur.execute("DELETE FROM search_story")
                    cur.execute(
                        "INSERT INTO search_story (story_id, document) "
                        "SELECT id, search_story_document(id) FROM story WHERE status = 'published'"
                    )
                elif step == "tallies":
                    rebuild_tallies(cur)
                cur.execute("INSERT INTO bench_seeded VALUES (%s, now())", (step,))
            print(f"  seeded {step} in {time.perf_counter() - started:.0f} s", flush=True)
        for table in ("user", "support_group", "group_membership", "story", "lesson", "reply", "reaction"):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'(SELECT coalesce(max(id), 1) FROM "{table}"))'
            )
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")


def rebuild_tallies(cur) -> None:
    """The counts the database keeps as rows change, recounted once for the bulk-loaded rows."""
    from community.stories import tallies

    for statement in tallies.REBUILD:
        cur.execute(statement)


# --- measuring --------------------------------------------------------------------------------------------

WRK_SCRIPT = """
local paths = %(paths)s
local tokens = %(tokens)s
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end
function init(args) math.randomseed(seed * 7919) end
function request()
  local headers = {}
  if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] end
  return wrk.format("GET", paths[math.random(#paths)], headers)
end
function done(summary, latency, requests)
  local e = summary.errors
  local out = io.open(%(report)s, "w")
  out:write(string.format('{"requests": %%d, "p50": %%d, "p99": %%d, "errors": %%d}', summary.requests,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout + e.status))
  out:close()
end
"""


def run_kind(port: int, paths: list[str], tokens: list[str], clients: int, seconds: float, work: Path):
    report = work / "kind.json"
    script = work / "kind.lua"
    values = {"paths": lua_value(paths), "tokens": lua_value(tokens), "report": lua_value(str(report))}
    script.write_text(WRK_SCRIPT % values)
    subprocess.run(
        ["wrk", "--threads", "2", "--connections", str(clients), "--duration", f"{seconds:.0f}s"]
        + ["--timeout", "30s", "--script", str(script), f"http://127.0.0.1:{port}"],
        check=True,
        capture_output=True,
    )
    return json.loads(report.read_text())


def requests_for(url: str, stories: int) -> dict[str, tuple[list[str], list[str]]]:
    """Each kind of request: the paths to pick from, and the API tokens to pick from (none: a visitor)."""
    import psycopg

    rng = random.Random(3)
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as conn:
        visible = [
            story_id
            for (story_id,) in conn.execute(
                "SELECT id FROM story WHERE status = 'published' AND group_id IS NULL "
                "ORDER BY random() LIMIT 500"
            )
        ]
        slugs = [s for (s,) in conn.execute("SELECT slug FROM support_group WHERE visibility = 'public'")]
        members = [u for (u,) in conn.execute('SELECT id FROM "user" ORDER BY random() LIMIT 200')]
        conn.execute("DELETE FROM api_token")
        tokens = []
        for user_id in members:
            token = f"scale-{user_id}-{rng.random()}"
            tokens.append(token)
            conn.execute(
                "INSERT INTO api_token (user_id, token_hash, created_at, expires_at) "
                "VALUES (%s, %s, now(), now() + interval '1 day') ON CONFLICT (token_hash) DO NOTHING",
                (user_id, hashlib.sha256(token.encode()).hexdigest()),
            )
    pairs = [f"/?industry={i}&stage={s}" for i in INDUSTRIES[:5] for s in STAGES[:4]]
    return {
        "feed page 1": (["/"], []),
        "feed page 500": (["/?page=500"], []),
        "feed by industry and stage": (pairs, []),
        "story page": ([f"/stories/{i}" for i in visible], []),
        "search, common word": (["/search?q=interview", "/search?q=rejected", "/search?q=manager"], []),
        "search, rare phrase": ([f'/search?q="{RARE_FIXED}"'.replace(" ", "+").replace('"', "%22")], []),
        "lessons by category": ([f"/lessons?category={c}" for c in CATEGORIES], []),
        "group page": ([f"/groups/{s}" for s in slugs[:50]], []),
        "/me/stories": (["/api/v1/me/stories"], tokens),
        "digest composition": (["/api/v1/me/digest"], tokens),
    }


def settle(port: int, timeout: float = 120) -> None:
    """Wait until the server answers promptly again: requests still queued from the last kind (wrk stops
    without waiting for them) must not be counted against the next."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=timeout).read()
        if time.monotonic() - started < 0.05:
            return
    raise SystemExit(f"the server was still busy {timeout:.0f} s after a kind's run")


def measure(stack: Stack, url: str, kinds: dict, args, work: Path) -> dict[str, dict]:
    stack.env = {**os.environ, "DATABASE_URL": url}
    port = stack.start_gunicorn(2 * (os.cpu_count() or 1))
    figures = {}
    try:
        for kind, (paths, tokens) in kinds.items():
            settle(port)
            run_kind(port, paths, tokens, args.clients, args.warmup, work)
            settle(port)
            figures[kind] = f = run_kind(port, paths, tokens, args.clients, args.seconds, work)
            answered = (
                f"p50 {f['p50'] / 1000:7.1f} ms  p99 {f['p99'] / 1000:7.1f} ms"
                if f["requests"]
                else "no answer within the run"
            )
            print(f"  {kind:28} {answered}  ({f['requests']:,} requests, {f['errors']} errors)", flush=True)
    finally:
        name, proc = stack.procs.pop()
        proc.terminate()
        proc.wait(15)
    return figures


BIG_TABLES = {"story", "lesson", "reply", "reaction", "search_story", "user", "group_membership"}


def _seq_scanned(node: dict):
    if node.get("Node Type") == "Seq Scan":
        yield node.get("Relation Name")
    for child in node.get("Plans", []):
        yield from _seq_scanned(child)


def seq_scans(url: str, kinds: dict) -> dict[str, list[str]]:
    """For each kind, the big tables a statement of its request reads whole: one request's statements are
    caught as the app runs them and explained by PostgreSQL with the same values."""
    os.environ["DATABASE_URL"] = url
    from sqlalchemy import event

    from community import create_app, kept
    from community.extensions import db
    from community.feed.cache import forget_cached_feed

    app = create_app()
    found: dict[str, list[str]] = {}
    with app.app_context():
        # Nothing counted from the other size's database may stand in for a statement of this one.
        kept.forget_all()
        forget_cached_feed()
        caught: list[tuple[str, object]] = []

        @event.listens_for(db.engine, "before_cursor_execute")
        def catch(conn, cursor, statement, params, context, many):
            if statement.lstrip().upper().startswith("SELECT") and not conn.info.get("explaining"):
                caught.append((statement, params))

        client = app.test_client()
        for kind, (paths, tokens) in kinds.items():
            caught.clear()
            headers = {"Authorization": f"Bearer {tokens[0]}"} if tokens else {}
            resp = client.get(paths[0], headers=headers)
            if resp.status_code != 200:
                raise SystemExit(
                    f"{kind}: {paths[0]} answered {resp.status_code}; its statements were not caught"
                )
            scans: set[str] = set()
            with db.engine.connect() as conn:
                conn.info["explaining"] = True
                for statement, params in list(caught):
                    plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, params).scalar()
                    scans |= set(_seq_scanned(plan[0]["Plan"]))
            found[kind] = sorted(scans & BIG_TABLES)
        db.engine.dispose()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--stories", type=int, default=100_000, help="the large size (1000000 for the figure)"
    )
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=8, help="measured seconds per kind of request")
    parser.add_argument("--warmup", type=float, default=5, help="seconds of each kind before measuring")
    parser.add_argument("--data", type=Path, default=cache_dir(), help="where the seeded cluster is kept")
    parser.add_argument("--fresh", action="store_true", help="seed again from nothing")
    parser.add_argument("--seed-only", action="store_true", help="seed (or finish seeding) and stop")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    if args.fresh:
        shutil.rmtree(args.data, ignore_errors=True)

    work = Path(tempfile.mkdtemp(prefix="rebound-scale-"))
    stack = Stack(work)
    sizes = sorted({SMALL, args.stories})
    try:
        base = stack.start_postgres(
            args.data / "pg", "-c shared_buffers=2GB -c work_mem=32MB -c maintenance_work_mem=1GB"
        )
        os.environ.update(
            {"REDIS_URL": stack.start_redis(), "RATELIMIT_ENABLED": "false", "SECRET_KEY": "scale-bench"}
        )
        import psycopg

        urls = {}
        for size in sizes:
            name = f"scale_{size}"
            with psycopg.connect(base.replace("+psycopg", ""), autocommit=True) as conn:
                if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                    conn.execute(f"CREATE DATABASE {name}")
            urls[size] = base.rsplit("/", 1)[0] + f"/{name}"
            subprocess.run(
                [sys.executable, "-m", "flask", "--app", "community", "db", "upgrade"],
                cwd=ROOT,
                env={**os.environ, "DATABASE_URL": urls[size]},
                check=True,
                capture_output=True,
            )
            print(f"seeding {size:,} stories (resumable; kept in {args.data})", flush=True)
            seed(urls[size].replace("+psycopg", ""), size)
        if args.seed_only:
            return 0
        figures, scans = {}, {}
        for size in sizes:
            kinds = requests_for(urls[size], size)
            scans[size] = seq_scans(urls[size], kinds)
            print(
                f"measuring at {size:,} stories: {args.clients} clients, {args.seconds:.0f} s a kind",
                flush=True,
            )
            figures[size] = measure(stack, urls[size], kinds, args, work)
        small, large = figures[sizes[0]], figures[sizes[-1]]
        print()
        print(
            f"{'kind':28} {'p99 small':>10} {'p99 large':>10} {'ratio':>7}  goals (ratio <= {RATIO_GOAL}, "
            f"p99 <= {P99_GOAL_MS} ms at {sizes[-1]:,})"
        )
        ok = True
        for kind in small:
            a, b = (f[kind]["p99"] / 1000 if f[kind]["requests"] else float("inf") for f in (small, large))
            ratio = b / a if a else float("inf")
            met = ratio <= RATIO_GOAL and b <= P99_GOAL_MS and not large[kind]["errors"]
            ok &= met
            print(f"{kind:28} {a:8.1f}ms {b:8.1f}ms {ratio:7.2f}  {'met' if met else 'NOT met'}")
        print()
        print(f"Tables read whole (EXPLAIN of every statement of one request per kind, at {sizes[-1]:,}):")
        for kind, tables in scans[sizes[-1]].items():
            print(f"  {kind:28} {', '.join(tables) if tables else 'none'}")
            ok &= not tables
        return 0 if ok else 1
    finally:
        stack.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
