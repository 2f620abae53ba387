"""Runs whose process died without logging `end`, taken over by a live one.

On start-up and on every sweep, a supervisor looks for runs still `running` whose owner's lease
has expired and whose checkpoints it can read (`RunStore.orphans`). Each one is claimed by a
compare-and-set that re-stamps it with the claimant's owner id, so two processes never take the
same run and readers see a live owner meanwhile. A run with a checkpoint and a log not yet ended
is resumed here, after its last logged event (paused runs wait at the gate again, with their
original deadline). Otherwise its loose ends are tied (request expired if still pending, session
settled, checkpoint deleted), `error{ServiceUnavailable}` and `end{failed}` are appended after its
last logged event, and it is marked failed.
"""

import json
import logging
from collections.abc import Callable
from typing import cast

from aura.agent.event_log import RunLog
from aura.agent.metrics import AgentMetrics
from aura.agent.runs.records import RunInfo, RunStatus, RunStore
from aura.agent.runtime.context import RunSpec
from aura.agent.runtime.runner import AgentRuntime
from aura.contracts.events import End, Error
from aura.contracts.identity import Caller, Role

logger = logging.getLogger("aura.agent.runs")

_OWNER_LOST = Error(
    error="owner_lost",
    error_type="ServiceUnavailable",
    message="The Aura process running this request stopped unexpectedly, so the run was ended. "
    "Please send the request again.",
)

ResumeRun = Callable[[RunSpec, int], None]
"""Start driving a taken-over run on this process, after the given logged event."""


class RunTakeover:
    def __init__(
        self,
        runtime: AgentRuntime,
        log: RunLog,
        store: RunStore,
        *,
        owner_id: str,
        checkpoints: str,
        metrics: AgentMetrics,
        resume_here: ResumeRun,
        runs_here: Callable[[str], bool],
    ) -> None:
        self._runtime = runtime
        self._log = log
        self._store = store
        self._owner_id = owner_id
        self._checkpoints = checkpoints
        self._metrics = metrics
        self._resume_here = resume_here
        self._runs_here = runs_here
        # Runs this process claimed but could not finish ending (Redis failed half-way).
        self._unburied: set[str] = set()

    async def take_over_orphans(self, stopping: Callable[[], bool]) -> list[str]:
        """Take over every run whose owner died without logging `end`: resume it from its
        checkpoint when it has one, end it otherwise. The ids this process took over.

        A run this process claimed but could not finish ending is retried on the next sweep: it
        now carries this process's owner id, so no other process picks it up while this one lives.
        """
        taken: list[str] = []
        for run_id in sorted(self._unburied):
            info = await self._store.get(run_id)
            if info is None or info.status != "running":
                self._unburied.discard(run_id)
                continue
            await self._end(info)
            taken.append(run_id)
        for info in await self._store.orphans(self._checkpoints):
            if self._runs_here(info.run_id) or stopping():
                continue
            if not await self._store.claim_orphan(info, self._owner_id):
                continue
            taken.append(info.run_id)
            if await self._resume(info):
                self._metrics.takeovers.labels("resumed").inc()
                continue
            self._metrics.takeovers.labels("ended").inc()
            logger.warning("run %s: its owner %s stopped; ending it", info.run_id, info.owner)
            self._unburied.add(info.run_id)
            await self._end(info)
        return taken

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
        self._resume_here(spec, head.seq)
        return True

    async def _end(self, info: RunInfo) -> None:
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
