"""The approval audit log: one row per decided request, in the service's SQL database.

A row is written from the decided request record in Redis, never from the call that asked for
it, so that repeating the write (a replayed decision completing an audit that failed the first
time) produces the same row; the unique request id makes the write idempotent.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aura.contracts.hitl import HitlRequest
from aura.kit.database import UtcDateTime, session_factory


class MainBase(DeclarativeBase):
    """The main service's own metadata: its tables and nothing of other services'."""


class HitlAudit(MainBase):
    __tablename__ = "hitl_audit"
    __table_args__ = (
        UniqueConstraint("request_id", name="uq_hitl_audit_request_id"),
        Index("ix_hitl_audit_tenant_decided", "tenant_id", "decided_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[str] = mapped_column(String(64))
    session_id: Mapped[str] = mapped_column(String(128))
    run_id: Mapped[str] = mapped_column(String(128))
    tenant_id: Mapped[str] = mapped_column(String(128))
    user_id: Mapped[str] = mapped_column(String(128))
    action_type: Mapped[str] = mapped_column(String(128))
    decision: Mapped[str] = mapped_column(String(16))
    decided_by: Mapped[str] = mapped_column(String(128))
    original_params: Mapped[dict[str, Any]] = mapped_column(JSON)
    edited_params: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime)

    def to_wire(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": self.id,
            "requestId": self.request_id,
            "sessionId": self.session_id,
            "runId": self.run_id,
            "tenantId": self.tenant_id,
            "userId": self.user_id,
            "actionType": self.action_type,
            "decision": self.decision,
            "decidedBy": self.decided_by,
            "originalParams": self.original_params,
            "editedParams": self.edited_params,
            "reason": self.reason,
            "comment": self.comment,
            "createdAt": _iso(self.created_at),
            "decidedAt": _iso(self.decided_at),
        }
        return {key: value for key, value in entry.items() if value is not None}


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def audit_values(record: HitlRequest) -> dict[str, Any]:
    """The audit row of a decided request record."""
    if record.status not in ("approved", "rejected") or record.decided_by is None:
        raise ValueError(f"request {record.request_id} is not decided ({record.status})")
    return {
        "request_id": record.request_id,
        "session_id": record.session_id,
        "run_id": record.run_id,
        "tenant_id": record.tenant_id,
        "user_id": record.user_id,
        "action_type": record.action_type,
        "decision": record.status,
        "decided_by": record.decided_by,
        "original_params": record.params,
        "edited_params": record.edited_params,
        "reason": record.reason,
        "comment": record.comment,
        "created_at": _utc(record.created_at),
        "decided_at": _utc(record.decided_at or record.created_at),
    }


class AuditRepository:
    def __init__(self, engine: AsyncEngine) -> None:
        if engine.dialect.name not in ("postgresql", "sqlite"):
            raise ValueError(
                f"the audit log supports SQLite and PostgreSQL, not {engine.dialect.name}"
            )
        self._sessions = session_factory(engine)
        self._postgres = engine.dialect.name == "postgresql"

    async def record(self, decided: HitlRequest) -> None:
        """Append the decision's row unless it is already there."""
        values = audit_values(decided)
        # Both dialects spell "insert unless the request id is already there" the same way.
        statement = (
            postgresql.insert(HitlAudit)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["request_id"])
            if self._postgres
            else sqlite.insert(HitlAudit)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["request_id"])
        )
        async with self._sessions.begin() as session:
            await session.execute(statement)

    async def has_entry(self, request_id: str) -> bool:
        query = select(HitlAudit.id).where(HitlAudit.request_id == request_id)
        async with self._sessions() as session:
            return (await session.scalar(query)) is not None

    async def entries(
        self,
        tenant_id: str,
        *,
        request_id: str | None = None,
        user_id: str | None = None,
        limit: int = 100,
    ) -> list[HitlAudit]:
        """The tenant's audit rows, newest decision first; `user_id` keeps one user's runs."""
        query = select(HitlAudit).where(HitlAudit.tenant_id == tenant_id)
        if request_id is not None:
            query = query.where(HitlAudit.request_id == request_id)
        if user_id is not None:
            query = query.where(HitlAudit.user_id == user_id)
        query = query.order_by(HitlAudit.decided_at.desc(), HitlAudit.id.desc()).limit(limit)
        async with self._sessions() as session:
            return list((await session.scalars(query)).all())
