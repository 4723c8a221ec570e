"""Helpers the tests share (fixtures live in conftest.py, test data comes from factories.py): ports, throwaway
databases and emptying their tables, mail links, query counts, signing in, waiting, the checks that markup is
safe, and the real processes (gunicorn, the worker) that the fault tests start and kill.

The free-port and wait-for-port helpers are the benchmarks' own (bench/_common.py): one copy for both.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.message import EmailMessage
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

import pytest
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import StartedJobRegistry
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from bench._common import free_port, wait_for_port
from community.extensions import db

__all__ = [
    "CONFIRM_LINK",
    "FAST_RECOVERY",
    "FORBIDDEN_TAGS",
    "SAFE_SCHEMES",
    "SAFE_TAGS",
    "URL_ATTRIBUTES",
    "Client",
    "Processes",
    "Response",
    "assert_safe_markup",
    "count_queries",
    "deliver_mail_to",
    "elements",
    "empty_tables",
    "free_port",
    "ids",
    "link_scheme",
    "link_token",
    "markup_problems",
    "no_inline_code",
    "running",
    "sign_in",
    "throwaway_database",
    "wait_for_port",
    "wait_until",
]

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")


# --- the database -------------------------------------------------------------------------------------------


@contextmanager
def throwaway_database(name: str, sqlite_dir) -> Iterator[str]:
    """An empty database named `name` on the PostgreSQL server of TEST_DATABASE_URL, dropped afterwards;
    without that variable, a new SQLite file in `sqlite_dir`."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{sqlite_dir / f'{name}.sqlite'}"
        return
    url = make_url(base)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# The accounts and their tokens: the costly rows to make again (a password hashed, a mail confirmed).
PEOPLE_TABLES = {"user", "api_token"}


def empty_tables(keep_people: bool = False) -> None:
    """Start again from nothing, or from just the accounts (`keep_people`)."""
    tables = [t for t in reversed(db.metadata.sorted_tables) if not (keep_people and t.name in PEOPLE_TABLES)]
    if db.engine.dialect.name == "postgresql" and not keep_people:
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


@contextmanager
def count_queries():
    statements: list[str] = []

    def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before_cursor_execute)


# --- mail, signing in, answers ------------------------------------------------------------------------------


def deliver_mail_to(user_id: int) -> None:
    """Send the queued mails of one member through the real SMTP sink, with the job's own function.

    Not through a worker: a job ends by removing the database session, which would detach whatever the
    test made before it asked for a member."""
    from community import queue
    from community.accounts.mail import send_member_mail

    for job in queue.get_queue("mail").get_jobs():
        if job.func_name.endswith("send_member_mail") and job.args[1] == user_id:
            send_member_mail(*job.args, **job.kwargs)
            job.delete()


CONFIRM_LINK = re.compile(r"/confirm/([A-Za-z0-9_.\-]+)")


def link_token(message: EmailMessage, pattern: re.Pattern[str] = CONFIRM_LINK) -> str:
    """The token of the link a mail carries (from its plain-text part)."""
    text_part = message.get_body(preferencelist=("plain",))
    match = pattern.search(text_part.get_content())
    assert match, f"no link in the mail {message['Subject']!r}"
    return match.group(1)


def sign_in(client, who) -> None:
    """Sign `who` in through the real /login form."""
    resp = client.post("/login", data={"email": who.email, "password": who.password})
    assert resp.status_code == 302


def signed_in_client(app, who):
    """A test client of its own, signed in as `who` through the real /login form."""
    browser = app.test_client()
    sign_in(browser, who)
    return browser


def basic(email: str, password: str) -> dict[str, str]:
    """The Authorization header that asks POST /api/v1/tokens for a token."""
    return {"Authorization": "Basic " + base64.b64encode(f"{email}:{password}".encode()).decode()}


def ids(found: dict) -> list[int]:
    """The story ids of a search answer, in its order."""
    return [item["story_id"] for item in found["items"]]


# --- waiting --------------------------------------------------------------------------------------------------


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


