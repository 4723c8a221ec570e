"""the record of a digest handed to the mail server lives with its delivery

Revision ID: a7c2e5f90d18
Revises: f3a8d61b2c47
Create Date: 2026-12-05 13:05:00

"""
from alembic import op
import sqlalchemy as sa

from community.models import UTCDateTime


revision = 'a7c2e5f90d18'
down_revision = 'f3a8d61b2c47'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('digest_delivery', sa.Column('handed_over_at', UTCDateTime(), nullable=True))


def downgrade():
    op.drop_column('digest_delivery', 'handed_over_at')
