"""a record of each week's digest request, so a fan-out lost with its worker is sent again

Revision ID: c5e8a2f71b39
Revises: b9d4f1e6a235
Create Date: 2026-12-05 15:30:00

"""
from alembic import op
import sqlalchemy as sa

from community.models import UTCDateTime


revision = 'c5e8a2f71b39'
down_revision = 'b9d4f1e6a235'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('digest_week',
    sa.Column('week', sa.String(length=8), nullable=False),
    sa.Column('requested_at', UTCDateTime(), nullable=False),
    sa.Column('settled_at', UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('week', name=op.f('pk_digest_week')),
    )
    # Weeks already sent count as asked for when their first delivery was claimed.
    op.execute(
        "INSERT INTO digest_week (week, requested_at) "
        "SELECT week, MIN(claimed_at) FROM digest_delivery GROUP BY week"
    )


def downgrade():
    op.drop_table('digest_week')
