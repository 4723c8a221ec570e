"""Shared column helpers for the feature areas' models, and the mixin of the models visitors' pages show."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

# The largest value an integer id column holds on every supported database (PostgreSQL's INTEGER); a larger
# id from a client cannot exist, and comparing with one would overflow the query on PostgreSQL.
MAX_ID = 2**31 - 1


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


def isoformat(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None


def to_the_hour(value: datetime | None) -> datetime | None:
    """Rounded down to the hour: what the public sees of when something was posted."""
    return value.replace(minute=0, second=0, microsecond=0) if value else None


def database_objects(
    metadata: MetaData, create: Callable[[str], list[str]], drop: Callable[[str], list[str]]
) -> None:
    """Have a schema built with `create_all` (as the tests build theirs) carry database objects the models
    do not describe (triggers, full-text tables), from the same statements the migration runs; `create` and
    `drop` take the dialect's name."""

    @event.listens_for(metadata, "after_create")
    def _create(target: Any, connection: Any, **kw: Any) -> None:
        for statement in create(connection.dialect.name):
            connection.exec_driver_sql(statement)

    @event.listens_for(metadata, "before_drop")
    def _drop(target: Any, connection: Any, **kw: Any) -> None:
        for statement in drop(connection.dialect.name):
            connection.exec_driver_sql(statement)


# --- what visitors see ------------------------------------------------------------------------------------
# How a change shows on visitors' pages (see community/feed/cache.py): SOFT adds to them or changes a count,
# HARD takes something away or alters it. A bulk statement's execution option `feed_change` may say UNSEEN
# (or SOFT) for what it writes.
SOFT, HARD, UNSEEN = "soft", "hard", "unseen"


class ShownToVisitors:
    """Mixin of the models whose rows visitors' pages show: the one list of what the visitors' caches watch.

    A model opts in by inheriting it and says how a change of one of its rows shows (`visitor_change`) and
    which bulk statements on its table change what visitors see (`visitor_statements`). The feed's cache
    listens to every session and asks only these models; a write to any other table leaves it alone.
    """

    # table name -> the bulk statements ("insert", "update", "delete") on it that visitors may see
    watched_tables: ClassVar[dict[str, frozenset[str]]] = {}
    visitor_statements: ClassVar[frozenset[str]] = frozenset({"insert", "update", "delete"})

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("__tablename__")
        if name:
            ShownToVisitors.watched_tables[name] = cls.visitor_statements

    def visitor_change(self, session: Session, deleted: bool) -> str | None:
        """How flushing this new, changed or deleted row changes visitors' pages: SOFT, HARD or None."""
        return HARD
