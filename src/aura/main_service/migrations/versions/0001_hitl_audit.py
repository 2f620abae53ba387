"""The approval audit log.

Revision ID: main_0001
Revises:
Create Date: 2026-01-16
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "main_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hitl_audit",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.Column("session_id", sa.String(128), nullable=False),
        sa.Column("run_id", sa.String(128), nullable=False),
        sa.Column("tenant_id", sa.String(128), nullable=False),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("action_type", sa.String(128), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.String(128), nullable=False),
        sa.Column("original_params", sa.JSON(), nullable=False),
        sa.Column("edited_params", sa.JSON(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("request_id", name="uq_hitl_audit_request_id"),
    )
    op.create_index("ix_hitl_audit_tenant_decided", "hitl_audit", ["tenant_id", "decided_at"])


def downgrade() -> None:
    op.drop_index("ix_hitl_audit_tenant_decided", table_name="hitl_audit")
    op.drop_table("hitl_audit")
