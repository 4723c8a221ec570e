"""`flask --app community users create`."""

from __future__ import annotations

from community.accounts.models import User
from community.extensions import db


def create(runner, *args: str):
    return runner.invoke(args=["users", "create", *args])


def test_create_with_role_and_name(runner):
    result = create(
        runner, "Mo@Example.org", "--password", "a long password", "--role", "moderator", "--name", "Mo"
    )
    assert result.exit_code == 0, result.output
    assert "mo@example.org" in result.output
    user = db.session.query(User).one()
    assert (user.email, user.role, user.display_name) == ("mo@example.org", "moderator", "Mo")
    assert user.check_password("a long password")


def test_defaults_are_a_member_named_after_the_email(runner):
    result = create(runner, "sam@example.org", "--password", "a long password")
    assert result.exit_code == 0, result.output
    user = db.session.query(User).one()
    assert (user.role, user.display_name, user.digest) == ("member", "sam", "weekly")


def test_duplicate_email_is_a_clean_error(runner, member):
    result = create(runner, member.email.upper(), "--password", "a long password")
    assert result.exit_code == 1
    assert "Error:" in result.output and "already exists" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert db.session.query(User).count() == 1


def test_short_password_is_a_clean_error(runner):
    result = create(runner, "sam@example.org", "--password", "short")
    assert result.exit_code == 1
    assert "password" in result.output and "10 characters" in result.output
    assert isinstance(result.exception, SystemExit)
    assert db.session.query(User).count() == 0


def test_bad_email_and_role_are_clean_errors(runner):
    result = create(runner, "not-an-email", "--password", "a long password")
    assert result.exit_code == 1 and "email" in result.output
    result = create(runner, "sam@example.org", "--password", "a long password", "--role", "owner")
    assert result.exit_code == 2 and "owner" in result.output
    result = create(runner, "sam@example.org")
    assert result.exit_code == 2 and "--password" in result.output
    assert db.session.query(User).count() == 0
