"""Building and sending email over SMTP (one connection for a batch of messages)."""

from __future__ import annotations

import binascii
import re
import secrets
import smtplib
import socket
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from email.header import Header
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid, parseaddr

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
        # `begin_send` sends a message's final line on its own; unacknowledged data before it must not
        # hold it back (Nagle's algorithm waiting on the server's delayed ACK costs up to 40 ms a mail).
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
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


def build_raw(
    to: str,
    subject: str,
    template: str,
    headers: dict[str, str] | None = None,
    eight_bit: bool = False,
    **context: object,
) -> bytes:
    """What `build_message` builds, assembled straight into bytes: for bulk mail, where the email
    package's header objects cost more per message than the SMTP conversation itself.

    Plain text and HTML as UTF-8 alternatives: sent as they are when the server takes 8-bit mail
    (`eight_bit`, RFC 6152) or they are plain ASCII, else quoted-printable. Header values are single
    lines (no value can start a header of its own), non-ASCII ones RFC 2047 encoded.
    """
    context.setdefault("base_url", current_app.config["BASE_URL"])
    # Straight through Jinja: mail has no request, so Flask's context processors have nothing to add.
    env = current_app.jinja_env
    text = env.get_template(f"email/{template}.txt").render(context)
    html = env.get_template(f"email/{template}.html").render(context)
    boundary = f"=_rebound_{secrets.token_hex(12)}"
    extra = {name: _header_value(value) for name, value in (headers or {}).items()}
    fields = {
        "From": _address(current_app.config["MAIL_DEFAULT_SENDER"]),
        "To": _address(to),
        "Subject": _header_value(subject),
        "Date": formatdate(usegmt=True),
        "Message-ID": extra.pop("Message-ID", None) or make_msgid(domain="rebound.local"),
        **extra,
        "MIME-Version": "1.0",
        "Content-Type": f'multipart/alternative; boundary="{boundary}"',
    }
    head = "".join(f"{name}: {value}\r\n" for name, value in fields.items()).encode("ascii")
    return b"".join(
        [
            head,
            b"\r\n",
            _body_part(boundary, "text/plain", text, eight_bit),
            _body_part(boundary, "text/html", html, eight_bit),
            f"--{boundary}--\r\n".encode("ascii"),
        ]
    )


def _header_value(value: str) -> str:
    value = " ".join(str(value).split())
    return value if value.isascii() else Header(value, "utf-8").encode(linesep="\r\n")


def _address(value: str) -> str:
    value = " ".join(str(value).split())
    if value.isascii() and "<" not in value:
        return value
    name, address = parseaddr(value)
    return formataddr((name, address), charset="utf-8")


# SMTP's limit on a line, without its CRLF (RFC 5321 4.5.3.1.6).
MAX_LINE = 998
_LEADING_DOT = re.compile(rb"(?m)^\.")


def _body_part(boundary: str, content_type: str, body: str, eight_bit: bool) -> bytes:
    data = body.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    as_is = b"\0" not in data and max(map(len, data.split(b"\n"))) <= MAX_LINE
    if as_is and data.isascii():
        encoding = "7bit"
    elif as_is and eight_bit:
        encoding = "8bit"
    else:
        encoding, data = "quoted-printable", binascii.b2a_qp(data, istext=True)
    head = (
        f'--{boundary}\r\nContent-Type: {content_type}; charset="utf-8"\r\n'
        f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
    )
    return head.encode("ascii") + data.replace(b"\n", b"\r\n") + b"\r\n"


def envelope_sender() -> str:
    return parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1]


def begin_send(
    conn: smtplib.SMTP,
    sender: str,
    to: str,
    data: bytes,
    options: Iterable[str] = (),
    before_end: Callable[[], None] | None = None,
) -> None:
    """Hand one message (bytes with CRLF line ends, as `build_raw` makes) to the server, without waiting
    for its verdict: `end_send` reads that. Meanwhile the caller can prepare the next message while the
    server takes this one in, instead of each side waiting for the other.

    `before_end` runs when all but the final "." line is sent: until that line, the server drops the
    message if the connection breaks, so a caller recording the mail as sent there never has a mail out
    that it did not record. Raises like `smtplib.SMTP.sendmail` when the sender or the recipient is refused.
    """
    conn.ehlo_or_helo_if_needed()
    code, reply = conn.mail(sender, list(options))
    if code != 250:
        conn.rset()
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    code, reply = conn.rcpt(to)
    if code not in (250, 251):
        conn.rset()
        raise smtplib.SMTPRecipientsRefused({to: (code, reply)})
    code, reply = conn.docmd("data")
    if code != 354:
        conn.rset()
        raise smtplib.SMTPDataError(code, reply)
    # A line starting with "." gets a second one, as RFC 5321 4.5.2 asks.
    conn.send(_LEADING_DOT.sub(b"..", data))
    if before_end is not None:
        try:
            before_end()
        except BaseException:
            # Closed without its final line, the message is dropped by the server.
            conn.close()
            raise
    conn.send(b".\r\n")


def end_send(conn: smtplib.SMTP) -> None:
    """The server's verdict on the message `begin_send` handed over; SMTPDataError unless accepted."""
    code, reply = conn.getreply()
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)
