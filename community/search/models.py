"""The search area has no tables of its own in the models: its index lives in database objects the
migration creates (community/search/schema.py). Schemas built with `create_all`, as the tests build theirs,
get the same objects through the metadata's DDL events."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from community.extensions import db
from community.search import schema


@event.listens_for(db.metadata, "after_create")
def _create_index(target: Any, connection: Any, **kw: Any) -> None:
    for statement in schema.create_statements(connection.dialect.name):
        connection.exec_driver_sql(statement)


@event.listens_for(db.metadata, "before_drop")
def _drop_index(target: Any, connection: Any, **kw: Any) -> None:
    for statement in schema.drop_statements(connection.dialect.name):
        connection.exec_driver_sql(statement)
