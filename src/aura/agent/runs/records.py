"""A run's metadata in Redis, next to its log, so that any replica can authorise a re-attach or a
cancel, and the owner leases that tell a run that is only quiet from one whose process died.

Each supervisor holds an owner lease (`owner_key`, TTL `lease_seconds`, refreshed every sweep)
and stamps its runs with its owner id. Running runs are listed per owner (`owned_runs_key`), and
the owners per checkpoint store (`running_owners_key`), so a sweep reads one small set and the
owners' leases, and the run records only of owners whose lease lapsed: its cost does not grow
with the runs live processes hold, nor with another deployment's. Taking one over is a Lua
compare-and-set that also moves the run to its new owner's set, so two processes never take the
same run. A cancel asked for on another replica is put in the owner's cancel set, so the owner
reads one set per sweep instead of a flag per run.
"""

import secrets
from dataclasses import dataclass
from typing import Literal, cast

from redis.asyncio import Redis

from aura.contracts.errors import ErrorCode
from aura.contracts.identity import Caller
from aura.contracts.runs import (
    CANCELS_KEY_PREFIX,
    LEGACY_RUNNING_INDEX_KEY,
    OWNED_RUNS_KEY_PREFIX,
    cancels_key,
    owned_runs_key,
    owner_key,
    run_key,
    running_owners_key,
)
from aura.kit.errors import DomainError, NotFoundError
from aura.kit.identity import authorize_owner
from aura.kit.redis import QueuedWrite

RunStatus = Literal["running", "completed", "rejected", "failed", "cancelled"]

# KEYS: the run, the recorded owner's lease, its owned runs, the claimant's owned runs, the
# store's owners, the claimant's cancels; ARGV: recorded owner, claimant, run id.
_CLAIM_ORPHAN = """
if redis.call('HGET', KEYS[1], 'status') ~= 'running' then return 0 end
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'owner', ARGV[2], 'reapedFrom', ARGV[1])
redis.call('SREM', KEYS[3], ARGV[3])
redis.call('SADD', KEYS[4], ARGV[3])
redis.call('SADD', KEYS[5], ARGV[2])
if redis.call('HGET', KEYS[1], 'cancel') == '1' then redis.call('SADD', KEYS[6], ARGV[3]) end
return 1
"""

# The owner's set is named from the record (ARGV[1] is its prefix): it is read in the same step,
# so a run taken over meanwhile is never left in the set of its previous owner. A record that
# is gone (expired) is not written again as a stub without a TTL.
# KEYS[1] run; ARGV: owned-runs prefix, status, run id.
_SET_STATUS = """
if redis.call('EXISTS', KEYS[1]) == 0 then return end
redis.call('HSET', KEYS[1], 'status', ARGV[2])
if ARGV[2] ~= 'running' then
  local owner = redis.call('HGET', KEYS[1], 'owner')
  if owner and owner ~= '' then redis.call('SREM', ARGV[1] .. owner, ARGV[3]) end
end
"""

# KEYS[1] run; ARGV: cancels prefix, run id, seconds the set is kept.
_REQUEST_CANCEL = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'cancel', '1')
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner and owner ~= '' then
  redis.call('SADD', ARGV[1] .. owner, ARGV[2])
  redis.call('EXPIRE', ARGV[1] .. owner, ARGV[3])
