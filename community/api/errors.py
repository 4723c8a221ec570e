"""The contract's JSON error shape, used by the app's one error handler below /api/."""

from __future__ import annotations

from typing import Any

from werkzeug.exceptions import HTTPException

from community.errors import CODES
from community.errors import ServiceError as APIError

__all__ = ["APIError", "error_body", "http_error_body"]


def error_body(
    status: int, message: str, fields: dict[str, Any] | None = None, code: str | None = None
) -> dict:
    return {"error": {"code": code or CODES.get(status, "error"), "message": message, "fields": fields or {}}}


def http_error_body(exc: HTTPException) -> dict:
    message = exc.description or exc.name
    if exc.code == 429:
        message = "Too many requests. Please wait a moment and try again."
    return error_body(exc.code or 500, message)
