"""A run's metadata in Redis, next to its log, so that any replica can authorise a re-attach or a
cancel, and the owner leases that tell a run that is only quiet from one whose process died.

Each supervisor holds an owner lease (`owner_key`, TTL `lease_seconds`, refreshed every sweep)
and stamps its runs with its owner id. Running runs are listed in `RUNNING_INDEX_KEY`, so looking
for orphans costs one `SMEMBERS` and two pipelined round trips, whatever the number of keys in
Redis. Taking one over is a Lua compare-and-set, so two processes never take the same run.
"""

import secrets
from dataclasses import dataclass
from typing import Literal, cast

from redis.asyncio import Redis

from aura.contracts.errors import ErrorCode
from aura.contracts.identity import Caller
from aura.contracts.runs import RUNNING_INDEX_KEY, owner_key, run_key
from aura.kit.errors import DomainError, NotFoundError
from aura.kit.identity import authorize_owner

RunStatus = Literal["running", "completed", "rejected", "failed", "cancelled"]

# KEYS[1] run key, KEYS[2] the recorded owner's lease; ARGV[1] recorded owner, ARGV[2] claimant.
_CLAIM_ORPHAN = """
if redis.call('HGET', KEYS[1], 'status') ~= 'running' then return 0 end
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'owner', ARGV[2], 'reapedFrom', ARGV[1])
return 1
"""


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


@dataclass(frozen=True)
class RunInfo:
    run_id: str
    session_id: str
    thread_id: str
    user_id: str
    tenant_id: str
    status: str
    created_at: int
    owner: str = ""
    """The owner id of the supervisor running it ("" in records written before owners)."""
    role: str = "user"
    email: str = ""
    """The caller's role and email, so that another process can resume the run as them."""
    checkpoints: str = ""
    """Which checkpoint database holds the run's state (`checkpoint_store_id`): only a process
    that reads the same one can resume it, so only such a process takes it over."""


class RunCapacityError(DomainError):
    code = ErrorCode.INVALID_STATE


def authorise(info: RunInfo | None, caller: Caller, run_id: str) -> RunInfo:
    if info is None:
        raise NotFoundError(f"Run {run_id} was not found.")
    authorize_owner(caller, info.tenant_id, info.user_id, deciders_allowed=False, what="The run")
    return info


def _run_info(data: dict[str, str]) -> RunInfo | None:
    if not data or "userId" not in data:
        return None
    return RunInfo(
        run_id=data["runId"],
        session_id=data["sessionId"],
        thread_id=data["threadId"],
        user_id=data["userId"],
        tenant_id=data["tenantId"],
        status=data["status"],
        created_at=int(data["createdAt"]),
        owner=data.get("owner", ""),
        role=data.get("role", "user"),
        email=data.get("email", ""),
        checkpoints=data.get("checkpoints", ""),
    )


class RunStore:
    """Run metadata in Redis, kept as long as the run's log, and the processes' owner leases."""

    def __init__(self, redis: Redis, retention_seconds: int) -> None:
        self._redis = redis
        self._retention = retention_seconds
        self._claim_orphan = redis.register_script(_CLAIM_ORPHAN)

    async def create(self, info: RunInfo) -> None:
        key = run_key(info.run_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(
                key,
                mapping={
                    "runId": info.run_id,
                    "sessionId": info.session_id,
                    "threadId": info.thread_id,
                    "userId": info.user_id,
                    "tenantId": info.tenant_id,
                    "status": info.status,
                    "createdAt": info.created_at,
                    "owner": info.owner,
                    "role": info.role,
                    "email": info.email,
                    "checkpoints": info.checkpoints,
                },
            )
            pipe.expire(key, self._retention)
            if info.status == "running":
                pipe.sadd(RUNNING_INDEX_KEY, info.run_id)
            await pipe.execute()

    async def get(self, run_id: str) -> RunInfo | None:
        return _run_info(cast(dict[str, str], await self._redis.hgetall(run_key(run_id))))

    async def orphans(self, checkpoints: str) -> list[RunInfo]:
        """Runs recorded as `running` whose owner's lease has expired, of the processes that
        keep their checkpoints where `checkpoints` says (another deployment's runs sharing this
        Redis are not this process's to take over).

        Ids whose record is gone or no longer `running` are dropped from the index on the way.
        """
        run_ids = sorted(cast(set[str], await self._redis.smembers(RUNNING_INDEX_KEY)))
        if not run_ids:
            return []
        async with self._redis.pipeline(transaction=False) as pipe:
            for run_id in run_ids:
                pipe.hgetall(run_key(run_id))
            records = cast(list[dict[str, str]], await pipe.execute())
        running: list[RunInfo] = []
        settled: list[str] = []
        for run_id, data in zip(run_ids, records, strict=True):
            info = _run_info(data)
            if info is None or info.status != "running":
                settled.append(run_id)
            elif info.owner and info.checkpoints == checkpoints:
                running.append(info)  # no owner recorded: only the log's expiry can tell
        if settled:
            await self._redis.srem(RUNNING_INDEX_KEY, *settled)
        owners = sorted({info.owner for info in running})
        if not owners:
            return []
        async with self._redis.pipeline(transaction=False) as pipe:
            for owner in owners:
                pipe.exists(owner_key(owner))
            held = cast(list[int], await pipe.execute())
        dead = {owner for owner, exists in zip(owners, held, strict=True) if not exists}
        return [info for info in running if info.owner in dead]

    async def claim_orphan(self, info: RunInfo, claimant_id: str) -> bool:
        """Take over a run whose owner's lease expired; true for exactly one claimant."""
        claimed = await self._claim_orphan(
            keys=[run_key(info.run_id), owner_key(info.owner)], args=[info.owner, claimant_id]
        )
        return bool(claimed)

    async def is_alive(self, run_id: str, checkpoints: str) -> bool:
        """Whether the run may still log events: it is `running`, and its owner's lease holds
        or its checkpoints are in `checkpoints` (then the asking process's own sweeper takes it
        over and logs the rest of it, or its end)."""
        status, owner, stored_in = cast(
            list[str | None],
            await self._redis.hmget(run_key(run_id), ["status", "owner", "checkpoints"]),
        )
        if status != "running":
            return False
        if not owner or (stored_in or "") == checkpoints:
            return True  # no owner recorded: only the log's expiry can tell
        return bool(await self._redis.exists(owner_key(owner)))

    async def hold_lease(self, owner_id: str, lease_seconds: float) -> None:
        await self._redis.set(owner_key(owner_id), "1", px=int(lease_seconds * 1000))

    async def drop_lease(self, owner_id: str) -> None:
        await self._redis.delete(owner_key(owner_id))

    async def set_status(self, run_id: str, status: RunStatus) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(run_key(run_id), "status", status)
            if status != "running":
                pipe.srem(RUNNING_INDEX_KEY, run_id)
            await pipe.execute()

    async def owners(self, run_ids: list[str]) -> list[str | None]:
        async with self._redis.pipeline(transaction=False) as pipe:
            for run_id in run_ids:
                pipe.hget(run_key(run_id), "owner")
            return cast(list[str | None], await pipe.execute())

    async def request_cancel(self, run_id: str) -> None:
        await self._redis.hset(run_key(run_id), "cancel", "1")

    async def cancel_requested(self, run_ids: list[str]) -> list[str]:
        async with self._redis.pipeline(transaction=False) as pipe:
            for run_id in run_ids:
                pipe.hget(run_key(run_id), "cancel")
            flags = await pipe.execute()
        return [run_id for run_id, flag in zip(run_ids, flags, strict=True) if flag == "1"]
