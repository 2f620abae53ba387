"""The main service's tables: the approval audit log, one row per decided request."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from aura.kit.database import UtcDateTime


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
