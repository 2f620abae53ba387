"""Changes sent with an `Idempotency-Key` are applied once; a retry gets the first answer.

Aura sends the approval's request id as the key of an approved change, so that a call retried
after a crash (the agent died between sending it and recording its outcome) moves or sends
nothing twice. The first answer is stored in the same transaction as the change itself, so either
both exist or neither does. Two requests with one key at the same moment: one commits, the other
fails on the primary key, is rolled back whole and answered with the first one's answer.

A key is the caller's own (tenant, user, key); reusing it for a different request (another
operation or other arguments) is refused with 409, as nobody can tell which answer was meant.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from aura.contracts.errors import ErrorCode
from aura.kit.errors import DomainError
from aura.mail_service.models import IdempotentAnswer
from aura.mail_service.repository import Owner

IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
IDEMPOTENCY_RETENTION = timedelta(hours=24)
MAX_KEY_LENGTH = 200


class IdempotencyKeyReusedError(DomainError):
    code = ErrorCode.DUPLICATE


@dataclass(frozen=True)
class Idempotency:
    """One change's key and what it asked for."""

    key: str
    operation: str
    request_hash: str

    @classmethod
    def of(cls, key: str, operation: str, request: dict[str, Any]) -> "Idempotency":
        canonical = json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256(canonical.encode()).hexdigest()
        return cls(key=key, operation=operation, request_hash=digest)


async def first_answer(
    session: AsyncSession, owner: Owner, idempotency: Idempotency
) -> dict[str, Any] | None:
    """The stored answer for this key, None when the key is new."""
    row = await session.get(IdempotentAnswer, (owner.tenant_id, owner.user_id, idempotency.key))
    if row is None:
        return None
    if (row.operation, row.request_hash) != (idempotency.operation, idempotency.request_hash):
        raise IdempotencyKeyReusedError(
            f"The {IDEMPOTENCY_HEADER} {idempotency.key!r} was already used for a different "
            "request; send a new key for a new change."
        )
    return row.answer


async def remember(
    session: AsyncSession,
    owner: Owner,
    idempotency: Idempotency,
    answer: dict[str, Any],
    now: datetime,
) -> None:
    """Store the answer with the change, and forget answers older than the retention."""
    await session.execute(
        delete(IdempotentAnswer).where(IdempotentAnswer.created_at < now - IDEMPOTENCY_RETENTION)
    )
    session.add(
        IdempotentAnswer(
            tenant_id=owner.tenant_id,
            user_id=owner.user_id,
            key=idempotency.key,
            operation=idempotency.operation,
            request_hash=idempotency.request_hash,
            answer=answer,
            created_at=now,
        )
    )
