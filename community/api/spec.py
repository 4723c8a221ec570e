"""Validation and the OpenAPI document from one set of pydantic models (spectree)."""

from __future__ import annotations

import copy
from typing import Any, Generic, TypeVar

from flask import request
from pydantic import BaseModel, ConfigDict
from spectree import SecurityScheme, SpecTree
from spectree.models import SecuritySchemeData

from community.errors import ServiceError as APIError


def _before(req: Any, resp: Any, req_validation_error: Any, instance: Any, model_adapter: Any) -> None:
    """Turn spectree's outcome into the contract's errors: 400 for unreadable JSON, 422 naming fields."""
    if req.method in ("POST", "PUT", "PATCH") and req.content_length and req.get_json(silent=True) is None:
        raise APIError(400, "The request body must be valid JSON (Content-Type: application/json).")
    if req_validation_error is None:
        return
    fields: dict[str, str] = {}
    for err in req_validation_error.errors():
        loc = [str(part) for part in err.get("loc", ()) if part not in ("body", "query")]
        name = ".".join(loc) or "body"
        msg = err.get("msg", "is invalid")
        msg = msg.removeprefix("Value error, ")
        fields.setdefault(name, msg)
    if "body" in fields and len(fields) == 1 and request.is_json is False:
        raise APIError(400, "The request body must be JSON.")
    raise APIError(422, "Some fields need another look.", fields)


Item = TypeVar("Item")


class Page(BaseModel, Generic[Item]):
    """One page of a list, in the shape every list of the API shares. Each list names its own page
    (`class StoryPage(Page[StoryOut])`), so the OpenAPI document reads as `StoryPage`, not `Page[StoryOut]`."""

    items: list[Item]
    page: int
    pages: int
    total: int


class ErrorDetail(BaseModel):
    code: str
    message: str
    fields: dict[str, str] = {}


class ErrorResponse(BaseModel):
    error: ErrorDetail


spec = SpecTree(
    "flask",
    title="Rebound API",
    version="1",
    # spectree skips routes under its own path, so its copy lives apart; /api/v1/openapi.json serves it.
    path="apidoc",
    mode="strict",
    page_templates={},
    before=_before,
    security_schemes=[
        SecurityScheme(name="bearer", data=SecuritySchemeData(type="http", scheme="bearer")),
        SecurityScheme(name="basic", data=SecuritySchemeData(type="http", scheme="basic")),
    ],
    validation_error_status=422,
    validation_error_model=ErrorResponse,
)


class Schema(BaseModel):
    """Request bodies reject unknown fields' types but tolerate extra keys, as clients evolve."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="ignore")


BEARER = {"bearer": []}


# Answers any operation may give whatever its own declaration lists: a rejected token on every route, and a
# body that is not JSON or too large wherever one can be sent.
_COMMON_ERRORS = {
    "400": ("The body is not valid JSON.", ("post", "put", "patch")),
    "401": ("The token is missing, invalid or expired.", ("get", "post", "put", "patch", "delete")),
    "413": ("The body is over 64 KiB.", ("post", "put", "patch")),
}
_document: dict[str, Any] | None = None


def api_document() -> dict[str, Any]:
    """The OpenAPI document: spectree's, with the common errors added to each operation."""
    global _document
    if _document is None:
        document = copy.deepcopy(spec.spec)
        for operations in document["paths"].values():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                invalid = responses.get("422")
                if invalid is None:
                    continue
                for status, (description, methods) in _COMMON_ERRORS.items():
                    if method in methods and status not in responses:
                        responses[status] = {"description": description, "content": invalid["content"]}
        _document = document
    return _document
