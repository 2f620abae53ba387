"""HITL records written exactly as Aura writes them (docs/contract.md#hitl-records-and-redis-keys),
for tests that play Aura's part: signed with the tests' approval signing key, and held by a live run
(its metadata and its owner's lease) unless a test asks for a run nobody holds."""

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
    EditPolicy,
    HitlRequest,
    HitlSession,
    RequestStatus,
    dump_record,
    request_key,
    session_key,
    tenant_index_key,
)
from aura.contracts.runs import owner_key, run_key
from tests.support.signing import test_signer

SUBSET_OF_IDS = EditPolicy(kind="subset", field="ids")

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
    action_type: str = "delete_messages",
    params: dict[str, Any] | None = None,
    params_schema: dict[str, Any] | None = None,
    preview: Any = None,
    edit_policy: EditPolicy | None = SUBSET_OF_IDS,
    live_owner: bool = True,
) -> Pending:
    """The request and session records Aura writes before it emits `hitl`, the tenant index, and
    the run's metadata with an owner whose lease is held (`live_owner`) or has lapsed."""
    now = unix_now() if created_at is None else created_at
    # `folder: None` and the empty list check that a decision keeps Aura's JSON as it was.
    if params is None:
        params = {"ids": ["msg-a", "msg-b", "msg-c"], "folder": None}
    if preview is None:
        preview = {"messages": [{"from": "kim@example.com", "subject": "주간 보고"}], "tags": []}
    record = HitlRequest(
        request_id=new_request_id(),
        session_id=f"sess_{secrets.token_hex(8)}",
        run_id=f"run_{secrets.token_hex(8)}",
        tenant_id=tenant_id,
        user_id=user_id,
        action_type=action_type,
        params=params,
        params_schema=DELETE_SCHEMA if params_schema is None else params_schema,
        params_hash=hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest(),
        message="메일 3개를 휴지통으로 이동합니다.",
        preview=preview,
        status=status,
        created_at=now,
        expires_at=now + expires_in,
        edit_policy=edit_policy,
    )
    record = record.model_copy(
        update={"request_signature": test_signer.sign_request(record.to_wire())}
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
    await hold_run(redis, record, live_owner=live_owner)
    return Pending(record=record, text=text)


async def hold_run(redis: Redis, record: HitlRequest, *, live_owner: bool = True) -> str:
    """The run's metadata as the agent writes it, owned by a process whose lease is held (or
    not); the owner id. Not listed as running, so no agent under test reaps it."""
    owner = f"owner_{secrets.token_hex(8)}"
    await redis.hset(
        run_key(record.run_id),
        mapping={
            "runId": record.run_id,
            "sessionId": record.session_id,
            "userId": record.user_id,
            "tenantId": record.tenant_id,
            "status": "running",
            "owner": owner,
        },
    )
    await redis.expire(run_key(record.run_id), REQUEST_TTL_SECONDS)
    if live_owner:
        await redis.set(owner_key(owner), "1", ex=REQUEST_TTL_SECONDS)
    return owner
