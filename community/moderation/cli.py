"""`flask --app community moderation ...`."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from community.moderation import keyword_rules

moderation = AppGroup("moderation", help="Keyword rules and the review queue.")


@moderation.command("install-defaults")
def install_defaults() -> None:
    """Install the default keyword rules; patterns already present are left as they are."""

    added, present = keyword_rules.install_defaults()
    click.echo(f"Installed {added} default rules ({present} already present).")


def register(app: Flask) -> None:
    app.cli.add_command(moderation)
