"""Runs as tasks of the service, not of an HTTP connection (SPEC §5.6).

The supervisor starts each run as a task it tracks, appends every event the runtime yields to the
run's log with the next sequence number, and cancels whatever is still running when the service
stops. A response only reads the log, so a dropped connection neither stops nor repeats a run.
Run metadata (owner user and tenant, session, thread, status) lives in Redis next to the log, so
any replica can authorise a re-attach or a cancel. A cancel for a run owned by another replica is
left as a flag that the owning supervisor picks up on its next sweep.

Each supervisor holds an owner lease (`aura:agent:owner:{ownerId}`, refreshed every sweep, TTL
`lease_seconds`) and stamps its runs with its owner id, so a reader on any replica can tell a run
that is only quiet from one whose process died without logging `end`.
"""

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal, cast

from redis.asyncio import Redis
from redis.exceptions import RedisError, WatchError

from aura.agent.event_log import RunLog
from aura.agent.runtime.context import RunSpec
from aura.agent.runtime.runner import AgentRuntime
from aura.contracts.errors import ErrorCode
from aura.contracts.events import Content, End, Error, Start, _EventData
from aura.contracts.identity import Caller
from aura.kit.errors import DomainError, ForbiddenError, InvalidStateError, NotFoundError

logger = logging.getLogger("aura.agent.runs")

RunStatus = Literal["running", "completed", "rejected", "failed", "cancelled"]
CancelReason = Literal["cancelled", "shutdown"]
_THREAD_TURNS_KEPT = 20


def run_key(run_id: str) -> str:
    return f"aura:run:{run_id}"


def thread_key(thread_id: str) -> str:
    return f"aura:thread:{thread_id}"


def owner_key(owner_id: str) -> str:
    return f"aura:agent:owner:{owner_id}"


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


class RunCapacityError(DomainError):
    code = ErrorCode.INVALID_STATE


def authorise(info: RunInfo | None, caller: Caller, run_id: str) -> RunInfo:
    if info is None:
        raise NotFoundError(f"Run {run_id} was not found.")
    if info.tenant_id != caller.tenant_id:
        raise DomainError("The run belongs to another tenant.", ErrorCode.TENANT_MISMATCH)
    if info.user_id != caller.user_id:
        raise ForbiddenError("The run belongs to another user.")
    return info


class RunStore:
    """Run metadata and conversation threads in Redis, kept as long as the run's log."""

    def __init__(self, redis: Redis, retention_seconds: int) -> None:
        self._redis = redis
        self._retention = retention_seconds

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
                },
            )
            pipe.expire(key, self._retention)
            await pipe.execute()

    async def get(self, run_id: str) -> RunInfo | None:
        data = cast(dict[str, str], await self._redis.hgetall(run_key(run_id)))
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
        )

    async def is_alive(self, run_id: str) -> bool:
        """Whether the run may still log events: it is `running` and its owner's lease holds."""
        status, owner = cast(
            list[str | None], await self._redis.hmget(run_key(run_id), ["status", "owner"])
        )
        if status != "running":
            return False
        if not owner:
            return True  # no owner recorded: only the log's expiry can tell
        return bool(await self._redis.exists(owner_key(owner)))

    async def hold_lease(self, owner_id: str, lease_seconds: float) -> None:
        await self._redis.set(owner_key(owner_id), "1", px=int(lease_seconds * 1000))

    async def drop_lease(self, owner_id: str) -> None:
        await self._redis.delete(owner_key(owner_id))

    async def set_status(self, run_id: str, status: RunStatus) -> None:
        await self._redis.hset(run_key(run_id), "status", status)

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
        """The session and earlier turns of a thread the caller owns; a new thread has neither."""
        data = cast(dict[str, str], await self._redis.hgetall(thread_key(thread_id)))
        if not data:
            return None, []
        if data.get("tenantId") != caller.tenant_id or data.get("userId") != caller.user_id:
            raise ForbiddenError("The thread belongs to another user.")
        return data.get("sessionId"), json.loads(data.get("turns", "[]"))

    async def remember(
        self, thread_id: str, caller: Caller, session_id: str, prompt: str, answer: str
    ) -> None:
        """Append a turn to the thread: read and write under WATCH, retried when another run of
        the same thread wrote in between, so concurrent runs never lose each other's turns."""
        key = thread_key(thread_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(key)
                    data = cast(dict[str, str], await pipe.hgetall(key))
                    if data and (
                        data.get("tenantId") != caller.tenant_id
                        or data.get("userId") != caller.user_id
                    ):
                        raise ForbiddenError("The thread belongs to another user.")
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
    ) -> None:
        if lease_seconds <= sweep_seconds:
            raise ValueError("the owner lease must outlast the sweep interval that refreshes it")
        self.owner_id = owner_id or new_id("owner")
        self._lease_seconds = lease_seconds
        self._runtime = runtime
        self._log = log
        self._store = store
        self._max_runs = max_runs
        self._sweep_seconds = sweep_seconds
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._cancel_reasons: dict[str, CancelReason] = {}
        self._sweeper: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    async def __aenter__(self) -> "RunSupervisor":
        await self._store.hold_lease(self.owner_id, self._lease_seconds)
        self._sweeper = asyncio.create_task(self._sweep_cancels(), name="run-cancel-sweeper")
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
            return run_id in self._tasks or await self._store.is_alive(run_id)

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
            created_at=int(time.time()),
            owner=self.owner_id,
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
        task = self._tasks.get(run_id)
        if task is not None:
            self._cancel_reasons[run_id] = "cancelled"
            task.cancel()
            return
        info = await self._store.get(run_id)
        if info is None or info.status != "running":
            raise InvalidStateError(f"Run {run_id} has already ended.")
        await self._store.request_cancel(run_id)

    async def _drive(self, spec: RunSpec) -> None:
        seq = 1
        answer: list[str] = []
        status: RunStatus = "failed"

        async def append(event: _EventData) -> None:
            nonlocal seq
            seq += 1
            await self._log.append(spec.run_id, seq, event)

        try:
            async for event in self._runtime.run(spec):
                if isinstance(event, Content):
                    answer.append(event.content)
                if isinstance(event, End):
                    status = event.status
                await append(event)
        except asyncio.CancelledError:
            reason = self._cancel_reasons.get(spec.run_id, "shutdown")
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
            self._tasks.pop(spec.run_id, None)
            self._cancel_reasons.pop(spec.run_id, None)
            with contextlib.suppress(RedisError, OSError):
                await self._store.set_status(spec.run_id, status)
                if status in ("completed", "rejected"):
                    await self._store.remember(
                        spec.thread_id, spec.caller, spec.session_id, spec.prompt, "".join(answer)
                    )

    async def _sweep_cancels(self) -> None:
        # Stops on `_stopping`, not only on cancellation: redis-py can turn a cancellation that
        # lands inside a command into a TimeoutError (an OSError), which the loop tolerates.
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._sweep_seconds)
            if self._stopping.is_set():
                return
            with contextlib.suppress(RedisError, OSError):
                await self._store.hold_lease(self.owner_id, self._lease_seconds)
            run_ids = list(self._tasks)
            if not run_ids:
                continue
            try:
                flagged = await self._store.cancel_requested(run_ids)
            except (RedisError, OSError):
                continue
            for run_id in flagged:
                task = self._tasks.get(run_id)
                if task is not None:
                    self._cancel_reasons[run_id] = "cancelled"
                    task.cancel()
