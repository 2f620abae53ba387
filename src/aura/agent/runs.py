"""Runs as tasks of the service, not of an HTTP connection (docs/agent.md).

The supervisor starts each run as a task it tracks, appends every event the runtime yields to the
run's log with the next sequence number, and cancels whatever is still running when the service
stops. A response only reads the log, so a dropped connection neither stops nor repeats a run.
Run metadata (owner user and tenant, session, thread, status) lives in Redis next to the log, so
any replica can authorise a re-attach or a cancel. A cancel for a run owned by another replica is
left as a flag that the owning supervisor picks up on its next sweep.

Each supervisor holds an owner lease (`aura:agent:owner:{ownerId}`, refreshed every sweep, TTL
`lease_seconds`) and stamps its runs with its owner id, so a reader on any replica can tell a run
that is only quiet from one whose process died without logging `end`.

The supervisor also reaps such runs (on start-up and on every sweep): a run still `running` whose
owner's lease has expired is claimed by a Lua compare-and-set that re-stamps it with the reaper's
owner id (so two processes never reap the same run, and readers see a live owner while it is
reaped), its loose ends are tied (request expired if still pending, session settled, checkpoint
deleted), `error{ServiceUnavailable}` and `end{failed}` are appended after its last logged event,
and it is marked failed. Running runs are listed in `aura:runs:running` so a sweep costs one
`SMEMBERS` and one pipelined round trip, whatever the number of keys in Redis.
"""

import asyncio
import contextlib
import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal, cast
from urllib.parse import quote

from redis.asyncio import Redis
from redis.exceptions import RedisError, WatchError

from aura.agent.event_log import RunLog
from aura.agent.metrics import AgentMetrics
from aura.agent.runtime.context import RunHold, RunSpec
from aura.agent.runtime.runner import AgentRuntime
from aura.contracts.clock import unix_now
from aura.contracts.errors import ErrorCode
from aura.contracts.events import Content, End, Error, Start, StreamEvent
from aura.contracts.identity import Caller, Role
from aura.contracts.runs import RUNNING_INDEX_KEY, owner_key, run_key
from aura.kit.errors import DomainError, InvalidStateError, NotFoundError
from aura.kit.identity import authorize_owner

logger = logging.getLogger("aura.agent.runs")

RunStatus = Literal["running", "completed", "rejected", "failed", "cancelled"]
CancelReason = Literal["cancelled", "shutdown", "reaped"]
_THREAD_TURNS_KEPT = 20


def thread_key(tenant_id: str, user_id: str, thread_id: str) -> str:
    """A conversation thread of one (tenant, user): the same `threadId` of another user (or
    tenant) is another thread, so nobody can claim, read or lock anyone else's. Each part is
    percent-encoded so that no id containing `:` can pose as another owner's."""
    parts = (quote(part, safe="") for part in (tenant_id, user_id, thread_id))
    return "aura:thread:" + ":".join(parts)


# KEYS[1] run key, KEYS[2] the recorded owner's lease; ARGV[1] recorded owner, ARGV[2] reaper.
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


