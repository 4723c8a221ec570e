"""Settings read from the environment (see the contract's configuration table)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy.engine import make_url


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(instance_path: str) -> str:
    """A key generated once and kept in the instance folder, so sessions survive restarts."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


CRISIS_RESOURCES_DEFAULT = (
    "You are not alone, and what you are feeling matters. If you are thinking about ending your life or "
    "hurting yourself, please reach out now: in the US call or text 988 (Suicide & Crisis Lifeline); "
    "in the UK and Ireland call Samaritans on 116 123; elsewhere, findahelpline.com lists free, "
    "confidential lines in your country. If you are in immediate danger, call your local emergency number."
)


class Config:
    """Production defaults; every value can be overridden by the environment."""

    TESTING = False

    def __init__(self, instance_path: str) -> None:
        env = os.environ
        self.SQLALCHEMY_DATABASE_URI = env.get("DATABASE_URL") or (
            "sqlite:///" + str(Path(instance_path) / "rebound.sqlite")
        )
        self.REDIS_URL = env.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
        self.SECRET_KEY = env.get("SECRET_KEY") or _secret_key(instance_path)
        # Comma-separated keys for the private toolkit, the first the current one (see toolkit/crypto.py);
        # empty: one key derived from SECRET_KEY.
        self.TOOLKIT_KEY = env.get("TOOLKIT_KEY") or ""
        self.BASE_URL = (env.get("BASE_URL") or "http://127.0.0.1:5000").rstrip("/")
        # Reverse proxies in front of the web: only then is X-Forwarded-For believed (werkzeug's ProxyFix).
        self.TRUSTED_PROXIES = int(env.get("TRUSTED_PROXIES") or 0)
        # Days after confirming their email before a member's stories count towards showing a company and
        # their reports hold a post.
        self.TRUST_MIN_AGE_DAYS = float(env.get("TRUST_MIN_AGE_DAYS") or 7)
        self.MAIL_SERVER = env.get("MAIL_SERVER") or "127.0.0.1"
        self.MAIL_PORT = int(env.get("MAIL_PORT") or 8025)
        self.MAIL_USERNAME = env.get("MAIL_USERNAME") or None
        self.MAIL_PASSWORD = env.get("MAIL_PASSWORD") or None
        self.MAIL_USE_TLS = _bool(env.get("MAIL_USE_TLS"), False)
        self.MAIL_DEFAULT_SENDER = env.get("MAIL_DEFAULT_SENDER") or "digest@rebound.local"
        self.RATELIMIT_ENABLED = _bool(env.get("RATELIMIT_ENABLED"), True)
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL
        self.CRISIS_RESOURCES = env.get("CRISIS_RESOURCES") or CRISIS_RESOURCES_DEFAULT
        # How fast work left behind by a crashed worker is taken up again, in seconds. A job may run
        # JOB_TIMEOUT; a job whose worker died is found abandoned soon after that (worker/__main__.py checks
        # every WORKER_MAINTENANCE_INTERVAL) and retried; the sweeper runs every SWEEP_INTERVAL; a digest
        # delivery claimed but not sent for DIGEST_STALE_CLAIM (keep it above JOB_TIMEOUT, so a batch still
        # running is never doubled) is sent again. The defaults recover within three minutes.
        self.JOB_TIMEOUT = int(env.get("JOB_TIMEOUT") or 60)
        self.WORKER_MAINTENANCE_INTERVAL = int(env.get("WORKER_MAINTENANCE_INTERVAL") or 30)
        self.SWEEP_INTERVAL = int(env.get("SWEEP_INTERVAL") or 60)
        # How long the cron leader's lock lives unless renewed (renewed every third of it): a worker that died
        # hands the schedule on within this many seconds.
        self.CRON_LOCK_TTL = int(env.get("CRON_LOCK_TTL") or 90)
        self.DIGEST_STALE_CLAIM = int(env.get("DIGEST_STALE_CLAIM") or 90)
        # Seconds by which visitors' feed pages may lag behind new stories and counts when the site is busy
        # (community/feed/cache.py); 0 rebuilds them after every change.
        self.FEED_BUSY_LAG = float(env.get("FEED_BUSY_LAG") or 1.0)
        # Seconds a statement waits for a lock held by someone else before the request answers 503.
        self.DATABASE_BUSY_TIMEOUT = float(env.get("DATABASE_BUSY_TIMEOUT") or 15)

    SQLALCHEMY_TRACK_MODIFICATIONS = False
    MAX_CONTENT_LENGTH = 64 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_KEY_PREFIX = "rebound-limits"
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    API_TOKEN_TTL_DAYS = 30
    # werkzeug's scrypt; the test suite picks a cheaper method so that creating accounts stays fast.
    PASSWORD_HASH_METHOD = "scrypt"
    DIGEST_BATCH_SIZE = 250


def engine_options(url: str, busy_timeout: float = 15) -> dict:
    if url.startswith("sqlite"):
        # A busy SQLite file waits for the writer instead of failing at once.
        return {"connect_args": {"timeout": busy_timeout}}
    connect_args: dict = {"connect_timeout": 5}
    if "options" not in make_url(url).query:
        # A table locked for longer (a stuck migration, a long transaction) fails the request, not the site.
        connect_args["options"] = f"-c lock_timeout={int(busy_timeout * 1000)}"
    # A connection the server dropped is replaced at checkout (extensions._refuse_dropped_connection).
    return {"connect_args": connect_args}