def running(registry: StartedJobRegistry) -> str | None:
    """The job a worker is running (inside the job function, not just taken off the queue)."""
    for job_id in registry.get_job_ids(cleanup=False):
        try:
            job = Job.fetch(job_id, connection=registry.connection)
        except NoSuchJobError:
            continue  # finished meanwhile (a moderation job is deleted when it succeeds)
        if job.get_status(refresh=False) == JobStatus.STARTED:
            return job_id
    return None


# --- safe markup ----------------------------------------------------------------------------------------------

# What members write may become these tags, and nothing else (the sanitizer's allowlist, as the tests hold it).
SAFE_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a"})
SAFE_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
# Elements that can run script, load another document or restyle the page.
FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "style",
    "base",
    "template",
    "portal",
    "isindex",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "background",
    "poster",
    "srcset",
}
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


class _StartTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """The start tags in the markup, in order, each with its attributes (entities decoded)."""
    parser = _StartTags()
    parser.feed(html)
    parser.close()
    return parser.tags


def link_scheme(url: str) -> str:
    """The scheme a browser reads ("" for a relative URL): entities are already decoded here, and browsers
    drop white space and control characters before looking for one."""
    compact = "".join(ch for ch in url if ch > " " and ch != "\x7f").lower()
    found = SCHEME.match(compact)
    return found[1] if found else ""


def assert_safe_markup(html: str, name: str = "") -> None:
    """Rendered member text is safe: allowlisted tags only, no attribute but a link's href and rel, links only
    to web or mail addresses and marked as user content, and anything that looked like a tag at most text."""
    for tag, attrs in elements(html):
        assert tag in SAFE_TAGS, f"{name}: <{tag}> survived in {html!r}"
        assert not [a for a in attrs if a.startswith("on")], f"{name}: event handler survived in {html!r}"
        assert set(attrs) <= ({"href", "rel"} if tag == "a" else set()), (
            f"{name}: attributes {attrs} in {html!r}"
        )
        href = attrs.get("href")
        if href is not None:
            assert link_scheme(href) in SAFE_SCHEMES | {""}, f"{name}: unsafe link {href!r}"
            assert attrs.get("rel") == LINK_REL
    for marker in ("<script", "<svg", "<img", "<iframe", "<style"):
        assert marker not in html.lower(), (name, marker, html)


def markup_problems(html: str) -> list[str]:
    """Script-capable elements, event handlers, style attributes and script URLs in a page's markup."""
    problems: list[str] = []
    for tag, attrs in elements(html):
        names = {name: value or "" for name, value in attrs.items()}
        # The lessons page draws its own chart; nothing a member writes becomes SVG. The only scripts are the
        # app's own files (the CSP allows no other).
        own_script = (
            tag == "script" and names.get("src", "").startswith("/static/") and set(names) <= {"src", "defer"}
        )
        if tag in FORBIDDEN_TAGS and not (tag == "svg" and names.get("class") == "chart") and not own_script:
            problems.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in names:
            problems.append("<meta http-equiv>")
        for name, value in names.items():
            if name.startswith("on") or name in ("style", "srcdoc"):
                problems.append(f"<{tag} {name}>")
            elif name in URL_ATTRIBUTES and link_scheme(value) not in SAFE_SCHEMES | {""}:
                problems.append(f"<{tag} {name}={value!r}>")
    return problems


def no_inline_code(html: str) -> None:
    """No inline script or style: only script files the app serves itself (the CSP allows nothing else)."""
    assert "style=" not in html
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
    assert all(body.strip() == "" for body in scripts)
    assert re.findall(r"<script(?![^>]*\ssrc=\"/static/)", html) == []
    assert not re.search(r"\son[a-z]+=", html)


# --- real processes: gunicorn and the worker, as a client on the network sees them ----------------------------

# Recovery timings for the processes under test (seconds); production defaults are in community/config.py.
FAST_RECOVERY = {
    "JOB_TIMEOUT": "5",
    "WORKER_MAINTENANCE_INTERVAL": "1",
    "SWEEP_INTERVAL": "2",
    "DIGEST_STALE_CLAIM": "8",
}


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
