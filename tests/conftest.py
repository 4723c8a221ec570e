"""Fixtures on real parts: redis-server on a free port, an aiosmtpd SMTP sink, SQLite or PostgreSQL,
RQ's SimpleWorker for jobs, and headless Chromium for pages.

Set TEST_DATABASE_URL to a PostgreSQL server URL to run the suite there (each xdist worker gets its
own database on it); otherwise every worker uses its own SQLite file.

Test data comes from tests/factories.py; the fixtures here that make members, groups and stories are thin
wrappers over it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from functools import partial
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import g
from rq import SimpleWorker
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from community import create_app, kept, queue
from community.extensions import db
from tests import factories
from tests.factories import Member, MemberFactory
from tests.helpers import (
    FAST_RECOVERY,
    Processes,
    empty_tables,
    free_port,
    throwaway_database,
    wait_for_port,
)


class RedisServer:
    """A real redis-server that tests may stop and start again on the same port."""

    def __init__(self, workdir: str) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.exit("redis-server is missing: install it with `apt-get install redis-server`", 2)
        self.proc = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.workdir,
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory) -> Iterator[RedisServer]:
    server = RedisServer(str(tmp_path_factory.mktemp("redis")))
    server.start()
    yield server
    server.stop()


@dataclass
class Mailbox:
    """Messages the SMTP sink accepted, parsed; `refuse` makes it answer 451 (or a given code)."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse: int | None = None
    refuse_rcpt: set[str] = field(default_factory=set)
    connections: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()
            self.refuse = None
            self.refuse_rcpt.clear()
            self.connections = 0

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


class _Handler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.box.lock:
            self.box.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.box.refuse_rcpt:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.box.refuse:
            return (
                f"{self.box.refuse} try again later"
                if self.box.refuse < 500
                else f"{self.box.refuse} refused"
            )
        msg = message_from_bytes(envelope.content, policy=policy.default)
        with self.box.lock:
            self.box.messages.append(msg)
        return "250 Message accepted"


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[tuple[int, Mailbox]]:
    box = Mailbox()
    port = free_port()
    controller = Controller(_Handler(box), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, box
    controller.stop()


@pytest.fixture
def mailbox(smtp_server) -> Mailbox:
    box = smtp_server[1]
    box.clear()
    return box


@pytest.fixture(scope="session")
def database_url(tmp_path_factory, worker_id) -> Iterator[str]:
    with throwaway_database(f"rebound_test_{worker_id}", tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def worker_id(request) -> str:
    """pytest-xdist's worker name, or 'main' without it."""
    return getattr(request.config, "workerinput", {}).get("workerid", "main")


@pytest.fixture(scope="session")
def _schema(database_url, redis_server, smtp_server):
    """Tables created once per test session; each test starts from empty tables."""
    app = create_app(_test_config(database_url, redis_server, smtp_server))
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.engine.dispose()
    return True


def _test_config(database_url: str, redis_server: RedisServer, smtp_server) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "REDIS_URL": redis_server.url,
        "RATELIMIT_STORAGE_URI": redis_server.url,
        "RATELIMIT_ENABLED": False,
        "WTF_CSRF_ENABLED": False,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_server[0],
        "SECRET_KEY": "test-secret",
        "BASE_URL": "http://rebound.test",
        "SERVER_NAME": None,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }


@pytest.fixture
def app_config() -> dict:
    """Override in a test module (or parametrize) to change settings for its app."""
    return {}


@pytest.fixture
def app(_schema, database_url, redis_server, smtp_server, mailbox, app_config):
    app = create_app({**_test_config(database_url, redis_server, smtp_server), **app_config})

    @app.before_request
    def forget_cached_user() -> None:
        # Test-client requests share the test's app context, so `g`; a real request starts with an empty one.
        g.pop("_login_user", None)

    with app.app_context():
        empty_tables()
        queue.redis_connection().flushdb()
        # What an earlier test left in this process (feed pages and counts, compiled rules, digest weeks)
        # is keyed to data that no longer exists: let go of all of it.
        kept.forget_all()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class CountingWorker(SimpleWorker):
    executed = 0

    def execute_job(self, job, queue):
        self.executed += 1
        return super().execute_job(job, queue)


@pytest.fixture
def run_jobs(app):
    """Run every queued job to completion in this process, as a worker would; returns how many ran."""
    from community import queue

    def run() -> int:
        conn = queue.redis_connection()
        queues = [queue.get_queue(name) for name in queue.QUEUES]
        worker = CountingWorker(queues, connection=conn)
        # Burst mode also takes the jobs that jobs enqueue while it runs.
        worker.work(burst=True)
        return worker.executed

    return run


@pytest.fixture
def make_member(app, client, mailbox) -> MemberFactory:
    """Members made as a person makes an account (see `factories.MemberFactory`)."""
    return MemberFactory(app, client, mailbox)


@pytest.fixture
def member(make_member) -> Member:
    return make_member()


@pytest.fixture
def moderator(make_member) -> Member:
    return make_member("moderator")


# --- headless Chromium -------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.exit("chromium is missing: install it with `apt-get install chromium`", 2)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def live_server(app):
    """The test's app served over HTTP on a free port, in a thread."""
    from werkzeug.serving import make_server

    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context; any JavaScript dialog (an XSS that ran) fails the test."""
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not dialogs, f"a script ran and opened a dialog: {dialogs}"


@pytest.fixture
def login(page):
    """Sign a member in through the real form."""

    def sign_in(who: Member) -> None:
        page.goto("/login")
        page.fill("input[name=email]", who.email)
        page.fill("input[name=password]", who.password)
        page.click("form button[type=submit], form input[type=submit]")
        page.wait_for_load_state()

    return sign_in


@pytest.fixture
def make_group(app) -> Callable[..., Any]:
    """`factories.make_group`: a support group written straight to the database, with these members."""
    return factories.make_group


@pytest.fixture
def make_story(app) -> Callable[..., Any]:
    """`factories.make_story`: a story written straight to the database as moderation leaves it."""
    return factories.make_story


@pytest.fixture
def post_story(client) -> Callable[..., int]:
    """POST a story through the API as `who`; returns its id (asserting the 202)."""
    return partial(factories.post_story, client)


@pytest.fixture
def publish(client, run_jobs) -> Callable[..., int]:
    """Post through the API and run the worker, so the story is published; returns its id."""

    def post_and_publish(who: Member, **overrides) -> int:
        story_id = factories.post_story(client, who, **overrides)
        run_jobs()
        return story_id

    return post_and_publish


# --- real processes: gunicorn and `python -m worker` -------------------------------------------------------
#
# Started on the test's database, Redis and SMTP sink, killed and restarted as the test needs, and all stopped
# at its end. The worker runs with short recovery timings (configuration, as an operator would set them), so a
# job abandoned by a killed worker is retried within seconds instead of minutes.


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
