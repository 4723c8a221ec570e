"""Encryption at rest for the toolkit's text: Fernet keys from TOOLKIT_KEY, rotated with MultiFernet.

TOOLKIT_KEY holds comma-separated keys, the first the current one. Each is a Fernet key or any passphrase
(stretched with HKDF); without TOOLKIT_KEY the one key is derived from SECRET_KEY, so that putting the old
SECRET_KEY second in TOOLKIT_KEY keeps older rows readable until `flask --app community toolkit rotate-key`
has re-encrypted them with the first.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

_INFO = b"rebound toolkit at rest"


def _fernet_key(secret: str) -> bytes:
    """A Fernet key as given, or one derived from a passphrase."""
    try:
        if len(base64.urlsafe_b64decode(secret.encode())) == 32:
            return secret.encode()
    except (binascii.Error, ValueError):
        pass
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(secret.encode())
    return base64.urlsafe_b64encode(derived)


def key_list(config: Any) -> list[str]:
    raw = config.get("TOOLKIT_KEY") or ""
    keys = [part.strip() for part in raw.split(",") if part.strip()]
    return keys or [config["SECRET_KEY"]]


def fernet() -> MultiFernet:
    """The app's MultiFernet, built once per app and set of keys."""
    keys = tuple(key_list(current_app.config))
    cached = current_app.extensions.get("toolkit_fernet")
    if cached is None or cached[0] != keys:
        cached = (keys, MultiFernet([Fernet(_fernet_key(k)) for k in keys]))
        current_app.extensions["toolkit_fernet"] = cached
    return cached[1]


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        # Written under a key no longer listed in TOOLKIT_KEY: unreadable, and said so without the text.
        raise RuntimeError("a toolkit value cannot be decrypted with any key in TOOLKIT_KEY") from None


def rotate(token: str) -> str:
    """The same value encrypted under the current key."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


class EncryptedText(TypeDecorator):
    """Text stored as a Fernet token; None stays NULL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect) -> str | None:
        return None if value is None else encrypt(value)

    def process_result_value(self, value: str | None, dialect) -> str | None:
        return None if value is None else decrypt(value)


class EncryptedJSON(TypeDecorator):
    """A JSON value (lists, dicts of text) stored as one Fernet token."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect) -> str | None:
        return None if value is None else encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True))

    def process_result_value(self, value: str | None, dialect) -> Any:
        return None if value is None else json.loads(decrypt(value))
