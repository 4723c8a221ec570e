"""The weekly digest at size: 10,000 members in 50 groups, a week of activity, every digest built and sent.

Run as `python bench/digest.py [--members N]`. A local aiosmtpd sink runs in its own process; the data
goes straight into a temporary SQLite database. Printed side by side from one run:

- the digest path: `send_digest_batch` for every batch, as the worker runs it (load, compose, render,
  claim, one SMTP connection per batch, mark sent);
- the baseline: the same messages, built beforehand, sent with plain smtplib's `sendmail` over one
  connection (both announce 8BITMIME, which the sink offers).

The two alternate batch by batch, so a busy machine slows both alike.

Goals: the digest path ≤ 60 s, at least 50% of the baseline's throughput, and a SQL query count that
grows with the number of batches, not of members.
"""

from __future__ import annotations

import argparse
import logging
import random
import smtplib
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import free_port, smtp_sink_command, wait_for_port  # noqa: E402
from sqlalchemy import event, insert  # noqa: E402

from community import create_app  # noqa: E402
from community.accounts.models import User  # noqa: E402
from community.digest import claims, compose, message, sending  # noqa: E402
from community.extensions import db  # noqa: E402
from community.groups.models import GroupMembership, SupportGroup  # noqa: E402
from community.mentorship.models import MentorProfile  # noqa: E402
from community.models import utcnow  # noqa: E402
from community.stories.models import CATEGORIES, STAGES, Lesson, Story  # noqa: E402

GROUPS = 50
STORIES_PER_GROUP = 10
PUBLIC_STORIES = 150
OLDER_STORIES = 300
MENTORS = 200
NEW_MENTORS = 60
INDUSTRIES = [
    "Software", "Healthcare", "Education", "Retail", "Logistics", "Finance", "Hospitality", "Marketing",
    "Design", "Manufacturing", "Government", "Nonprofit", "Legal", "Media", "Energy", "Construction",
    "Insurance", "Telecom", "Biotech", "Gaming",
]  # fmt: skip
TITLES = [
    "The final round that wasn't", "Froze on the whiteboard, learned to talk it through",
    "Six interviews, one silence", "What a recruiter screen taught me", "The take-home I overbuilt",
    "Career change, first rejection", "I forgot to ask a single question", "Panel of five, nerves of glass",
]  # fmt: skip
LESSONS = [
    "Research the team, not just the company: read what they shipped last year.",
    "Say the problem back in your own words before answering.",
    "Bring two concrete examples for every skill on the job ad.",
    "Send a short thank-you note the same day, naming one thing you discussed.",
    "Ask what success looks like in the first ninety days.",
    "Practice out loud; thinking it through silently is not the same.",
]


