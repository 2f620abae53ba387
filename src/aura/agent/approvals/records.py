"""The HITL records in Redis as Aura reads and writes them (docs/contract.md).

Aura writes the request and session records; the main service changes a request's status and
writes the signal. `expire_if_pending` is a compare-and-set in Lua: the record becomes `expired`
only if it is byte-for-byte the pending record we read, so a decision that landed in between wins.
`settle_session` is one too: it rewrites the session record only while it still names the same
request, so a run settling its request never overwrites a later request of the same session.

Aura does not read `hitl:signal:{sessionId}`: the main service changes the request record before
it writes the signal, so reading the record (which is all Aura acts on) sees every decision the
signal could announce.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Literal, NewType, NotRequired, TypedDict, cast

from pydantic import JsonValue
from redis.asyncio import Redis

from aura.contracts.hitl import (
    REQUEST_TTL_SECONDS,
    SESSION_TTL_SECONDS,
    HitlRequest,
    HitlSession,
    dump_record,
    load_request,
    load_session,
    request_key,
    session_key,
    tenant_index_key,
)
from aura.contracts.runs import execution_key, run_key

# KEYS[1] request key; ARGV[1] the pending record as read; ARGV[2] the expired record.
_COMPARE_AND_SET = """
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
  return {1, ARGV[2]}
end
return {0, current or false}
"""

# KEYS[1] session key; ARGV[1] request id; ARGV[2] the settled session record; ARGV[3] TTL.
_SETTLE_SESSION = """
local current = redis.call('GET', KEYS[1])
if current then
  local ok, decoded = pcall(cjson.decode, current)
  if ok and type(decoded) == 'table' and decoded['requestId'] ~= ARGV[1] then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3]))
return 1
"""


# KEYS[1] execution key, KEYS[2] the run's metadata; ARGV[1] the claiming owner ('' = any), TTL.
_CLAIM_EXECUTION = """
if ARGV[1] ~= '' and redis.call('HGET', KEYS[2], 'owner') ~= ARGV[1] then
  return 'not_owner'
end
if redis.call('SET', KEYS[1], 'running', 'NX', 'EX', tonumber(ARGV[2])) then
  return 'claimed'
end
return 'taken'
"""

RequestId = NewType("RequestId", str)
"""`req_` and 16 hex digits: names the request record, its ledger entry and the app's
idempotency key, everywhere the same string."""

Claim = Literal["claimed", "taken", "not_owner"]


class ExecutionOutcome(TypedDict):
    """The ledger's record of how an approved action ended (`result` or `error`)."""

    status: Literal["completed", "failed"]
    result: NotRequired[dict[str, JsonValue]]
    error: NotRequired[str]


def params_hash(params: dict[str, JsonValue]) -> str:
    """sha256 of the canonical JSON of the arguments (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(params, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Observed:
    """The request record as read, and parsed."""

    raw: str | None
    request: HitlRequest | None


class ApprovalRecords:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._compare_and_set = redis.register_script(_COMPARE_AND_SET)
        self._settle_session = redis.register_script(_SETTLE_SESSION)
        self._claim_execution = redis.register_script(_CLAIM_EXECUTION)

    async def create(self, request: HitlRequest, session: HitlSession) -> str:
        """Write both records in one transaction; returns the request record as written."""
        raw = dump_record(request)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(request_key(request.request_id), raw, ex=REQUEST_TTL_SECONDS)
            index = tenant_index_key(request.tenant_id)
            pipe.zadd(index, {request.request_id: request.created_at})
            pipe.expire(index, REQUEST_TTL_SECONDS)
            pipe.set(session_key(session.session_id), dump_record(session), ex=SESSION_TTL_SECONDS)
            await pipe.execute()
        return raw

    async def observe(self, request_id: RequestId) -> Observed:
        raw = cast(str | None, await self._redis.get(request_key(request_id)))
        request = load_request(raw) if raw else None
        return Observed(raw=raw, request=request)

    async def raw_requests(self, request_ids: list[RequestId], *, batch: int) -> list[str | None]:
        """The records of `request_ids` as stored (None where gone), in one round trip of
        `MGET`s of at most `batch` keys each."""
        async with self._redis.pipeline(transaction=False) as pipe:
            for start in range(0, len(request_ids), batch):
                pipe.mget(
                    [request_key(request_id) for request_id in request_ids[start : start + batch]]
                )
            chunks = cast(list[list[str | None]], await pipe.execute())
        return [raw for chunk in chunks for raw in chunk]

    async def read_session(self, session_id: str) -> HitlSession | None:
        raw = cast(str | None, await self._redis.get(session_key(session_id)))
        return load_session(raw) if raw else None

    async def expire_if_pending(self, observed_raw: str, expired: HitlRequest) -> str | None:
        """Swap the pending record for `expired`; else return the record that is there now."""
        swapped, current = await self._compare_and_set(
            keys=[request_key(expired.request_id)], args=[observed_raw, dump_record(expired)]
        )
        return None if swapped == 1 else (current or None)

    async def settle_session(self, session: HitlSession) -> bool:
        """Write the settled session record unless the session has moved on to another request."""
        written = await self._settle_session(
            keys=[session_key(session.session_id)],
            args=[session.request_id, dump_record(session), SESSION_TTL_SECONDS],
        )
        return bool(written)

    async def claim_execution(self, request_id: RequestId, run_id: str, owner_id: str) -> Claim:
        """The ledger's claim of an approved action: `claimed` for the first caller only,
        `taken` when an earlier attempt claimed it, `not_owner` when `owner_id` no longer owns
        the run (another process took it over: this one must not act)."""
        claim = await self._claim_execution(
            keys=[execution_key(request_id), run_key(run_id)],
            args=[owner_id, REQUEST_TTL_SECONDS],
        )
        return cast(Claim, claim)

    async def record_execution(self, request_id: RequestId, outcome: ExecutionOutcome) -> None:
        await self._redis.set(
            execution_key(request_id),
            json.dumps(outcome, ensure_ascii=False),
            ex=REQUEST_TTL_SECONDS,
        )

    async def execution_outcome(self, request_id: RequestId) -> ExecutionOutcome | None:
        """How the claimed attempt ended; None while it has not (or nothing claimed it)."""
        raw = cast(str | None, await self._redis.get(execution_key(request_id)))
        if raw is None or raw == "running":
            return None
        return cast(ExecutionOutcome, json.loads(raw))
