"""notifications mailed in hourly batches per member and kind, each mail recorded before it is sent

Revision ID: d7f3b9c26e14
Revises: c5e8a2f71b39
Create Date: 2026-12-05 16:00:00

"""
from alembic import op
import sqlalchemy as sa

from community.models import UTCDateTime


revision = 'd7f3b9c26e14'
down_revision = 'c5e8a2f71b39'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notification_mail',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('claimed_at', UTCDateTime(), nullable=False),
    sa.Column('handed_over_at', UTCDateTime(), nullable=True),
    sa.Column('sent_at', UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_notification_mail_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_mail')),
    )
    with op.batch_alter_table('notification_mail', schema=None) as batch_op:
        batch_op.create_index('ix_notification_mail_member_kind', ['user_id', 'kind', 'claimed_at'], unique=False)
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mail_id', sa.Integer(), nullable=True))
        # Notifications from before mailing began count as their own: nobody gets a mail of old news.
        batch_op.add_column(sa.Column('own_mail', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.create_index(batch_op.f('ix_notification_mail_id'), ['mail_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_notification_mail_id_notification_mail'), 'notification_mail', ['mail_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_notification_mail_id_notification_mail'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_notification_mail_id'))
        batch_op.drop_column('own_mail')
        batch_op.drop_column('mail_id')
    with op.batch_alter_table('notification_mail', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_mail_member_kind')
    op.drop_table('notification_mail')
