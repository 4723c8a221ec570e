"""Fixtures on real parts: redis-server on a free port, an aiosmtpd SMTP sink, SQLite or PostgreSQL,
RQ's SimpleWorker for jobs, and headless Chromium for pages.

Set TEST_DATABASE_URL to a PostgreSQL server URL to run the suite there (each xdist worker gets its
own database on it); otherwise every worker uses its own SQLite file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from flask import g
from rq import SimpleWorker
from sqlalchemy import select, text, update

from community import create_app
from community.extensions import db
from community.groups.models import GroupMembership, SupportGroup
from community.models import utcnow
from tests.helpers import (
    deliver_mail_to,
    free_port,
    link_token,
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


def _empty_tables() -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


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
        _empty_tables()
        from community import queue

        queue.redis_connection().flushdb()
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


@dataclass
class Member:
    id: int
    email: str
    password: str
    display_name: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def make_member(app, client, mailbox):
    """An account made as a person makes one: registered through the API, confirmed through the link in
    the mail that reached the SMTP sink, then signed in for an API token. Moderators and admins are made
    as `flask users create` makes them (confirmed). `established=True` moves the confirmation back past
    TRUST_MIN_AGE_DAYS: the tests cannot wait a week for a member to count as established."""
    from community.accounts import services
    from community.accounts.models import User

    counter = iter(range(1, 10_000))

    def make(
        role: str = "member", name: str | None = None, email: str | None = None, established: bool = False
    ) -> Member:
        n = next(counter)
        email = email or f"{role}{n}@example.org"
        name = name or f"{role.title()} Person {n}"
        password = "correct horse battery"
        if role == "member":
            resp = client.post(
                "/api/v1/users", json={"email": email, "password": password, "display_name": name}
            )
            assert resp.status_code == 202, resp.get_json()
            deliver_mail_to(db.session.scalar(select(User.id).where(User.email == email)))
            confirmation = [m for m in mailbox.to(email) if "Confirm" in m["Subject"]][-1]
            resp = client.post("/api/v1/email-confirmations", json={"token": link_token(confirmation)})
            assert resp.status_code == 200, resp.get_json()
            user_id = resp.get_json()["id"]
            deliver_mail_to(user_id)
            # The member's own welcome and confirmation mails are not what the test looks for.
            with mailbox.lock:
                mailbox.messages[:] = [m for m in mailbox.messages if m["To"] != email]
        else:
            user_id = services.create_account(email, password, name, role=role, confirmed=True).id
        if established:
            db.session.execute(
                update(User)
                .where(User.id == user_id)
                .values(email_confirmed_at=utcnow() - timedelta(days=app.config["TRUST_MIN_AGE_DAYS"] + 1))
            )
            db.session.commit()
        token, _ = services.issue_token(db.session.get(User, user_id))
        return Member(user_id, email, password, name, token)

    return make


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
def make_group(app):
    """Create a support group directly, with these members; returns the group."""

    def make(name: str, visibility: str = "public", members=()) -> SupportGroup:
        group = SupportGroup(slug=name.lower().replace(" ", "-"), name=name, visibility=visibility)
        db.session.add(group)
        db.session.flush()
        for who in members:
            db.session.add(GroupMembership(group_id=group.id, user_id=who.id))
        db.session.commit()
        return group

    return make
