"""Errors the services raise for anything a client did; pages show them on forms, the API as JSON."""

from __future__ import annotations

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
    503: "unavailable",
}


class ServiceError(Exception):
    """An error a client can act on: status, a stable code, a human message, and the fields at fault."""

    def __init__(
        self, status: int, message: str, fields: dict[str, str] | None = None, code: str | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields or {}
        self.code = code or CODES.get(status, "error")


def invalid(**fields: str) -> ServiceError:
    return ServiceError(422, "Some fields need another look.", fields)


def not_found(what: str = "That") -> ServiceError:
    return ServiceError(404, f"{what} was not found.")


def forbidden(message: str = "You are not allowed to do that.") -> ServiceError:
    return ServiceError(403, message)


def conflict(message: str) -> ServiceError:
    return ServiceError(409, message)
