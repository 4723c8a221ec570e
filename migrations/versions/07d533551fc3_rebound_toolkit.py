"""The rebound toolkit: debriefs, plans, plan actions and check-ins (text columns hold Fernet tokens)

Revision ID: 07d533551fc3
Revises: 35af2aa57203
Create Date: 2026-12-05 04:42:03.532933

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '07d533551fc3'
down_revision = '35af2aa57203'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('check_in',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('week', sa.String(length=8), nullable=False),
    sa.Column('applications', sa.Integer(), nullable=False),
    sa.Column('networking', sa.Integer(), nullable=False),
    sa.Column('skills_hours', sa.Double(), nullable=False),
    sa.Column('rest_days', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_check_in_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_in')),
    sa.UniqueConstraint('user_id', 'week', name='uq_check_in_user_week')
    )
    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_check_in_user_id'), ['user_id'], unique=False)

    op.create_table('debrief',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('company', sa.Text(), nullable=False),
    sa.Column('role', sa.Text(), nullable=True),
    sa.Column('industry', sa.Text(), nullable=True),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('interviewed_on', sa.Date(), nullable=False),
    sa.Column('outcome', sa.String(length=10), nullable=True),
    sa.Column('audit', sa.Text(), nullable=False),
    sa.Column('went_well', sa.Text(), nullable=False),
    sa.Column('feedback', sa.Text(), nullable=True),
    sa.Column('feedback_recorded', sa.Boolean(), nullable=False),
    sa.Column('request_sent_on', sa.Date(), nullable=True),
    sa.Column('follow_up_days', sa.Integer(), nullable=True),
    sa.Column('follow_up_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('followup_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_debrief_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_debrief'))
    )
    with op.batch_alter_table('debrief', schema=None) as batch_op:
        batch_op.create_index('ix_debrief_follow_up', ['follow_up_due_at', 'followup_sent_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_debrief_user_id'), ['user_id'], unique=False)

    op.create_table('plan_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=True),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_plan_action_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_action'))
    )
    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_action_user_id'), ['user_id'], unique=False)

    op.create_table('rebound_plan',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('weekly_goals', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_rebound_plan_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_rebound_plan'))
    )


def downgrade():
    op.drop_table('rebound_plan')
    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_action_user_id'))

    op.drop_table('plan_action')
    with op.batch_alter_table('debrief', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_debrief_user_id'))
        batch_op.drop_index('ix_debrief_follow_up')

    op.drop_table('debrief')
    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_check_in_user_id'))

    op.drop_table('check_in')
