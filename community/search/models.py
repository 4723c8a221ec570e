"""The search area has no tables of its own in the models: its index lives in database objects the
migration creates (community/search/schema.py). Schemas built with `create_all`, as the tests build theirs,
get the same objects through the metadata's DDL events."""

from __future__ import annotations

from community.extensions import db
from community.models import database_objects
from community.search import schema

database_objects(db.metadata, schema.create_statements, schema.drop_statements)