end
return 1
"""

# KEYS[1] the store's owners, KEYS[2] the owner's runs; ARGV[1] owner. Only while it owns none:
# an owner whose lease lapsed but that lives on may record a new run at any moment.
_FORGET_OWNER = """
if redis.call('SCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[1], ARGV[1]) end
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
        self._set_status = redis.register_script(_SET_STATUS)
        self._request_cancel = redis.register_script(_REQUEST_CANCEL)
        self._forget_owner = redis.register_script(_FORGET_OWNER)

    async def create(self, info: RunInfo, *alongside: QueuedWrite) -> None:
        """Record the run; `alongside` queue more writes into the same MULTI (its log's first
        entry, a thread named for it): one round trip, and no other client sees a part of it."""
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
            if info.status == "running" and info.owner:
                pipe.sadd(owned_runs_key(info.owner), info.run_id)
                pipe.sadd(running_owners_key(info.checkpoints), info.owner)
            for queue in alongside:
                queue(pipe)
            await pipe.execute()

    async def get(self, run_id: str) -> RunInfo | None:
        return _run_info(cast(dict[str, str], await self._redis.hgetall(run_key(run_id))))

    async def orphans(self, checkpoints: str) -> list[RunInfo]:
        """Runs recorded as `running` whose owner's lease has expired, of the processes that
        keep their checkpoints where `checkpoints` says (another deployment's runs sharing this
        Redis are not this process's to take over).

        Only the runs of owners whose lease lapsed are read; ids whose record is gone, no longer
        `running` or owned by another process are dropped from that owner's set on the way, and
        an owner left with no runs from the store's owners.
        """
        owners_key = running_owners_key(checkpoints)
        owners = sorted(cast(set[str], await self._redis.smembers(owners_key)))
        if not owners:
            return []
        async with self._redis.pipeline(transaction=False) as pipe:
            for owner in owners:
                pipe.exists(owner_key(owner))
            held = cast(list[int], await pipe.execute())
        dead = [owner for owner, exists in zip(owners, held, strict=True) if not exists]
        if not dead:
            return []
        async with self._redis.pipeline(transaction=False) as pipe:
            for owner in dead:
                pipe.smembers(owned_runs_key(owner))
            owned = cast(list[set[str]], await pipe.execute())
        candidates = [
            (owner, run_id)
            for owner, runs in zip(dead, owned, strict=True)
            for run_id in sorted(runs)
        ]
        for owner, runs in zip(dead, owned, strict=True):
            if not runs:
                await self._forget_owner(keys=[owners_key, owned_runs_key(owner)], args=[owner])
        if not candidates:
            return []
        async with self._redis.pipeline(transaction=False) as pipe:
            for _owner, run_id in candidates:
                pipe.hgetall(run_key(run_id))
            records = cast(list[dict[str, str]], await pipe.execute())
        orphaned: list[RunInfo] = []
        async with self._redis.pipeline(transaction=False) as stale:
            for (owner, run_id), data in zip(candidates, records, strict=True):
                info = _run_info(data)
                if info is not None and info.status == "running" and info.owner == owner:
                    orphaned.append(info)
                else:
                    stale.srem(owned_runs_key(owner), run_id)
            await stale.execute()
        return orphaned

    async def adopt_legacy_index(self, checkpoints: str) -> int:
        """List per owner the `running` runs of `checkpoints` that an earlier release listed in
        its one index, so that they can be taken over; how many. Ids of ended or vanished runs
        leave that index; another deployment's stay there for it to adopt."""
        run_ids = sorted(cast(set[str], await self._redis.smembers(LEGACY_RUNNING_INDEX_KEY)))
        if not run_ids:
            return 0
        async with self._redis.pipeline(transaction=False) as pipe:
            for run_id in run_ids:
                pipe.hgetall(run_key(run_id))
            records = cast(list[dict[str, str]], await pipe.execute())
        adopted = 0
        async with self._redis.pipeline(transaction=True) as pipe:
            for run_id, data in zip(run_ids, records, strict=True):
                info = _run_info(data)
                if info is not None and info.status == "running":
                    if info.checkpoints != checkpoints or not info.owner:
                        continue
                    pipe.sadd(owned_runs_key(info.owner), run_id)
                    pipe.sadd(running_owners_key(checkpoints), info.owner)
                    adopted += 1
                pipe.srem(LEGACY_RUNNING_INDEX_KEY, run_id)
            await pipe.execute()
        return adopted

    async def claim_orphan(self, info: RunInfo, claimant_id: str) -> bool:
        """Take over a run whose owner's lease expired; true for exactly one claimant. The run
        moves to the claimant's set, and a cancel asked for it to the claimant's cancels."""
        claimed = await self._claim_orphan(
            keys=[
                run_key(info.run_id),
                owner_key(info.owner),
                owned_runs_key(info.owner),
                owned_runs_key(claimant_id),
                running_owners_key(info.checkpoints),
                cancels_key(claimant_id),
            ],
            args=[info.owner, claimant_id, info.run_id],
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

    async def hold_lease(self, owner_id: str, lease_seconds: float) -> bool:
        """Renew the owner's lease; whether it was still held (False when it had lapsed, so
        another process may have taken some of the owner's runs over meanwhile)."""
        earlier = await self._redis.set(
            owner_key(owner_id), "1", px=int(lease_seconds * 1000), get=True
        )
        return earlier is not None

    async def drop_lease(self, owner_id: str) -> None:
        await self._redis.delete(owner_key(owner_id))

    async def set_status(self, run_id: str, status: RunStatus) -> None:
        await self._set_status(keys=[run_key(run_id)], args=[OWNED_RUNS_KEY_PREFIX, status, run_id])

    async def owners(self, run_ids: list[str]) -> list[str | None]:
        async with self._redis.pipeline(transaction=False) as pipe:
            for run_id in run_ids:
                pipe.hget(run_key(run_id), "owner")
            return cast(list[str | None], await pipe.execute())

    async def request_cancel(self, run_id: str) -> None:
        """Ask the run's owner, wherever it runs, to cancel it (on its next sweep)."""
        await self._request_cancel(
            keys=[run_key(run_id)], args=[CANCELS_KEY_PREFIX, run_id, self._retention]
        )

    async def take_cancels(self, owner_id: str) -> set[str]:
        """The runs whose cancel was asked for since the owner last looked (emptied as read)."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.smembers(cancels_key(owner_id))
            pipe.delete(cancels_key(owner_id))
            asked, _deleted = await pipe.execute()
        return cast(set[str], asked)
