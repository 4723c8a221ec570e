"""The SMTP server down for a whole digest run: nothing is marked sent that was not, and once the server
is back the worker's sweeper sends every digest, once."""

from __future__ import annotations

from collections import Counter

import pytest

from community.digest import compose
from community.models import utcnow
from tests.factories import publish_week
from tests.helpers import free_port, wait_until

pytestmark = pytest.mark.slow


def test_digest_run_with_smtp_down_sends_nothing_then_each_digest_once_when_it_is_back(
    processes, make_member, mailbox, database
):
    week = compose.last_complete_week(utcnow())
    members = [make_member() for _ in range(12)]
    publish_week(week, members[0].id)

    # Nothing listens on this port: the mail server is down for the whole run.
    down = processes.flask("digest", "send", "--week", week, MAIL_PORT=str(free_port()))
    assert down.returncode != 0
    assert "Run the command again later" in down.stderr
    assert "Traceback" not in down.stderr
    assert mailbox.messages == []
    rows = database("SELECT status, error FROM digest_delivery")
    assert len(rows) == len(members)
    assert {status for status, _ in rows} == {"claimed"}, "nothing is marked sent"
    assert all(error for _, error in rows), "each delivery says why it is waiting"

    # The server is back; a worker's sweeper takes the claims up once they are stale (DIGEST_STALE_CLAIM).
    processes.worker()
    wait_until(
        lambda: len({m["To"] for m in mailbox.messages}) == len(members),
        60,
        "every digest once the mail server is back",
    )
    again = processes.flask("digest", "send", "--week", week)
    assert again.returncode == 0, again.stderr
    assert "0 sent" in again.stdout
    assert Counter(m["To"] for m in mailbox.messages) == Counter(m.email for m in members)
    assert Counter(status for (status,) in database("SELECT status FROM digest_delivery")) == {
        "sent": len(members)
    }
