"""`flask --app community ...` commands."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from community import areas
from community import demo as demo_data
from community.accounts import services
from community.errors import ServiceError

users = AppGroup("users", help="Manage member accounts.")


@users.command("create")
@click.argument("email")
@click.option("--password", required=True, help="At least 10 characters.")
@click.option(
    "--role", type=click.Choice(["member", "moderator", "admin"]), default="member", show_default=True
)
@click.option("--name", "display_name", default=None, help="Display name (default: the part before @).")
def create_user(email: str, password: str, role: str, display_name: str | None) -> None:
    """Create an account."""
    name = display_name or email.split("@")[0]
    try:
        user = services.create_account(email, password, name, role=role, confirmed=True)
    except ServiceError as err:
        details = "; ".join(f"{k}: {v}" for k, v in err.fields.items()) or err.message
        raise click.ClickException(details) from None
    click.echo(f"Created {role} {user.email} (id {user.id}).")


@click.command("demo")
def demo() -> None:
    """Load demo members, groups, mentors and stories."""
    demo_data.run()


def register(app: Flask) -> None:
    app.cli.add_command(users)
    app.cli.add_command(demo)
    for area in areas.AREAS:
        if area.cli is not None:
            area.cli.register(app)
