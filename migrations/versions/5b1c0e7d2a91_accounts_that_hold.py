"""accounts that hold: confirmed email, session version, pending email, share_company, ids never reused,
stories and replies that outlive an erased account

Revision ID: 5b1c0e7d2a91
Revises: 07d533551fc3
Create Date: 2026-12-05 05:30:00

"""

from alembic import op
import sqlalchemy as sa

from community.models import UTCDateTime


revision = "5b1c0e7d2a91"
down_revision = "07d533551fc3"
branch_labels = None
depends_on = None


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade():
    # On SQLite the tables are rebuilt with AUTOINCREMENT, so a deleted newest row's id is never reused;
    # PostgreSQL's sequences never reuse one anyway.
    autoinc = {"recreate": "always", "table_kwargs": {"sqlite_autoincrement": True}} if _sqlite() else {}
    with op.batch_alter_table("user", schema=None, **autoinc) as batch_op:
        batch_op.add_column(sa.Column("email_confirmed_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("pending_email", sa.String(length=254), nullable=True))
    # Every account made before confirmation existed had its address in use: count it as confirmed.
    op.execute(sa.text('UPDATE "user" SET email_confirmed_at = created_at'))
    op.create_table(
        "user_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_user_session_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_session")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_user_session_key_hash")),
    )
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_session_user_id"), ["user_id"], unique=False)
    with op.batch_alter_table("story", schema=None, **autoinc) as batch_op:
        batch_op.add_column(
            sa.Column("share_company", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.alter_column("author_id", existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.alter_column("share_company", server_default=None)
    with op.batch_alter_table("reply", schema=None, **autoinc) as batch_op:
        batch_op.alter_column("author_id", existing_type=sa.Integer(), nullable=True)


def downgrade():
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_session_user_id"))
    op.drop_table("user_session")
    with op.batch_alter_table("reply", schema=None) as batch_op:
        batch_op.alter_column("author_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("story", schema=None) as batch_op:
        batch_op.alter_column("author_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("share_company")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("pending_email")
        batch_op.drop_column("email_confirmed_at")
