"""The mail service's tables, on a metadata of its own so that it can share a database."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Index, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aura.contracts.clock import utc_now
from aura.kit.database import UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "pk": "pk_%(table_name)s",
}


class MailBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class MailMessage(MailBase):
    """One message in one user's mailbox. Deleting moves it to trash; no row is ever removed."""

    __tablename__ = "mail_messages"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(128))
    folder: Mapped[str] = mapped_column(String(16))
    # Where a trashed message came from, so that restore can put it back.
    previous_folder: Mapped[str | None] = mapped_column(String(16), nullable=True)
    sender_name: Mapped[str] = mapped_column(String(200))
    sender_address: Mapped[str] = mapped_column(String(320))
    recipients: Mapped[list[str]] = mapped_column(JSON)
    subject: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    read: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now, onupdate=utc_now)

    __table_args__ = (
        Index(
            "ix_mail_messages_mailbox_folder_received",
            "tenant_id",
            "user_id",
            "folder",
            "received_at",
        ),
    )


class SeededMailbox(MailBase):
    """Marks a demo mailbox as seeded; its primary key makes concurrent seeding safe."""

    __tablename__ = "mail_seeded_mailboxes"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    seeded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)


class IdempotentAnswer(MailBase):
    """The first answer to a change sent with an `Idempotency-Key`: a retry of the same request
    gets it again, and the change is applied once. Kept for `IDEMPOTENCY_RETENTION`."""

    __tablename__ = "mail_idempotent_answers"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    operation: Mapped[str] = mapped_column(String(32))
    # SHA-256 of the request's canonical JSON: the same key with another request is refused.
    request_hash: Mapped[str] = mapped_column(String(64))
    answer: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now, index=True)
