"""`flask db upgrade` builds exactly the models' schema on a fresh database, and downgrades cleanly."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from community import create_app
from community.extensions import db


@pytest.fixture
def fresh_database(tmp_path, worker_id) -> Iterator[str]:
    """An empty database: a new SQLite file, or a new database on the PostgreSQL server under test."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'fresh.sqlite'}"
        return
    url = make_url(base)
    name = f"rebound_migrations_{worker_id}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def keep_logging() -> Iterator[None]:
    """Alembic's env.py reconfigures logging (and disables existing loggers); later tests need it back."""
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    loggers = [lg for lg in logging.root.manager.loggerDict.values() if isinstance(lg, logging.Logger)]
    disabled = {lg.name: lg.disabled for lg in loggers}
    yield
    root.setLevel(level)
    root.handlers[:] = handlers
    for lg in loggers:
        lg.disabled = disabled[lg.name]


def test_upgrade_builds_the_models_schema_and_downgrade_removes_it(
    fresh_database, redis_server, keep_logging
):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": fresh_database,
            "REDIS_URL": redis_server.url,
            "RATELIMIT_STORAGE_URI": redis_server.url,
            "SECRET_KEY": "test-secret",
        }
    )
    with app.app_context():
        flask_migrate.upgrade()
        with db.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), db.metadata)
        assert differences == [], "the migrations and the models disagree; regenerate the migration"
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())

        flask_migrate.downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}

        # And back up again: a downgraded database can be upgraded as if new.
        flask_migrate.upgrade()
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())
        db.engine.dispose()
