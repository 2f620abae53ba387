"""Mailboxes: messages and the seeded-mailbox markers.

Revision ID: mail_0001
Revises:
Create Date: 2026-01-16
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "mail_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mail_messages",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("folder", sa.String(16), nullable=False),
        sa.Column("previous_folder", sa.String(16), nullable=True),
        sa.Column("sender_name", sa.String(200), nullable=False),
        sa.Column("sender_address", sa.String(320), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mail_messages"),
    )
    op.create_index(
        "ix_mail_messages_mailbox_folder_received",
        "mail_messages",
        ["tenant_id", "user_id", "folder", "received_at"],
    )
    op.create_table(
        "mail_seeded_mailboxes",
        sa.Column("tenant_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("seeded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "user_id", name="pk_mail_seeded_mailboxes"),
    )


def downgrade() -> None:
    op.drop_table("mail_seeded_mailboxes")
    op.drop_index("ix_mail_messages_mailbox_folder_received", table_name="mail_messages")
    op.drop_table("mail_messages")
