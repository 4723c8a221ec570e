"""compose.yaml wires web, scalable workers, PostgreSQL, Redis and Mailpit (Docker itself does not run here)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml

COMPOSE = Path(__file__).resolve().parent.parent / "compose.yaml"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def command(service: dict) -> str:
    """The command as words, with an `sh -c` script split as the shell would."""
    cmd = service["command"]
    words = shlex.split(cmd) if isinstance(cmd, str) else list(cmd)
    if words[:2] == ["sh", "-c"]:
        words = shlex.split(words[2])
    return " ".join(words)


def test_services(compose):
    assert {"web", "worker", "postgres", "redis", "mailpit"} <= set(compose["services"])
    services = compose["services"]
    assert services["postgres"]["image"].startswith("postgres:16")
    assert "healthcheck" in services["postgres"]
    assert any(v.endswith(":/var/lib/postgresql/data") for v in services["postgres"]["volumes"])
    assert services["redis"]["image"].startswith("redis:7")
    assert services["mailpit"]["image"].startswith("axllent/mailpit")


def test_web_and_worker_share_one_environment(compose):
    shared = compose["x-rebound-env"]
    web, worker = compose["services"]["web"], compose["services"]["worker"]
    assert web["environment"] == worker["environment"] == shared
    assert "environment: *rebound-env" in COMPOSE.read_text()
    assert shared["DATABASE_URL"] == "postgresql+psycopg://rebound:rebound@postgres:5432/rebound"
    assert shared["REDIS_URL"] == "redis://redis:6379/0"
    assert shared["MAIL_SERVER"] == "mailpit"
    assert str(shared["MAIL_PORT"]) == "1025"
    assert shared["BASE_URL"]
    pg = compose["services"]["postgres"]["environment"]
    assert (pg["POSTGRES_USER"], pg["POSTGRES_PASSWORD"], pg["POSTGRES_DB"]) == ("rebound",) * 3


def test_web_migrates_then_serves_with_gunicorn(compose):
    web = compose["services"]["web"]
    cmd = command(web)
    assert "flask --app community db upgrade" in cmd
    assert cmd.index("db upgrade") < cmd.index("gunicorn")
    assert "gunicorn community:create_app() -b 0.0.0.0:8000" in cmd
    assert any(str(p).endswith(":8000") for p in web["ports"])
    assert {"postgres", "redis"} <= set(web["depends_on"])


def test_worker_can_be_scaled(compose):
    worker = compose["services"]["worker"]
    assert command(worker).endswith("python -m worker")
    assert "container_name" not in worker
    assert "ports" not in worker


def test_app_services_run_the_mounted_project_on_python_311(compose):
    services = compose["services"]
    for name in ("web", "worker"):
        service = services[name]
        assert service["image"] == "python:3.11-slim"
        assert service["working_dir"] == "/app"
        assert ".:/app" in service["volumes"]
    install = services["install"]
    assert ".:/app" in install["volumes"] and "pip install" in command(install)
    assert services["web"]["depends_on"]["install"]["condition"] == "service_completed_successfully"
    assert not (COMPOSE.parent / "Dockerfile").exists()