_OWNER_LOST = Error(
    error="owner_lost",
    error_type="ServiceUnavailable",
    message="The Aura process running this request stopped unexpectedly, so the run was ended. "
    "Please send the request again.",
)


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
    """Run metadata and conversation threads in Redis, kept as long as the run's log."""

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

    async def claim_orphan(self, info: RunInfo, reaper_id: str) -> bool:
        """Take over a run whose owner's lease expired; true for exactly one claimant."""
        claimed = await self._claim_orphan(
            keys=[run_key(info.run_id), owner_key(info.owner)], args=[info.owner, reaper_id]
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

    async def thread(
        self, thread_id: str, caller: Caller
    ) -> tuple[str | None, list[dict[str, Any]]]:
        """The session and earlier turns of the caller's thread; a new thread has neither."""
        key = thread_key(caller.tenant_id, caller.user_id, thread_id)
        data = cast(dict[str, str], await self._redis.hgetall(key))
        if not data:
            return None, []
        return data.get("sessionId"), json.loads(data.get("turns", "[]"))

    async def open_thread(self, thread_id: str, caller: Caller) -> tuple[str, list[dict[str, Any]]]:
        """The session and earlier turns of the caller's thread, created by its first request
        (so concurrent first requests of one owner share one session)."""
        key = thread_key(caller.tenant_id, caller.user_id, thread_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hsetnx(key, "sessionId", new_id("sess"))
            pipe.hset(key, mapping={"userId": caller.user_id, "tenantId": caller.tenant_id})
            pipe.expire(key, self._retention)
            pipe.hgetall(key)
            *_, data = await pipe.execute()
        record = cast(dict[str, str], data)
        return record["sessionId"], json.loads(record.get("turns", "[]"))

    async def remember(
        self, thread_id: str, caller: Caller, session_id: str, prompt: str, answer: str
    ) -> None:
        """Append a turn to the thread: read and write under WATCH, retried when another run of
        the same thread wrote in between, so concurrent runs never lose each other's turns."""
        key = thread_key(caller.tenant_id, caller.user_id, thread_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(key)
                    data = cast(dict[str, str], await pipe.hgetall(key))
                    turns = [
                        *json.loads(data.get("turns", "[]")),
                        {"role": "user", "content": prompt},
                        {"role": "assistant", "content": answer},
                    ]
                    pipe.multi()  # type: ignore[no-untyped-call]
                    pipe.hset(
                        key,
                        mapping={
                            "userId": caller.user_id,
                            "tenantId": caller.tenant_id,
                            "sessionId": session_id,
                            "turns": json.dumps(turns[-_THREAD_TURNS_KEPT:], ensure_ascii=False),
                        },
                    )
                    pipe.expire(key, self._retention)
                    await pipe.execute()
                    return
                except WatchError:
                    continue


class RunSupervisor:
    def __init__(
        self,
        runtime: AgentRuntime,
        log: RunLog,
        store: RunStore,
        *,
        max_runs: int,
        sweep_seconds: float,
        lease_seconds: float = 15.0,
        owner_id: str | None = None,
        checkpoints: str = "",
        metrics: AgentMetrics | None = None,
    ) -> None:
        if lease_seconds <= sweep_seconds:
            raise ValueError("the owner lease must outlast the sweep interval that refreshes it")
        self.owner_id = owner_id or new_id("owner")
        self._checkpoints = checkpoints
        self._lease_seconds = lease_seconds
        self._runtime = runtime
        self._log = log
        self._store = store
        self._max_runs = max_runs
        self._sweep_seconds = sweep_seconds
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._cancel_reasons: dict[str, CancelReason] = {}
        self._sweeper: asyncio.Task[None] | None = None
        self._unburied: set[str] = set()
        self._holds: dict[str, RunHold] = {}
        # Runs whose end is logged but whose status is still being written: a cancel now is late.
        self._ending: set[str] = set()
        self._stopping = asyncio.Event()
        self.metrics = metrics if metrics is not None else AgentMetrics()
        self.metrics.runs_running.set_function(lambda: len(self._tasks))

    async def __aenter__(self) -> "RunSupervisor":
        await self._store.hold_lease(self.owner_id, self._lease_seconds)
        self._sweeper = asyncio.create_task(self._sweep(), name="run-sweeper")
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._stopping.set()
        if self._sweeper is not None:
            self._sweeper.cancel()
        for run_id, task in list(self._tasks.items()):
            self._cancel_reasons.setdefault(run_id, "shutdown")
            task.cancel()
        tasks = [task for task in self._tasks.values()]
        if self._sweeper is not None:
            tasks.append(self._sweeper)
        await asyncio.gather(*tasks, return_exceptions=True)
        with contextlib.suppress(RedisError, OSError):
            await self._store.drop_lease(self.owner_id)

    @property
    def active(self) -> int:
        return len(self._tasks)

    def is_local(self, run_id: str) -> Callable[[], bool]:
        return lambda: run_id in self._tasks

    def is_alive(self, run_id: str) -> Callable[[], Awaitable[bool]]:
        async def alive() -> bool:
            return run_id in self._tasks or await self._store.is_alive(run_id, self._checkpoints)

        return alive

    async def start(self, spec: RunSpec) -> RunInfo:
        """Record the run, log `start`, and set it going; the caller then reads the log."""
        if len(self._tasks) >= self._max_runs:
            raise RunCapacityError(
                f"Aura is already running {self._max_runs} runs; try again in a moment."
            )
        info = RunInfo(
            run_id=spec.run_id,
            session_id=spec.session_id,
            thread_id=spec.thread_id,
            user_id=spec.caller.user_id,
            tenant_id=spec.caller.tenant_id,
            status="running",
            created_at=unix_now(),
            owner=self.owner_id,
            role=spec.caller.role,
            email=spec.caller.email or "",
            checkpoints=self._checkpoints,
        )
        await self._store.create(info)
        start = Start(
            run_id=spec.run_id,
            session_id=spec.session_id,
            thread_id=spec.thread_id,
            model=self._runtime.model_name,
        )
        await self._log.append(spec.run_id, 1, start)
        self._tasks[spec.run_id] = asyncio.create_task(self._drive(spec), name=f"run-{spec.run_id}")
        return info

    async def cancel(self, run_id: str) -> None:
        if run_id in self._ending:
            raise InvalidStateError(f"Run {run_id} has already ended.")
        task = self._tasks.get(run_id)
        if task is not None:
            self._cancel_reasons[run_id] = "cancelled"
            task.cancel()
            return
        info = await self._store.get(run_id)
        if info is None or info.status != "running":
            raise InvalidStateError(f"Run {run_id} has already ended.")
        await self._store.request_cancel(run_id)

    async def _drive(self, spec: RunSpec, resumed_after: int | None = None) -> None:
        """Run it (or, with `resumed_after`, the rest of it after that logged event)."""
        seq = resumed_after or 1
        answer: list[str] = []
        status: RunStatus = "failed"
        hold = RunHold(owner_id=self.owner_id)
        self._holds[spec.run_id] = hold
        events = (
            self._runtime.run(spec, hold)
            if resumed_after is None
            else self._runtime.resume(spec, hold)
        )

        async def append(event: StreamEvent) -> None:
            nonlocal seq
            seq += 1
            await self._log.append(spec.run_id, seq, event)
            self.metrics.event_logged(spec.run_id)

        try:
            async for event in events:
                if isinstance(event, Content):
                    answer.append(event.content)
                if isinstance(event, End):
                    status = event.status
                await append(event)
        except asyncio.CancelledError:
            reason = self._cancel_reasons.get(spec.run_id, "shutdown")
            if reason == "reaped":
                return  # another process ended the run: its log and status are that one's now
            status = "cancelled" if reason == "cancelled" else "failed"
            with contextlib.suppress(RedisError, OSError):
                if reason == "shutdown":
                    await append(
                        Error(
                            error="service_stopping",
                            error_type="ServiceUnavailable",
                            message="Aura is shutting down; the run was stopped.",
                        )
                    )
                await append(End(status=status))
        except (RedisError, OSError) as exc:
            logger.error("run %s could not write its log: %s", spec.run_id, exc)
        except Exception:
            logger.exception("run %s stopped unexpectedly", spec.run_id)
            with contextlib.suppress(RedisError, OSError):
                await append(
                    Error(
                        error="internal_error",
                        error_type="InternalError",
                        message="The run stopped because of an internal error.",
                    )
                )
                await append(End(status="failed"))
        finally:
            self._log.release(spec.run_id)
            self._ending.add(spec.run_id)
            self._tasks.pop(spec.run_id, None)
            self._holds.pop(spec.run_id, None)
            reaped = self._cancel_reasons.pop(spec.run_id, None) == "reaped" or hold.lost
            self.metrics.run_finished(spec.run_id, None if reaped else status)
            try:
                with contextlib.suppress(RedisError, OSError):
                    if not reaped:
                        await self._store.set_status(spec.run_id, status)
                        if status in ("completed", "rejected"):
                            await self._store.remember(
                                spec.thread_id,
                                spec.caller,
                                spec.session_id,
                                spec.prompt,
                                "".join(answer),
                            )
            finally:
                self._ending.discard(spec.run_id)
            if not reaped:
                # Only once its end is logged and its status written: a run is never resumed.
                await self._runtime.forget(spec.run_id)

    async def _sweep(self) -> None:
        # Stops on `_stopping`, not only on cancellation: redis-py can turn a cancellation that
        # lands inside a command into a TimeoutError (an OSError), which the loop tolerates.
        while not self._stopping.is_set():
            with contextlib.suppress(RedisError, OSError):
                await self._store.hold_lease(self.owner_id, self._lease_seconds)
            try:
                await self._sweep_cancels()
                with contextlib.suppress(RedisError, OSError):
                    await self.reap()
            except Exception:
                # The sweeper also renews the lease: it must outlive any one bad run.
                logger.exception("the run sweeper met an unexpected error; sweeping on")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._sweep_seconds)

    async def _sweep_cancels(self) -> None:
        """Cancel the runs someone asked to cancel, and stop (silently) the runs another
        process reaped because this one's lease lapsed (Redis was out of reach for too long)."""
        run_ids = list(self._tasks)
        if not run_ids:
            return
        try:
            flagged = await self._store.cancel_requested(run_ids)
            owners = await self._store.owners(run_ids)
        except (RedisError, OSError):
            return
        taken = [
            run_id
            for run_id, owner in zip(run_ids, owners, strict=True)
            if owner and owner != self.owner_id
        ]
        for reason, ids in (("cancelled", flagged), ("reaped", taken)):
            for run_id in ids:
                task = self._tasks.get(run_id)
                if task is not None:
                    self._cancel_reasons[run_id] = cast(CancelReason, reason)
                    hold = self._holds.get(run_id)
                    if reason == "reaped" and hold is not None:
                        hold.lost = True
                    task.cancel()

    async def reap(self) -> list[str]:
        """Take over every run whose owner died without logging `end`: resume it from its
        checkpoint when it has one, end it otherwise. The ids this process took over.

        A run this process claimed but could not finish burying (Redis failed half-way) is
        retried on the next sweep: it now carries this process's owner id, so no other process
        would pick it up while this one lives.
        """
        reaped: list[str] = []
        for run_id in sorted(self._unburied):
            info = await self._store.get(run_id)
            if info is None or info.status != "running":
                self._unburied.discard(run_id)
                continue
            await self._bury(info)
            reaped.append(run_id)
        for info in await self._store.orphans(self._checkpoints):
            if info.run_id in self._tasks or self._stopping.is_set():
                continue
            if not await self._store.claim_orphan(info, self.owner_id):
                continue
            reaped.append(info.run_id)
            if await self._resume(info):
                self.metrics.takeovers.labels("resumed").inc()
                continue
            self.metrics.takeovers.labels("ended").inc()
            logger.warning("run %s: its owner %s stopped; ending it", info.run_id, info.owner)
            self._unburied.add(info.run_id)
            await self._bury(info)
        return reaped

    async def _resume(self, info: RunInfo) -> bool:
        """Continue a claimed run here, after its last logged event; False when it cannot be."""
        head = await self._log.head(info.run_id)
        if head is None or head.type == "end":
            return False
        prompt = await self._runtime.checkpoint_prompt(info.run_id)
        if prompt is None:
            return False
        spec = RunSpec(
            run_id=info.run_id,
            session_id=info.session_id,
            thread_id=info.thread_id,
            # No token is kept with a run: the tools sign one for the same identity.
            caller=Caller(
                user_id=info.user_id,
                tenant_id=info.tenant_id,
                role=cast(Role, info.role),
                email=info.email or None,
                token="",
            ),
            prompt=prompt,
        )
        logger.warning(
            "run %s: its owner %s stopped; resuming it after event %d",
            info.run_id,
            info.owner,
            head.seq,
        )
        task = asyncio.create_task(self._drive(spec, head.seq), name=f"run-{info.run_id}")
        self._tasks[info.run_id] = task
        return True

    async def _bury(self, info: RunInfo) -> None:
        """Tie the loose ends of a dead run first (as the runner does before its last events),
        then log its end after its last logged event, then mark it."""
        await self._runtime.abandon_orphan(info.run_id, info.session_id)
        head = await self._log.head(info.run_id)
        status: RunStatus = "failed"
        if head is not None and head.type == "end":
            status = json.loads(head.payload)["data"]["status"]
        elif head is not None:
            try:
                await self._log.append(info.run_id, head.seq + 1, _OWNER_LOST)
                await self._log.append(info.run_id, head.seq + 2, End(status="failed"))
            finally:
                self._log.release(info.run_id)
        await self._store.set_status(info.run_id, status)
        self._unburied.discard(info.run_id)