def start_sink(port: int) -> subprocess.Popen:
    """aiosmtpd's Sink handler (accepts and discards) in its own process, as a real mail server would be."""
    proc = subprocess.Popen(smtp_sink_command(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, "the SMTP sink", timeout=15)
    except (SystemExit, RuntimeError):
        proc.kill()
        raise
    return proc


def populate(members: int, week: str, rng: random.Random) -> None:
    """Rows straight into the tables: members, groups, memberships, a week of stories, mentors."""
    start, _ = compose.week_bounds(week)
    now = utcnow()
    users = [
        {
            "id": i,
            "email": f"member{i}@bench.rebound.local",
            "password_hash": "!",
            "display_name": f"Member {i}",
            "role": "member",
            "digest": "off" if rng.random() < 0.05 else "weekly",
            "industries": rng.sample(INDUSTRIES, rng.choice((0, 1, 1, 2))),
            "created_at": now,
        }
        for i in range(1, members + 1)
    ]
    db.session.execute(insert(User), users)
    groups = [
        {
            "id": g,
            "slug": f"group-{g}",
            "name": f"Support group {g}",
            "description": "",
            "description_html": "",
            "visibility": "private" if g % 5 == 0 else "public",
            "created_at": now,
        }
        for g in range(1, GROUPS + 1)
    ]
    db.session.execute(insert(SupportGroup), groups)
    memberships = [
        {"group_id": g, "user_id": u, "created_at": now}
        for u in range(1, members + 1)
        for g in rng.sample(range(1, GROUPS + 1), rng.choice((0, 1, 1, 2, 3)))
    ]
    db.session.execute(insert(GroupMembership), memberships)

    stories, lessons = [], []
    placements = [g for g in range(1, GROUPS + 1) for _ in range(STORIES_PER_GROUP)]
    placements += [None] * PUBLIC_STORIES
    placements += ["older"] * OLDER_STORIES
    for story_id, place in enumerate(placements, start=1):
        older = place == "older"
        published = start + timedelta(seconds=rng.randrange(7 * 24 * 3600))
        if older:
            published -= timedelta(days=rng.randrange(7, 40))
        stories.append(
            {
                "id": story_id,
                "author_id": rng.randrange(1, members + 1),
                "group_id": None if older or place is None else place,
                "title": rng.choice(TITLES),
                "body": "What happened, and what I learned.",
                "body_html": "<p>What happened, and what I learned.</p>",
                "stage": rng.choice(STAGES),
                "industry": rng.choice(INDUSTRIES),
                "pseudonym": f"Steady Heron {story_id}",
                "status": "published",
                "show_resources": False,
                "created_at": published,
                "published_at": published,
                "me_too_count": rng.randrange(0, 30),
                "helpful_count": rng.randrange(0, 30),
                "strength_count": rng.randrange(0, 30),
                "reply_count": 0,
            }
        )
        for position in range(rng.randint(1, 3)):
            lessons.append(
                {
                    "story_id": story_id,
                    "position": position,
                    "category": rng.choice(CATEGORIES),
                    "text": rng.choice(LESSONS),
                }
            )
    db.session.execute(insert(Story), stories)
    db.session.execute(insert(Lesson), lessons)

    mentors = []
    for n, user_id in enumerate(rng.sample(range(1, members + 1), MENTORS)):
        volunteered = start + timedelta(seconds=rng.randrange(7 * 24 * 3600))
        if n >= NEW_MENTORS:
            volunteered -= timedelta(days=rng.randrange(7, 90))
        mentors.append(
            {
                "id": user_id,
                "user_id": user_id,
                "headline": "Hiring manager for ten years, happy to run a mock interview",
                "bio": "",
                "bio_html": "",
                "expertise": ["preparation", "answers"],
                "industries": rng.sample(INDUSTRIES, rng.randint(1, 2)),
                "capacity": 3,
                "active_count": 0,
                "accepting": True,
                "active": True,
                "volunteered_at": volunteered,
                "updated_at": volunteered,
            }
        )
    db.session.execute(insert(MentorProfile), mentors)
    db.session.commit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    args = parser.parse_args()
    # No Redis here: the visitors' feed cache would warn on every write, which says nothing about digests.
    logging.getLogger("community").setLevel(logging.ERROR)
    rng = random.Random(47)
    week = compose.last_complete_week(utcnow())
    port = free_port()
    sink = start_sink(port)
    workdir = tempfile.TemporaryDirectory(prefix="rebound-bench-")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir.name}/bench.sqlite",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": port,
            "SECRET_KEY": "bench-secret",
            "BASE_URL": "https://rebound.example",
            "RATELIMIT_ENABLED": False,
        }
    )
    try:
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            populate(args.members, week, rng)
            print(
                f"data: {args.members:,} members, {GROUPS} groups, week {week} "
                f"({time.perf_counter() - started:.1f} s to insert)"
            )

            queries = 0
            counting = False

            def count(*_args) -> None:
                nonlocal queries
                queries += counting

            event.listen(db.engine, "before_cursor_execute", count)
            sender = app.config["MAIL_DEFAULT_SENDER"]
            totals = claims.BatchResult()
            ours = raw = 0.0
            raw_mails = 0
            counting = True
            started = time.perf_counter()
            batches = sending.member_batches(week)
            ours += time.perf_counter() - started
            counting = False
            # Side by side, batch after batch, so both see the same machine: the digest path sends a
            # batch, then the baseline sends the very same messages (built beforehand, untimed).
            with smtplib.SMTP("127.0.0.1", port) as baseline:
                for batch in batches:
                    counting = True
                    started = time.perf_counter()
                    result = sending.send_digest_batch(week, batch)
                    ours += time.perf_counter() - started
                    counting = False
                    totals.sent += result.sent
                    totals.empty += result.empty
                    totals.failed += result.failed

                    sent = set(
                        db.session.scalars(
                            db.select(claims.DELIVERY.c.user_id).where(
                                claims.DELIVERY.c.week == week,
                                claims.DELIVERY.c.user_id.in_(batch),
                                claims.DELIVERY.c.status == "sent",
                            )
                        )
                    )
                    shared: dict = {}
                    messages = [
                        (member.email, message.build_message(member, digest, shared, eight_bit=True))
                        for member, digest in message.build_digests(week, batch)
                        if member.id in sent
                    ]
                    started = time.perf_counter()
                    for to, data in messages:
                        baseline.sendmail(sender, [to], data, ["BODY=8BITMIME"])
                    raw += time.perf_counter() - started
                    raw_mails += len(messages)
    finally:
        sink.terminate()
        sink.wait(10)
        workdir.cleanup()

    mails = totals.sent
    ours_rate, raw_rate = mails / ours, raw_mails / raw
    ratio = ours_rate / raw_rate
    print(
        f"digests: {mails:,} sent, {totals.empty:,} with nothing new, {totals.failed} refused, "
        f"in {len(batches)} batches of up to {app.config['DIGEST_BATCH_SIZE']}"
    )
    print(
        f"digest path : {ours:6.1f} s  {ours_rate:7.0f} mails/s  (goal ≤ 60 s: {'ok' if ours <= 60 else 'MISSED'})"
    )
    print(
        f"raw smtplib : {raw:6.1f} s  {raw_rate:7.0f} mails/s  ({raw_mails:,} pre-built messages, one connection)"
    )
    print(f"ratio       : {ratio:.0%} of raw throughput (goal ≥ 50%: {'ok' if ratio >= 0.5 else 'MISSED'})")
    print(
        f"SQL queries : {queries:,} in all, {queries / max(1, len(batches)):.1f} per batch, "
        f"{queries / max(1, mails):.3f} per mail"
    )
    return 0 if ours <= 60 and ratio >= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
