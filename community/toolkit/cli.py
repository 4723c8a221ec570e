"""`flask --app community toolkit rotate-key`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from community.toolkit import crypto, rotation

toolkit = AppGroup("toolkit", help="The members' private toolkit.")


@toolkit.command("rotate-key")
def rotate_key() -> None:
    """Re-encrypt the toolkit under the first key in TOOLKIT_KEY.

    Put the new key first and keep the old ones after it (TOOLKIT_KEY=new,old), run this, then the old
    keys can be dropped."""

    keys = crypto.key_list(current_app.config)
    click.echo(f"Re-encrypting with the first of {len(keys)} key{'s' if len(keys) != 1 else ''}...")
    changed = rotation.rotate_all()
    click.echo(f"Done: {changed} row{'s' if changed != 1 else ''} re-encrypted.")


def register(app: Flask) -> None:
    app.cli.add_command(toolkit)
