"""counts kept by triggers (published stories per group, stage and industry; lessons per group and category),
and an index in each list's own order

Revision ID: a1f9c3e5b7d2
Revises: e8a4c1d95f27
Create Date: 2026-12-05 18:45:00

"""
from alembic import op
import sqlalchemy as sa

from community.stories import tallies


revision = 'a1f9c3e5b7d2'
down_revision = 'e8a4c1d95f27'
branch_labels = None
depends_on = None

PUBLISHED_ONLY = {
    "sqlite_where": sa.text("status = 'published'"),
    "postgresql_where": sa.text("status = 'published'"),
}


def upgrade():
    op.create_table('story_tally',
    sa.Column('group_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('industry_key', sa.String(length=60), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('group_id', 'stage', 'industry_key')
    )
    op.create_table('lesson_tally',
    sa.Column('group_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('group_id', 'category')
    )
    op.create_index('ix_story_feed', 'story', ['published_at', 'id', 'group_id'], **PUBLISHED_ONLY)
    op.create_index(
        'ix_story_feed_filters', 'story',
        [sa.text('lower(industry)'), 'stage', 'published_at', 'id', 'group_id'],
        **PUBLISHED_ONLY,
    )
    op.create_index('ix_story_group_feed', 'story', ['group_id', 'published_at', 'id'], **PUBLISHED_ONLY)
    op.create_index('ix_story_helpful', 'story', ['helpful_count', 'published_at', 'id'], **PUBLISHED_ONLY)
    op.create_index('ix_story_author_created', 'story', ['author_id', 'created_at', 'id'])
    bind = op.get_bind()
    for statement in tallies.create_statements(bind.dialect.name):
        bind.exec_driver_sql(statement)


def downgrade():
    bind = op.get_bind()
    for statement in tallies.drop_statements(bind.dialect.name):
        bind.exec_driver_sql(statement)
    for name in ('ix_story_author_created', 'ix_story_helpful', 'ix_story_group_feed', 'ix_story_feed_filters',
                 'ix_story_feed'):
        op.drop_index(name, table_name='story')
    op.drop_table('lesson_tally')
    op.drop_table('story_tally')
