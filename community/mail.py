"""Building and sending email over SMTP (one connection for a batch of messages)."""

from __future__ import annotations

import smtplib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app, render_template


def build_message(
    to: str, subject: str, template: str, headers: dict[str, str] | None = None, **context: object
) -> EmailMessage:
    """A multipart message from templates/email/<template>.txt and .html."""
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="rebound.local")
    for name, value in (headers or {}).items():
        msg[name] = value
    context.setdefault("base_url", current_app.config["BASE_URL"])
    msg.set_content(render_template(f"email/{template}.txt", **context))
    msg.add_alternative(render_template(f"email/{template}.html", **context), subtype="html")
    return msg


@contextmanager
def smtp_connection() -> Iterator[smtplib.SMTP]:
    cfg = current_app.config
    conn = smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=30)
    try:
        if cfg["MAIL_USE_TLS"]:
            conn.starttls()
        if cfg["MAIL_USERNAME"]:
            conn.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"] or "")
        yield conn
    finally:
        try:
            conn.quit()
        except smtplib.SMTPException:
            conn.close()


def send(messages: Iterable[EmailMessage]) -> None:
    with smtp_connection() as conn:
        for msg in messages:
            conn.send_message(msg)
