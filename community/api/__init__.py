"""/api/v1 plumbing: the blueprint, token authentication, the error shape, pagination and the spec."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from community.api import auth  # noqa: E402,F401  (registers the token routes and request hook)
