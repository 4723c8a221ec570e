"""Helpers every area's pages share: a service's error shown on its form, and same-site redirects."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_wtf import FlaskForm

from community.errors import ServiceError


def apply_errors(form: FlaskForm, err: ServiceError) -> None:
    """Show a service's error on the form: each field's message by its field, anything else at the top."""
    for name, message in err.fields.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, message]
        else:
            form.form_errors.append(message)
    if not err.fields:
        form.form_errors.append(err.message)


def safe_path(target: str | None, default: str) -> str:
    """`target` if it is a path on this site, else `default`: a redirect never leaves the site."""
    # Browsers read "\" as "/" and drop tabs and newlines, so "/\evil.example" would leave the site.
    path = "".join(ch for ch in target or "" if ch >= " ").replace("\\", "/")
    if path.startswith("/") and not path.startswith("//") and not urlsplit(path).netloc:
        return path
    return default
