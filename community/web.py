"""Helpers every area's pages share: a service's error shown on its form, a group of checkboxes,
same-site redirects, and the reader's choice about content notes."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget

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


class CheckboxesField(SelectMultipleField):
    """Several choices as a group of checkboxes (drawn by the `field` macro as a fieldset). The service checks
    the values, so an unknown one is reported by it, not dropped here."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form) -> None:
        pass


def safe_path(target: str | None, default: str) -> str:
    """`target` if it is a path on this site, else `default`: a redirect never leaves the site."""
    # Browsers read "\" as "/" and drop tabs and newlines, so "/\evil.example" would leave the site.
    path = "".join(ch for ch in target or "" if ch >= " ").replace("\\", "/")
    if path.startswith("/") and not path.startswith("//") and not urlsplit(path).netloc:
        return path
    return default


def open_notes() -> bool:
    """Whether this reader chose to see stories with content notes open rather than behind their notice."""
    return bool(getattr(current_user, "show_content_notes", False))
