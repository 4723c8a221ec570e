"""reply reports, content notes and the reader's preferences

Revision ID: e2b7c3d94f10
Revises: c4e1a9d7b213
Create Date: 2026-12-05 12:00:00

"""
from alembic import op
import sqlalchemy as sa

from community.models import UTCDateTime


revision = 'e2b7c3d94f10'
down_revision = 'c4e1a9d7b213'
branch_labels = None
depends_on = None

# Every member had every kind but reactions mailed, as a new member does.
MAILED_KINDS = '\'["reply", "moderation", "mentorship", "followup"]\''


def upgrade():
    op.create_table('reply_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reply_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['reply_id'], ['reply.id'], name=op.f('fk_reply_report_reply_id_reply'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['user.id'], name=op.f('fk_reply_report_reporter_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reply_report')),
    sa.UniqueConstraint('reply_id', 'reporter_id', name=op.f('uq_reply_report_reply_id')),
    )
    with op.batch_alter_table('reply_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reply_report_reply_id'), ['reply_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reply_report_reporter_id'), ['reporter_id'], unique=False)
    # Plain ADD COLUMNs (no table rebuild), with server defaults for the rows already there.
    op.add_column('story', sa.Column('content_notes', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
    op.add_column('user', sa.Column('show_content_notes', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('user', sa.Column('email_notifications', sa.JSON(), nullable=False, server_default=sa.text(MAILED_KINDS)))


def downgrade():
    op.drop_column('user', 'email_notifications')
    op.drop_column('user', 'show_content_notes')
    op.drop_column('story', 'content_notes')
    with op.batch_alter_table('reply_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reply_report_reporter_id'))
        batch_op.drop_index(batch_op.f('ix_reply_report_reply_id'))
    op.drop_table('reply_report')
