"""authors edit their stories and replies: each edit a version, moderated like a new post

Revision ID: e8a4c1d95f27
Revises: d7f3b9c26e14
Create Date: 2026-12-05 16:20:00

"""
from alembic import op
import sqlalchemy as sa

from community.models import UTCDateTime


revision = 'e8a4c1d95f27'
down_revision = 'd7f3b9c26e14'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('post_edit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('in_place', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('show_resources', sa.Boolean(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('decided_at', UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_post_edit_author_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_post_edit')),
    )
    with op.batch_alter_table('post_edit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_edit_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_post_edit_target', ['kind', 'target_id'], unique=False)
    with op.batch_alter_table('review_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edit_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_review_item_edit_id_post_edit'), 'post_edit', ['edit_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('review_item', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_review_item_edit_id_post_edit'), type_='foreignkey')
        batch_op.drop_column('edit_id')
    with op.batch_alter_table('post_edit', schema=None) as batch_op:
        batch_op.drop_index('ix_post_edit_target')
        batch_op.drop_index(batch_op.f('ix_post_edit_author_id'))
    op.drop_table('post_edit')
