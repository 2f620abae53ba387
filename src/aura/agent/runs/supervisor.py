"""The run supervisor: each run is a task of the service, not of an HTTP connection.

It starts each run as a task it tracks, appends every event the runtime yields to the run's log
with the next sequence number, and cancels whatever is still running when the service stops. A
response only reads the log, so a dropped connection neither stops nor repeats a run. A cancel
for a run owned by another replica is left as a flag that the owning supervisor picks up on its
next sweep. Every sweep also renews the process's owner lease and takes over runs whose process
died (`takeover.py`).
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Literal, cast

from redis.exceptions import RedisError

from aura.agent.event_log import RunLog, first_entry
from aura.agent.metrics import AgentMetrics
from aura.agent.runs.records import RunCapacityError, RunInfo, RunStatus, RunStore, new_id
from aura.agent.runs.takeover import RunTakeover
from aura.agent.runs.threads import ThreadStore
from aura.agent.runtime.context import RunHold, RunSpec
from aura.agent.runtime.runner import AgentRuntime
from aura.contracts.clock import unix_now
from aura.contracts.events import Content, End, Error, Start, StreamEvent
from aura.kit.errors import InvalidStateError
from aura.kit.redis import QueuedWrite

logger = logging.getLogger("aura.agent.runs")

CancelReason = Literal["cancelled", "shutdown", "taken_over"]


class RunSupervisor:
    def __init__(
        self,
        runtime: AgentRuntime,
        log: RunLog,
        store: RunStore,
        threads: ThreadStore,
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
        self._threads = threads
        self._max_runs = max_runs
        self._sweep_seconds = sweep_seconds
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._cancel_reasons: dict[str, CancelReason] = {}
        self._sweeper: asyncio.Task[None] | None = None
        self._holds: dict[str, RunHold] = {}
        # Runs whose end is logged but whose status is still being written: a cancel now is late.
        self._ending: set[str] = set()
        self._stopping = asyncio.Event()
        # False once a renewal found the lease lapsed (or could not tell): until the next sweep
        # has looked, another process may have taken some of this one's runs over.
        self._lease_unbroken = True
        self.metrics = metrics if metrics is not None else AgentMetrics()
        self.metrics.runs_running.set_function(lambda: len(self._tasks))
        self._takeover = RunTakeover(
            runtime,
            log,
            store,
            owner_id=self.owner_id,
            checkpoints=checkpoints,
            metrics=self.metrics,
            resume_here=self._resume_here,
            runs_here=lambda run_id: run_id in self._tasks,
        )

    async def __aenter__(self) -> "RunSupervisor":
        await self._store.hold_lease(self.owner_id, self._lease_seconds)
        with contextlib.suppress(RedisError, OSError):
            if adopted := await self._store.adopt_legacy_index(self._checkpoints):
                logger.info("listed %d running runs of an earlier release per owner", adopted)
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

    async def start(self, spec: RunSpec, *, alongside: QueuedWrite | None = None) -> RunInfo:
        """Record the run, log `start`, and set it going; the caller then reads the log.
        `alongside` queues what must land with the run's records (a thread named for it)."""
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
        start = Start(
            run_id=spec.run_id,
            session_id=spec.session_id,
            thread_id=spec.thread_id,
            model=self._runtime.model_name,
        )
        # One MULTI, one round trip before the first event: the record, the log's first entry
        # and the thread land together (Redis does not roll back a refused part: the run is marked
        # failed then).
        first = first_entry(start)
        writes: list[QueuedWrite] = [partial(self._log.queue_first, spec.run_id, first)]
        if alongside is not None:
            writes.append(alongside)
        try:
            await self._store.create(info, *writes)
        except BaseException:
            # Never a record that says `running` with no task behind it in a live process (the
            # reply can be lost after Redis ran the MULTI).
            with contextlib.suppress(RedisError, OSError):
                await asyncio.shield(self._store.set_status(spec.run_id, "failed"))
            raise
        self._log.logged(spec.run_id, first)
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
                del event  # not held while the run waits at the gate
        except asyncio.CancelledError:
            reason = self._cancel_reasons.get(spec.run_id, "shutdown")
            if reason == "taken_over":
                return  # another process took the run over: its log and status are that one's now
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
            taken_over = self._cancel_reasons.pop(spec.run_id, None) == "taken_over" or hold.lost
            self.metrics.run_finished(spec.run_id, None if taken_over else status)
            try:
                with contextlib.suppress(RedisError, OSError):
                    if not taken_over:
                        await self._store.set_status(spec.run_id, status)
                        if status in ("completed", "rejected"):
                            await self._threads.remember(
                                spec.thread_id,
                                spec.caller,
                                spec.session_id,
                                spec.prompt,
                                "".join(answer),
                            )
            finally:
                self._ending.discard(spec.run_id)
            if not taken_over:
                # Only once its end is logged and its status written: a run is never resumed.
                await self._runtime.forget(spec.run_id)

    async def _sweep(self) -> None:
        # Stops on `_stopping`, not only on cancellation: redis-py can turn a cancellation that
        # lands inside a command into a TimeoutError (an OSError), which the loop tolerates.
        while not self._stopping.is_set():
            try:
                held = await self._store.hold_lease(self.owner_id, self._lease_seconds)
            except (RedisError, OSError):
                held = False
            self._lease_unbroken = self._lease_unbroken and held
            try:
                await self._sweep_cancels()
                with contextlib.suppress(RedisError, OSError):
                    await self.take_over_orphans()
            except Exception:
                # The sweeper also renews the lease: it must outlive any one bad run.
                logger.exception("the run sweeper met an unexpected error; sweeping on")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._sweep_seconds)

    async def _sweep_cancels(self) -> None:
        """Cancel the runs someone asked to cancel, and stop (silently) the runs another
        process took over because this one's lease lapsed (Redis was out of reach for too long).
        Who owns each run is read only after a lapse: while the lease holds, nobody can claim."""
        if not self._tasks:
            return
        try:
            flagged = list(await self._store.take_cancels(self.owner_id))
            taken: list[str] = []
            if not self._lease_unbroken:
                run_ids = list(self._tasks)
                owners = await self._store.owners(run_ids)
                taken = [
                    run_id
                    for run_id, owner in zip(run_ids, owners, strict=True)
                    if owner and owner != self.owner_id
                ]
                self._lease_unbroken = True
        except (RedisError, OSError):
            return
        for reason, ids in (("cancelled", flagged), ("taken_over", taken)):
            for run_id in ids:
                task = self._tasks.get(run_id)
                if task is not None:
                    self._cancel_reasons[run_id] = cast(CancelReason, reason)
                    hold = self._holds.get(run_id)
                    if reason == "taken_over" and hold is not None:
                        hold.lost = True
                    task.cancel()

    async def take_over_orphans(self) -> list[str]:
        """Resume (or end) the runs whose process died; the ids taken over (`takeover.py`)."""
        return await self._takeover.take_over_orphans(self._stopping.is_set)

    def _resume_here(self, spec: RunSpec, after: int) -> None:
        task = asyncio.create_task(self._drive(spec, after), name=f"run-{spec.run_id}")
        self._tasks[spec.run_id] = task
