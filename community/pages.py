"""The home page and the health check."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text

from community import queue
from community.extensions import db, limiter
from community.stories.views import feed

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():

    return feed()


@bp.get("/healthz")
@limiter.exempt
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        db_state = "ok"
    except Exception:  # any failure to reach the database means it is down for this check
        db.session.rollback()
        db_state = "down"
    redis_state = "ok" if queue.ping() else "down"
    status = 200 if db_state == redis_state == "ok" else 503
    return jsonify({"db": db_state, "redis": redis_state}), status
