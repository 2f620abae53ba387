"""The first answers to changes sent with an Idempotency-Key.

Revision ID: mail_0002
Revises: mail_0001
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "mail_0002"
down_revision: str | None = "mail_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mail_idempotent_answers",
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("operation", sa.String(32), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "user_id", "key", name="pk_mail_idempotent_answers"),
    )
    op.create_index(
        "ix_mail_idempotent_answers_created_at", "mail_idempotent_answers", ["created_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_mail_idempotent_answers_created_at", table_name="mail_idempotent_answers")
    op.drop_table("mail_idempotent_answers")
