"""members follow stories to hear of new replies

Revision ID: b9d4f1e6a235
Revises: a7c2e5f90d18
Create Date: 2026-12-05 13:35:00

"""
from alembic import op
import sqlalchemy as sa

from community.models import UTCDateTime


revision = 'b9d4f1e6a235'
down_revision = 'a7c2e5f90d18'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('story_follow',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['story_id'], ['story.id'], name=op.f('fk_story_follow_story_id_story'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_story_follow_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story_follow')),
    sa.UniqueConstraint('story_id', 'user_id', name=op.f('uq_story_follow_story_id')),
    )
    with op.batch_alter_table('story_follow', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_follow_story_id'), ['story_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_story_follow_user_id'), ['user_id'], unique=False)
    # Every author follows their own stories, as new ones do from the start.
    op.execute(
        "INSERT INTO story_follow (story_id, user_id, created_at) "
        "SELECT id, author_id, created_at FROM story WHERE author_id IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table('story_follow', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_follow_user_id'))
        batch_op.drop_index(batch_op.f('ix_story_follow_story_id'))
    op.drop_table('story_follow')
