"""Helpers the tests share (fixtures live in conftest.py): ports, throwaway databases, mail links, query counts.

The free-port and wait-for-port helpers are the benchmarks' own (bench/_common.py): one copy for both.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from bench._common import free_port, wait_for_port
from community.extensions import db

__all__ = [
    "CONFIRM_LINK",
    "count_queries",
    "deliver_mail_to",
    "free_port",
    "link_token",
    "throwaway_database",
    "wait_for_port",
]


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
