"""The Redis side of HITL: the atomic decision script and the reads behind the query API.

A decision is one Lua script, so that no interleaving of approvals, rejections and Aura's own
expiry can produce two decisions for one request. The script is a compare-and-set on the exact
record text this process read and authorised: it refuses anything that is no longer `pending`
(or that changed in any other way since), then writes the decided record keeping its TTL, stores
the signal and only then publishes it, so that a subscriber that wakes finds the decision on
record. The decided record is built in Python from the raw JSON rather than re-encoded by Lua's
cjson, which would turn empty arrays into objects and corrupt the tool's argument schema.

An approval needs a run that can still act on it: in the same script, the run's metadata
(`aura:run:{runId}`) must say `running`, else nothing is written (`ended`). Whether a live process
holds the run right now (its owner's lease `aura:agent:owner:{ownerId}` exists) is reported with
the decision (`held`): runs are durable, so a decision made while no process holds the run is
applied by the process that takes it over, and the answer says so. The lease key is derived from
the run's `owner` field inside the script, so the script reads a key it was not given in KEYS:
fine on a single Redis (what Aura runs on), not on a cluster.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Literal, cast

from redis.asyncio import Redis

from aura.contracts.hitl import (
    REQUEST_TTL_SECONDS,
    SIGNAL_TTL_SECONDS,
    channel_name,
    request_key,
    session_key,
    signal_key,
    tenant_index_key,
)
from aura.contracts.runs import OWNER_KEY_PREFIX, run_key

DecideResult = Literal["decided", "missing", "changed", "settled", "lapsed", "ended"]

# KEYS: request record, signal key, the run's metadata.
# ARGV: record text the caller read, decided record, signal, signal TTL, now, channel,
#       owner lease key prefix, '1' when the decision needs a run that is still running.
# Returns {result, the record now on file, '1' | '0': whether a live process holds the run}.
_DECIDE_SCRIPT = """
local current = redis.call('GET', KEYS[1])
if not current then
  return {'missing', ''}
end
local ok, record = pcall(cjson.decode, current)
if not ok or type(record) ~= 'table' then
  return {'changed', current}
end
if record.status ~= 'pending' then
  return {'settled', current}
end
if current ~= ARGV[1] then
  return {'changed', current}
end
local expires = tonumber(record.expiresAt)
if expires and expires <= tonumber(ARGV[5]) then
  return {'lapsed', current}
end
local held = '1'
local run = redis.call('HMGET', KEYS[3], 'status', 'owner')
if ARGV[8] == '1' and run[1] ~= 'running' then
  return {'ended', current}
end
-- Runs recorded before owners existed carry none: only their status can tell.
if run[2] and run[2] ~= '' and redis.call('EXISTS', ARGV[7] .. run[2]) == 0 then
  held = '0'
end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
redis.call('SET', KEYS[2], ARGV[3], 'EX', tonumber(ARGV[4]))
redis.call('PUBLISH', ARGV[6], ARGV[3])
return {'decided', ARGV[2], held}
"""

_LIST_BATCH = 100


@dataclass(frozen=True)
class DecideAttempt:
    """What the script found: `record` is the record text now on file ('' when missing)."""

    result: DecideResult
    record: str
    held: bool = True
    """Whether a live process held the run when it was decided (else its next owner acts)."""


class HitlStore:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._decide = redis.register_script(_DECIDE_SCRIPT)

    async def read_request(self, request_id: str) -> str | None:
        return cast(str | None, await self._redis.get(request_key(request_id)))

    async def read_session(self, session_id: str) -> str | None:
        return cast(str | None, await self._redis.get(session_key(session_id)))

    async def read_signal(self, session_id: str) -> str | None:
        return cast(str | None, await self._redis.get(signal_key(session_id)))

    async def decide(
        self,
        *,
        request_id: str,
        session_id: str,
        run_id: str,
        expected_record: str,
        decided_record: str,
        signal: str,
        now: int,
        needs_running_run: bool,
    ) -> DecideAttempt:
        reply = await self._decide(
            keys=[request_key(request_id), signal_key(session_id), run_key(run_id)],
            args=[
                expected_record,
                decided_record,
                signal,
                SIGNAL_TTL_SECONDS,
                now,
                channel_name(session_id),
                OWNER_KEY_PREFIX,
                "1" if needs_running_run else "0",
            ],
        )
        result, record, *held = reply
        return DecideAttempt(result=result, record=record, held=held != ["0"])

    async def tenant_requests(self, tenant_id: str, now: int) -> AsyncIterator[str]:
        """The tenant's request records still on file, newest first.

        Ids whose record aged out are purged from the index as they are met, and the ones older
        than any record can live are trimmed wholesale. The caller stops iterating when it has
        what it needs, so a long index is read only as far as necessary.
        """
        index = tenant_index_key(tenant_id)
        await self._redis.zremrangebyscore(index, "-inf", f"({now - REQUEST_TTL_SECONDS}")
        seen: set[str] = set()
        start = 0
        while True:
            ids = cast(
                list[str], await self._redis.zrevrange(index, start, start + _LIST_BATCH - 1)
            )
            if not ids:
                return
            keys = [request_key(request_id) for request_id in ids]
            records = cast(list[str | None], await self._redis.mget(keys))
            gone = [rid for rid, record in zip(ids, records, strict=True) if record is None]
            if gone:
                await self._redis.zrem(index, *gone)
            for request_id, record in zip(ids, records, strict=True):
                # A request created while we page shifts the ranks down: skip what we yielded.
                if record is not None and request_id not in seen:
                    seen.add(request_id)
                    yield record
            if len(ids) < _LIST_BATCH:
                return
            start += len(ids) - len(gone)
