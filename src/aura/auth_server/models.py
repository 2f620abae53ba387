"""The auth server's tables, on a metadata of its own (services may share one database)."""

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class AuthBase(DeclarativeBase):
    pass


class UserRecord(AuthBase):
    """A person who can log in. Usernames and emails are stored lower-case."""

    __tablename__ = "auth_users"
    __table_args__ = (
        UniqueConstraint("tenant_id", "username", name="uq_auth_users_tenant_username"),
        UniqueConstraint("tenant_id", "email", name="uq_auth_users_tenant_email"),
        CheckConstraint("role IN ('user', 'approver', 'admin')", name="ck_auth_users_role"),
        # Logins without a tenant (the original frontend's form) search across tenants.
        Index("ix_auth_users_username", "username"),
        Index("ix_auth_users_email", "email"),
    )

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    email: Mapped[str] = mapped_column(String(254))
    display_name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
