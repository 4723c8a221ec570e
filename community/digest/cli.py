"""`flask --app community digest send [--week 2026-W47]`."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from community import queue
from community.digest import sending
from community.digest.claims import BatchResult
from community.digest.compose import parse_week, resolve_week
from community.extensions import db

digest = AppGroup("digest", help="The weekly digest email.")


class WeekParam(click.ParamType):
    name = "week"

    def convert(self, value, param, ctx) -> str:
        try:
            return parse_week(value)
        except ValueError as exc:
            self.fail(f"{value!r}: {exc}", param, ctx)


@digest.command("send")
@click.option("--week", type=WeekParam(), default=None, help="ISO week, e.g. 2026-W47 (default: last week).")
@click.option(
    "--enqueue",
    is_flag=True,
    help="Hand the batches to the worker (`python -m worker`) instead of sending them here.",
)
def send(week: str | None, enqueue: bool) -> None:
    """Send a week's digest to every member who wants it; safe to run again (nobody gets it twice)."""

    week = resolve_week(week)
    sending.request_week(week)
    batches = sending.member_batches(week)
    members = sum(len(batch) for batch in batches)
    if enqueue:
        with click.progressbar(batches, label=f"Queueing {week}", show_pos=True) as bar:
            lost = sum(1 for batch in bar if not queue.enqueue_digest_batch(week, batch))
        if lost:
            raise click.ClickException(f"Redis is unreachable: {lost} of {len(batches)} batches not queued.")
        click.echo(f"{len(batches)} batches for {members} members queued for the worker.")
        return

    totals = BatchResult()
    interrupted = 0
    with click.progressbar(length=members, label=f"Sending {week}", show_pos=True) as bar:
        for batch in batches:
            try:
                result = sending.send_digest_batch(week, batch)
            except Exception as exc:  # a refusing SMTP server: the rest of the batches may still go
                db.session.rollback()
                interrupted += 1
                totals.errors.append(str(exc))
            else:
                for name, count in result.as_dict().items():
                    setattr(totals, name, getattr(totals, name) + count)
            bar.update(len(batch))
    click.echo(
        f"Digest {week}: {totals.sent} sent, {totals.empty} with nothing new, "
        f"{totals.failed} refused, {totals.skipped} already handled."
    )
    if interrupted:
        raise click.ClickException(
            f"{interrupted} of {len(batches)} batches stopped on a mail server error "
            f"({totals.errors[-1]}). Run the command again later: nobody gets the digest twice."
        )


def register(app: Flask) -> None:
    app.cli.add_command(digest)
