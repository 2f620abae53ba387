"""HITL records written exactly as Aura writes them (SPEC §6.2), and what a test reads back."""

import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis

from aura.contracts.hitl import (
    REQUEST_TTL_SECONDS,
    SESSION_TTL_SECONDS,
    HitlRequest,
    HitlSession,
    request_key,
    session_key,
    signal_key,
    tenant_index_key,
)
from aura.main_service.hitl.audit import AuditRepository

DELETE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "ids": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "folder": {"type": ["string", "null"]},
    },
    "required": ["ids"],
    "additionalProperties": False,
}


@dataclass(frozen=True)
class Pending:
    record: HitlRequest
    text: str

    @property
    def request_id(self) -> str:
        return self.record.request_id

    @property
    def session_id(self) -> str:
        return self.record.session_id


def new_request_id() -> str:
    return f"req_{secrets.token_hex(8)}"


async def write_pending(
    redis: Redis,
    *,
    user_id: str = "user123",
    tenant_id: str = "tenant1",
    status: str = "pending",
    expires_in: int = 300,
    created_at: int | None = None,
) -> Pending:
    now = int(time.time()) if created_at is None else created_at
    # `folder: None` and the empty list check that the decision keeps Aura's JSON as it was.
    params: dict[str, Any] = {"ids": ["msg-a", "msg-b", "msg-c"], "folder": None}
    record = HitlRequest(
        request_id=new_request_id(),
        session_id=f"sess_{secrets.token_hex(8)}",
        run_id=f"run_{secrets.token_hex(8)}",
        tenant_id=tenant_id,
        user_id=user_id,
        action_type="delete_messages",
        params=params,
        params_schema=DELETE_SCHEMA,
        params_hash=hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest(),
        message="메일 3개를 휴지통으로 이동합니다.",
        preview={"messages": [{"from": "kim@example.com", "subject": "주간 보고"}], "tags": []},
        status=status,  # type: ignore[arg-type]
        created_at=now,
        expires_at=now + expires_in,
    )
    session = HitlSession(
        session_id=record.session_id,
        run_id=record.run_id,
        request_id=record.request_id,
        user_id=user_id,
        tenant_id=tenant_id,
    )
    text = json.dumps(record.to_wire(), ensure_ascii=False)
    await redis.set(request_key(record.request_id), text, ex=REQUEST_TTL_SECONDS)
    await redis.set(
        session_key(record.session_id), json.dumps(session.to_wire()), ex=SESSION_TTL_SECONDS
    )
    await redis.zadd(tenant_index_key(tenant_id), {record.request_id: now})
    return Pending(record=record, text=text)


async def assert_untouched(redis: Redis, audit: AuditRepository, pending: Pending) -> None:
    """A refused call leaves Redis and the database exactly as they were."""
    assert await redis.get(request_key(pending.request_id)) == pending.text
    assert await redis.exists(signal_key(pending.session_id)) == 0
    assert await audit.has_entry(pending.request_id) is False
