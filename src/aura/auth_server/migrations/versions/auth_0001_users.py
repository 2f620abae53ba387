"""The users table.

Revision ID: auth_0001
Revises:
Create Date: 2026-01-16
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "auth_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "auth_users",
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("display_name", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "user_id", name="pk_auth_users"),
        sa.UniqueConstraint("tenant_id", "username", name="uq_auth_users_tenant_username"),
        sa.UniqueConstraint("tenant_id", "email", name="uq_auth_users_tenant_email"),
        sa.CheckConstraint("role IN ('user', 'approver', 'admin')", name="ck_auth_users_role"),
    )
    op.create_index("ix_auth_users_username", "auth_users", ["username"])
    op.create_index("ix_auth_users_email", "auth_users", ["email"])


def downgrade() -> None:
    op.drop_index("ix_auth_users_email", table_name="auth_users")
    op.drop_index("ix_auth_users_username", table_name="auth_users")
    op.drop_table("auth_users")
