"""HITL records written exactly as Aura writes them (SPEC §6.2), for tests that play Aura's part."""

import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis

from aura.contracts.clock import unix_now
from aura.contracts.hitl import (
    REQUEST_TTL_SECONDS,
    SESSION_TTL_SECONDS,
    HitlRequest,
    HitlSession,
    RequestStatus,
    dump_record,
    request_key,
    session_key,
    tenant_index_key,
)

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
    """A request as written: the record, and its text byte for byte."""

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
    status: RequestStatus = "pending",
    expires_in: int = 300,
    created_at: int | None = None,
) -> Pending:
    """The request and session records Aura writes before it emits `hitl`, and the tenant index."""
    now = unix_now() if created_at is None else created_at
    # `folder: None` and the empty list check that a decision keeps Aura's JSON as it was.
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
        status=status,
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
    text = dump_record(record)
    await redis.set(request_key(record.request_id), text, ex=REQUEST_TTL_SECONDS)
    await redis.set(session_key(record.session_id), dump_record(session), ex=SESSION_TTL_SECONDS)
    await redis.zadd(tenant_index_key(tenant_id), {record.request_id: now})
    return Pending(record=record, text=text)
