"""Rebound: a community for picking yourself up after a job-interview rejection."""

from __future__ import annotations

import logging
from importlib import import_module, util
from pathlib import Path
from typing import Any

from flask import Flask, jsonify, render_template, request
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException

from community.config import Config, engine_options
from community.errors import ServiceError
from community.extensions import csrf, db, limiter, login_manager, migrate

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
AREAS = ("accounts", "stories", "groups", "mentorship", "moderation", "digest")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        instance_relative_config=True,
    )
    app.config.from_object(Config(app.instance_path))
    if config:
        app.config.update(config)
    # Chosen after the overrides, so options always suit the database actually used.
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    _register_models()
    _register_blueprints(app)
    _register_errors(app)
    _register_cli(app)

    app.after_request(_security_headers)
    return app


def _register_models() -> None:
    """Every area's models and services, so relationships resolve and sweepers register."""
    for area in AREAS:
        import_module(f"community.{area}.models")
    for area in AREAS:
        if util.find_spec(f"community.{area}.services") is not None:
            import_module(f"community.{area}.services")


def _register_blueprints(app: Flask) -> None:
    from community import pages
    from community.api import bp as api_bp
    from community.api.spec import spec

    app.register_blueprint(pages.bp)
    for area in AREAS:
        app.register_blueprint(import_module(f"community.{area}.views").bp)
        import_module(f"community.{area}.api")
    csrf.exempt(api_bp)
    app.register_blueprint(api_bp)
    spec.register(app)

    from community.accounts.models import User

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        return db.session.get(User, int(user_id)) if user_id.isdigit() else None

    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _register_errors(app: Flask) -> None:
    from community.api.errors import error_body, http_error_body

    @app.errorhandler(Exception)
    def handle_error(exc: Exception):
        db.session.rollback()
        headers: dict[str, str] = {}
        if isinstance(exc, ServiceError):
            status, body = exc.status, error_body(exc.status, exc.message, exc.fields, exc.code)
        elif isinstance(exc, HTTPException):
            status, body = exc.code or 500, http_error_body(exc)
            headers = dict(exc.get_response().headers)
            headers.pop("Content-Type", None)
            headers.pop("Content-Length", None)
        elif isinstance(exc, OperationalError | PoolTimeoutError):
            log.warning("database unavailable: %s", exc)
            status = 503
            body = error_body(503, "The service is briefly unavailable. Please try again in a moment.")
            headers["Retry-After"] = "5"
        else:
            log.exception("unhandled error on %s %s", request.method, request.path)
            status, body = 500, error_body(500, "Something went wrong on our side. Please try again.")
        if status == 429 and "Retry-After" not in headers:
            headers["Retry-After"] = "60"
        if _wants_json():
            return jsonify(body), status, headers
        return render_template("errors.html", status=status, error=body["error"]), status, headers


def _register_cli(app: Flask) -> None:
    from community import cli

    cli.register(app)


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
