"""Rebound: a community for picking yourself up after a job-interview rejection."""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import Any

from flask import Flask, g, jsonify, render_template, request, session
from flask.json.provider import DefaultJSONProvider
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from community import areas, cli, pages
from community.accounts import services as accounts_services
from community.accounts.models import User
from community.api import bp as api_bp
from community.api.errors import error_body, http_error_body
from community.api.spec import spec
from community.config import Config, engine_options
from community.errors import ServiceError
from community.extensions import csrf, db, limiter, login_manager, migrate
from community.models import MAX_ID

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
NUL_MESSAGE = "Remove the invisible control character (NUL) from this text."


class _DatabaseId(IntegerConverter):
    """`<int:...>` in every route: an id beyond what an id column holds cannot exist, so 404 at once rather
    than a query that overflows PostgreSQL's integer type."""

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        if number > MAX_ID:
            # Not a ValidationError: that would let another method's rule for this path answer 405.
            raise NotFound()
        return number


class _JSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            # Deep nesting exhausts the parser's stack: malformed input (400), not a fault of ours.
            raise ValueError("JSON nested too deeply") from None


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        instance_relative_config=True,
    )
    app.url_map.converters["int"] = _DatabaseId
    app.json = _JSONProvider(app)
    app.config.from_object(Config(app.instance_path))
    if config:
        app.config.update(config)
    if app.config["BASE_URL"].startswith("https://"):
        # Served over TLS: the session cookie never travels in the clear.
        app.config["SESSION_COOKIE_SECURE"] = app.config["REMEMBER_COOKIE_SECURE"] = True
    # Chosen after the overrides, so options always suit the database actually used.
    app.config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS",
        engine_options(app.config["SQLALCHEMY_DATABASE_URI"], app.config["DATABASE_BUSY_TIMEOUT"]),
    )
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    _register_blueprints(app)
    _register_errors(app)
    _register_cli(app)

    if app.config.get("TRUSTED_PROXIES"):
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    app.before_request(_refuse_nul)
    app.after_request(_security_headers)
    if not app.testing:
        # What exists now (modules, the app, its extensions) lives as long as the process. Out of the garbage
        # collector's sight it is never scanned again, which spares each web and worker process its full
        # collections: tens of milliseconds, in the middle of whichever request triggered one.
        gc.freeze()
    return app


def _register_blueprints(app: Flask) -> None:
    app.register_blueprint(pages.bp)
    for area in areas.AREAS:
        # (An area's API routes are registered on the API blueprint as its module is imported.)
        if area.views is not None:
            app.register_blueprint(area.views.bp)
    csrf.exempt(api_bp)
    app.register_blueprint(api_bp)
    spec.register(app)

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        return accounts_services.user_for_session(session_id)

    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _register_errors(app: Flask) -> None:
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
        elif isinstance(exc, DataError):
            # A value the database refused (out of range, unstorable): the request's fault, said plainly.
            log.warning("database refused a value on %s %s: %s", request.method, request.path, exc.orig)
            status = 400
            body = error_body(400, "A value in this request is out of range or not allowed.")
        elif isinstance(exc, OperationalError | PoolTimeoutError):
            log.warning("database unavailable: %s", exc)
            # The page is drawn as for a visitor: looking up who is signed in needs the database too.
            g._login_user = login_manager.anonymous_user()
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
    cli.register(app)


def _field_with_nul() -> str | None:
    """The first field (query, form, JSON body or HTTP Basic credentials) holding a NUL character.

    Each source is parsed only when it can hold one: most requests are plain GETs with no NUL anywhere."""
    query = request.query_string
    fields = [*request.args.lists()] if b"%00" in query or b"\x00" in query else []
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        fields += request.form.lists()
    for key, values in fields:
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "") or "query"
    auth = request.authorization if request.headers.get("Authorization", "")[:6].lower() == "basic " else None
    if auth is not None:
        for name, value in (("email", auth.username), ("password", auth.password)):
            if "\x00" in (value or ""):
                return name
    stack: list[tuple[str, Any]] = [("", request.get_json(silent=True))] if request.is_json else []
    while stack:
        name, value = stack.pop()
        if isinstance(value, str) and "\x00" in value:
            return name or "body"
        if isinstance(value, dict):
            items = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            continue
        for key, item in items:
            child = f"{name}.{key}" if name else str(key)
            if "\x00" in child:
                return child.replace("\x00", "")
            stack.append((child, item))
    return None


def _refuse_nul() -> None:
    """PostgreSQL cannot store NUL characters and no text needs one: every area refuses them the same way."""
    field = _field_with_nul()
    if field is not None:
        raise ServiceError(422, "Some fields need another look.", {field: NUL_MESSAGE})


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.path.startswith("/api/") or "_user_id" in session:
        # A member's pages and every API answer stay out of shared and back-button caches.
        response.headers["Cache-Control"] = "no-store"
    return response
