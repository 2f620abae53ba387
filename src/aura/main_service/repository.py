"""The approval audit log: one row per decided request, in the service's SQL database.

A row is written from the decided request record in Redis, never from the call that asked for
it, so that repeating the write (a replayed decision completing an audit that failed the first
time) produces the same row; the unique request id makes the write idempotent.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from aura.contracts.hitl import HitlRequest
from aura.kit.database import session_factory
from aura.main_service.models import HitlAudit


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
