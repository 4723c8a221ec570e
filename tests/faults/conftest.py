"""Real processes for fault tests: gunicorn serving the app and `python -m worker`, started on the test's
database, Redis and SMTP sink, killed and restarted as the test needs, and all stopped at its end.

The worker runs with short recovery timings (configuration, as an operator would set them), so a job
abandoned by a killed worker is retried within seconds instead of minutes.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from community.digest.compose import week_bounds
from community.extensions import db
from community.stories.models import Lesson, Story
from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")

# Recovery timings for the processes under test (seconds); production defaults are in community/config.py.
FAST_RECOVERY = {
    "JOB_TIMEOUT": "5",
    "WORKER_MAINTENANCE_INTERVAL": "1",
    "SWEEP_INTERVAL": "2",
    "DIGEST_STALE_CLAIM": "8",
}


def wait_until(check: Callable[[], T], timeout: float, what: str, interval: float = 0.05) -> T:
    """Poll `check` until it returns something truthy; fail the test with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"gave up after {timeout:.0f} s waiting for {what} (last: {value!r})")
        time.sleep(interval)


# --- HTTP, as a client on the network sees it -----------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Client:
    """A plain HTTP/1.1 client that keeps cookies, like a browser without JavaScript."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        json_body: Any = None,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        body: bytes | None = None
        sent = dict(headers or {})
        if json_body is not None:
            body = json.dumps(json_body).encode()
            sent["Content-Type"] = "application/json"
        elif form is not None:
            body = urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=sent)
            resp = conn.getresponse()
            data = resp.read()
            for value in resp.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
            return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
        finally:
            conn.close()

    def get(self, path: str, **kwargs: Any) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Response:
        return self.request("POST", path, **kwargs)


# --- processes --------------------------------------------------------------------------------------------


class Processes:
    """Starts gunicorn and workers for one test; each in its own process group, all ended at teardown."""

    def __init__(self, env: dict[str, str], logdir: Path) -> None:
        self.env = env
        self.logdir = logdir
        self.started: list[subprocess.Popen] = []

    def _spawn(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        log = open(self.logdir / f"{name}-{len(self.started)}.log", "wb")  # noqa: SIM115 (kept by the child)
        proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.started.append(proc)
        return proc

    def gunicorn(self, **overrides: str) -> Client:
        """`gunicorn "community:create_app()"` with two workers; returns a client once it answers."""
        port = free_port()
        proc = self._spawn(
            "gunicorn",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "community:create_app()",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--graceful-timeout",
                "2",
            ],
            {**self.env, **overrides},
        )
        client = Client(port)

        def answers() -> bool:
            if proc.poll() is not None:
                pytest.fail(f"gunicorn exited with {proc.returncode}:\n{self.logs('gunicorn')}")
            try:
                client.get("/healthz")
            except OSError:
                return False
            return True

        wait_until(answers, 30, "gunicorn to answer", interval=0.1)
        return client

    def worker(self, **overrides: str) -> subprocess.Popen:
        """`python -m worker`, with RQ's scheduler and the cron process."""
        return self._spawn("worker", [sys.executable, "-m", "worker"], {**self.env, **overrides})

    def flask(self, *args: str, **overrides: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "flask", "--app", "community", *args],
            cwd=ROOT,
            env={**self.env, **overrides},
            capture_output=True,
            text=True,
            timeout=120,
        )

    @staticmethod
    def kill(proc: subprocess.Popen) -> None:
        """SIGKILL the process itself, as the kernel's OOM killer would; its children live on for now."""
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)

    def logs(self, prefix: str = "") -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-6000:]}"
            for path in sorted(self.logdir.glob(f"{prefix}*.log"))
        )

    def stop_all(self) -> None:
        for proc in reversed(self.started):
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            if proc.poll() is None:
                proc.wait(10)


@pytest.fixture
def process_env(database_url, redis_server, smtp_server) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "PYTEST_"))}
    env.update(
        {
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_server.url,
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(smtp_server[0]),
            "RATELIMIT_ENABLED": "false",
            "SECRET_KEY": "test-secret",
            "BASE_URL": "http://rebound.test",
            "PYTHONUNBUFFERED": "1",
            **FAST_RECOVERY,
        }
    )
    return env


@pytest.fixture
def processes(app, process_env, tmp_path, request) -> Iterator[Processes]:
    procs = Processes(process_env, tmp_path)
    yield procs
    procs.stop_all()
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        print(procs.logs())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report


@pytest.fixture
def database(database_url) -> Iterator[Callable[..., list]]:
    """Run one SQL statement on a connection of its own (so the test holds no lock) and commit it, returning
    its rows (none for a statement that returns none)."""
    engine = create_engine(database_url, poolclass=NullPool)

    def run(sql: str, **params: Any) -> list:
        with engine.begin() as conn:
            result = conn.execute(text(sql), params)
            return list(result) if result.returns_rows else []

    yield run
    engine.dispose()


@pytest.fixture
def database_lock(app, database_url) -> Callable[..., AbstractContextManager[None]]:
    """Hold the database locked from another connection, as a long migration or a stuck transaction
    would: SQLite's BEGIN EXCLUSIVE (the whole file), PostgreSQL's ACCESS EXCLUSIVE lock on the given
    tables (default: all; name fewer where other transactions are under way, to keep clear of deadlocks).
    """

    @contextmanager
    def hold(*tables: str) -> Iterator[None]:
        db.session.remove()  # the test's own session must not stand in the lock's way
        url = make_url(database_url)
        if url.get_backend_name() == "sqlite":
            conn = sqlite3.connect(url.database, timeout=30, isolation_level=None)
            try:
                conn.execute("BEGIN EXCLUSIVE")
                yield
                conn.execute("ROLLBACK")
            finally:
                conn.close()
            return
        names = ", ".join(f'"{name}"' for name in tables or [t.name for t in db.metadata.sorted_tables])
        engine = create_engine(database_url, poolclass=NullPool)
        try:
            with engine.connect() as conn, conn.begin() as transaction:
                conn.execute(text("SET LOCAL lock_timeout = '20s'"))
                conn.execute(text(f"LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE"))
                yield
                transaction.rollback()
        finally:
            engine.dispose()

    return hold


def story_payload(n: int, body: str | None = None) -> dict:
    return {
        "title": f"Onsite number {n}, and what I would do differently",
        "body": body or f"I made it to the **onsite** (try {n}) and froze on the design question.",
        "lessons": [
            {"category": "preparation", "text": "Practice system design out loud, not just in my head."},
            {"category": "follow_up", "text": "Send a short thank-you note the same day."},
        ],
        "stage": "onsite",
        "industry": "Software",
    }


def publish_week(week: str, author_id: int, count: int = 3) -> None:
    """Stories published in `week`, as moderation leaves them, so every member's digest has news."""
    start, _ = week_bounds(week)
    for n in range(count):
        at = start + timedelta(days=1, hours=n)
        db.session.add(
            Story(
                author_id=author_id,
                title=f"What the panel taught me, part {n}",
                body="I learned to slow down.",
                body_html="<p>I learned to slow down.</p>",
                stage="onsite",
                industry="Software",
                pseudonym=f"Quiet Otter {n}",
                status="published",
                created_at=at,
                published_at=at,
                lessons=[Lesson(position=0, category="answers", text="Pause before answering.")],
            )
        )
    db.session.commit()
