"""full-text search over published stories and lessons

Revision ID: c4e1a9d7b213
Revises: 8d2f4a6c1e03
Create Date: 2026-12-05 07:40:00

SQLite: FTS5 tables and the triggers that keep them in step. PostgreSQL: a weighted tsvector per published
story with a GIN index, a GIN expression index on lessons, and the triggers. Both are filled from the stories
already published. (A later migration that rebuilds `story` or `lesson` on SQLite in batch mode must drop
these objects first and create them again after, as this one does: SQLite refuses to rename a table back
into place while triggers on another table name it.)
"""
from alembic import op

from community.search import schema


revision = 'c4e1a9d7b213'
down_revision = '8d2f4a6c1e03'
branch_labels = None
depends_on = None


def upgrade():
    dialect = op.get_bind().dialect.name
    for statement in schema.create_statements(dialect):
        op.get_bind().exec_driver_sql(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    for statement in schema.drop_statements(dialect):
        op.get_bind().exec_driver_sql(statement)
