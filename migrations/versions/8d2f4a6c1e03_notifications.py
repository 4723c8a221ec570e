"""notifications

Revision ID: 8d2f4a6c1e03
Revises: 5b1c0e7d2a91
Create Date: 2026-12-05 06:00:00

"""
from alembic import op
import sqlalchemy as sa

from community.models import UTCDateTime


revision = '8d2f4a6c1e03'
down_revision = '5b1c0e7d2a91'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=True),
    sa.Column('subject_key', sa.String(length=120), nullable=True),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('read_at', UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_notification_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index('ix_notification_unread', ['user_id', 'read_at'], unique=False)
        batch_op.create_index('ix_notification_subject', ['user_id', 'subject_key'], unique=False)


def downgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_subject')
        batch_op.drop_index('ix_notification_unread')
    op.drop_table('notification')
