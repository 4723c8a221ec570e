"""`flask db upgrade` builds exactly the models' schema on a fresh database, and downgrades cleanly."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from community import create_app
from community.extensions import db
from community.search.schema import is_search_object
from tests.helpers import throwaway_database


@pytest.fixture
def fresh_database(tmp_path, worker_id) -> Iterator[str]:
    """An empty database: a new SQLite file, or a new database on the PostgreSQL server under test."""
    with throwaway_database(f"rebound_migrations_{worker_id}", tmp_path) as url:
        yield url


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


def _not_search_index(obj, name, type_, reflected, compare_to) -> bool:
    return not (reflected and compare_to is None and is_search_object(name))


# Alembic cannot compare an index on an expression (`lower(industry)`) on either database; the test checks
# that such indexes exist by name instead.
@pytest.mark.filterwarnings("ignore:.*expression-based index")
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
            # The full-text index's own tables (community/search/schema.py) are not models.
            context = MigrationContext.configure(conn, opts={"include_object": _not_search_index})
            differences = compare_metadata(context, db.metadata)
        assert differences == [], "the migrations and the models disagree; regenerate the migration"
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())
        with db.engine.connect() as conn:
            found = set(
                conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'index'"
                    if conn.dialect.name == "sqlite"
                    else "SELECT indexname FROM pg_indexes"
                ).scalars()
            )
        wanted = {index.name for table in db.metadata.tables.values() for index in table.indexes}
        assert wanted <= found, wanted - found

        flask_migrate.downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}

        # And back up again: a downgraded database can be upgraded as if new.
        flask_migrate.upgrade()
        assert set(db.metadata.tables) <= set(inspect(db.engine).get_table_names())
        db.engine.dispose()
