"""urgent review items are mailed to the moderators

Revision ID: f3a8d61b2c47
Revises: e2b7c3d94f10
Create Date: 2026-12-05 12:40:00

"""
from alembic import op
import sqlalchemy as sa

from community.models import UTCDateTime


revision = 'f3a8d61b2c47'
down_revision = 'e2b7c3d94f10'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('review_item', sa.Column('moderators_told_at', UTCDateTime(), nullable=True))
    # Items waiting before this existed were seen in the queue already: nobody is mailed about them now.
    op.execute("UPDATE review_item SET moderators_told_at = created_at WHERE priority = 'urgent'")


def downgrade():
    op.drop_column('review_item', 'moderators_told_at')
