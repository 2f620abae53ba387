"""Drives one run through the graph and yields its events; waits at the gate between resumes.

The runner never touches HTTP: the run supervisor appends what it yields to the run's log.
Whatever way a run ends, its loose ends are tied *before* its last events are yielded (so a
reader that sees `end` finds them tied): a request still pending is expired and its session
settled. The run's checkpoint thread is deleted (`forget`) only once its `end` is in the log:
a process that dies in between leaves a checkpoint that another one resumes to the same end.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from typing import Literal, cast

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.types import Command, Interrupt, StateSnapshot
from redis.exceptions import RedisError

from aura.agent.approvals.gate import ApprovalGate
from aura.agent.approvals.hub import HubUnavailableError
from aura.agent.approvals.lifecycle import ApprovalLostError, Decision
from aura.agent.approvals.records import RequestId
from aura.agent.language import Language
from aura.agent.llm.base import ChatModel
from aura.agent.runtime.acting import ActingNodes, ToolLookup
from aura.agent.runtime.approving import ApprovalNodes, held_approval
from aura.agent.runtime.context import (
    OwnershipLostError,
    RunContext,
    RunFailure,
    RunHold,
    RunSpec,
)
from aura.agent.runtime.graph import build_graph
from aura.agent.runtime.phrases import PHASE_TITLES, MessageKey, say
from aura.agent.runtime.state import (
    RunState,
    RunUpdate,
    ToolCallState,
    awaited_request,
    initial_state,
    request_awaited,
    saved_state,
)
from aura.agent.runtime.thinking import ThinkingNodes
from aura.agent.tools.base import ToolContext, ToolFailure
from aura.agent.tools.credentials import CallerTokens
from aura.contracts.events import End, EndStatus, Error, StreamEvent, TimelineStepUpdate

logger = logging.getLogger("aura.agent.runtime")

# Where `_drive` goes on from a checkpoint: from it (the step it names runs), at the gate (wait
# before streaming), past the end, or at a step that must not be repeated.
ResumePoint = Literal["continue", "paused", "finished", "unsafe"]
# Rounds of continuing from a checkpoint that neither pauses nor ends before the run is failed.
_MAX_STALLS = 3
# One chunk of the graph's `updates` stream: what a node returned, under its name (None when it
# returned nothing), or the interrupts that paused the graph, under `__interrupt__`.
GraphUpdate = Mapping[str, RunUpdate | tuple[Interrupt, ...] | None]


def _config(run_id: str) -> RunnableConfig:
    return {"configurable": {"thread_id": run_id}}


class NotResumableError(Exception):
    """The run left no checkpoint to continue from."""


@dataclass
class _Seen:
    """Where the graph's own stream left the run (its `updates` beside the nodes' events), so
    that the runner need not read the checkpoint back after every stretch to learn it: the
    request it paused on, or how it ended. Neither seen: the checkpoint says (`aget_state`)."""

    paused_on: RequestId | None = None
    end_status: EndStatus | None = None

    def note(self, update: GraphUpdate) -> None:
        for written in update.values():
            if isinstance(written, tuple):  # `__interrupt__`
                self.paused_on = request_awaited(written[0].value)
            elif written is not None and written.get("route") == "end":
                self.end_status = written.get("end_status")


class AgentRuntime:
    def __init__(
        self,
        *,
        model: ChatModel,
        tools: ToolLookup,
        gate: ApprovalGate,
        checkpointer: BaseCheckpointSaver[str],
        detect_language: Callable[[str], Language],
        max_turns: int = 12,
        tokens: CallerTokens | None = None,
    ) -> None:
        self._model = model
        self._tokens = tokens
        self._gate = gate
        self._detect_language = detect_language
        self._checkpointer = checkpointer
        self._tools = tools
        self._graph = build_graph(
            ThinkingNodes(model, max_turns),
            ActingNodes(tools),
            ApprovalNodes(tools, gate),
            checkpointer,
        )

    @property
    def model_name(self) -> str:
        return self._model.model_name

    async def run(self, spec: RunSpec, hold: RunHold | None = None) -> AsyncIterator[StreamEvent]:
        """Every event of the run after `start`, ending with `end` (or raising CancelledError)."""
        # Let the response that reads this run's log send its head and `start` first: the run is
        # set going just before the route returns, and its first step would otherwise hold the
        # event loop (~1 ms of CPU before it first waits) ahead of them.
        await asyncio.sleep(0)
        language = self._detect_language(spec.prompt)
        ctx = self._context(spec, language, hold or RunHold())
        # Frames that live as long as the run keep no reference to its first state or its last
        # event: thousands of runs wait at the gate at once (issue 12).
        async for event in self._drive(
            ctx, initial_state(spec.prompt, language, spec.page, spec.history)
        ):
            yield event
            del event

    async def resume(
        self, spec: RunSpec, hold: RunHold | None = None
    ) -> AsyncIterator[StreamEvent]:
        """The rest of a run whose process died, from its last checkpoint.

        Paused at the gate: wait again for its request (`ApprovalGate.rearm`). Stopped inside a
        step: run that step again when it is safe to repeat (every step but a tool call whose tool
        says otherwise; an approved call is repeated only under its idempotency key), and end
        the run clearly when it is not. No checkpoint: `NotResumableError`.
        """
        config = _config(spec.run_id)
        snapshot = await self._graph.aget_state(config)
        if not snapshot.values:
            raise NotResumableError(f"run {spec.run_id} has no checkpoint")
        language = saved_state(snapshot)["language"]
        ctx = self._context(spec, language, hold or RunHold())
        point = self._resume_point(snapshot)
        del snapshot
        async for event in self._drive(ctx, point):
            yield event
            del event

    def _resume_point(self, snapshot: StateSnapshot) -> ResumePoint:
        """Where a run whose process died goes on from its last checkpoint.

        A step whose output was saved (its writes) but whose checkpoint was not yet written when
        the process died names nothing in `next`: LangGraph applies the saved output when the
        run continues, and the step is not run again. The step after it may have started, so it
        is judged like any step that was running: a tool call is repeated only when its tool
        says that is safe (an approved call is guarded by the execution ledger instead).
        """
        if snapshot.interrupts:
            return "paused"
        values = saved_state(snapshot)
        step_saved = any(task.result is not None for task in snapshot.tasks)
        if snapshot.next:
            running: tuple[str, ...] = snapshot.next
        elif step_saved:
            running = () if values["route"] == "end" else (values["route"],)
        else:
            # Ended, or a checkpoint that names nothing to run and saved no step: never claim a
            # completion the run did not reach.
            return "finished" if values.get("route") == "end" else "unsafe"
        if "act" in running and not self._safe_to_repeat(values["pending"]):
            return "unsafe"
        return "continue"

    async def checkpoint_prompt(self, run_id: str) -> str | None:
        """The prompt of a run that left a checkpoint to resume from; None when it left none."""
        snapshot = await self._graph.aget_state(_config(run_id))
        return saved_state(snapshot)["prompt"] if snapshot.values else None

    def _safe_to_repeat(self, calls: list[ToolCallState]) -> bool:
        if not calls:
            return True
        try:
            return self._tools.get(calls[0]["name"]).safe_to_repeat
        except (LookupError, ToolFailure):
            return True  # the step fails again the same way: nothing to protect

    def _context(self, spec: RunSpec, language: Language, hold: RunHold) -> RunContext:
        return RunContext(
            hold=hold,
            spec=spec,
            tools=ToolContext(
                caller=spec.caller,
                request_id=spec.request_id,
                page=spec.page,
                tokens=self._tokens,
                language=language,
            ),
        )

    async def _drive(
        self, ctx: RunContext, start: RunState | ResumePoint
    ) -> AsyncIterator[StreamEvent]:
        """The run's events from `start` to its `end`: a failure becomes its events and
        `end{failed}`, and the run's loose ends are tied before the last of them."""
        spec, hold = ctx.spec, ctx.hold
        config = _config(spec.run_id)
        language = ctx.tools.language
        ending: list[StreamEvent] = []
        seen = _Seen()
        steps = self._steps(ctx, start, seen)
        del start  # `_steps` holds the first state only until the graph has it
        try:
            async with contextlib.aclosing(steps):
                async for event in steps:
                    yield event
                    del event
            status = seen.end_status
            if status is None:  # ended before this process streamed it (or unseen): ask
                status = saved_state(await self._graph.aget_state(config))["end_status"]
            ending = [End(status=status)]
        except OwnershipLostError:
            logger.warning("run %s: another process owns it now; stopping here", spec.run_id)
            hold.lost = True
        except RunFailure as failure:
            ending = await self._failure_events(config, failure, language)
        except (ApprovalLostError, HubUnavailableError, RedisError, OSError) as exc:
            logger.warning("run %s lost its store: %s", spec.run_id, exc)
            key: MessageKey = (
                "approval_lost" if isinstance(exc, ApprovalLostError) else "store_unavailable"
            )
            lost = RunFailure(key, "StoreError", say(key, language))
            ending = await self._failure_events(config, lost, language)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("run %s failed", spec.run_id)
            crash = RunFailure("internal_error", "InternalError", say("internal", language))
            ending = await self._failure_events(config, crash, language)
        finally:
            await self._let_go(ctx)
        for event in ending:
            yield event

    async def _steps(
        self, ctx: RunContext, start: RunState | ResumePoint, seen: _Seen
    ) -> AsyncGenerator[StreamEvent, None]:
        """What the graph's steps emit until it ends, waiting at the gate between resumes; how
        it ended goes into `seen`."""
        config, language = _config(ctx.spec.run_id), ctx.tools.language
        if start == "unsafe":
            raise RunFailure("interrupted", "ServiceUnavailable", say("interrupted", language))
        if start == "finished":
            return
        payload: RunState | Command[Decision] | None = None if isinstance(start, str) else start
        waiting, stalls = start == "paused", 0
        del start
        while True:
            seen.paused_on = None
            if not waiting:
                async for event in self._stretch(payload, ctx, seen):
                    yield event
                    del event
                payload = None  # the graph has it (and the checkpoint keeps it)
                if seen.end_status is not None:
                    return  # the graph has ended
            request = seen.paused_on
            if request is None:  # resumed at the gate, or the stream did not say: ask
                snapshot = await self._graph.aget_state(config)
                if snapshot.interrupts:
                    request = awaited_request(snapshot)
                elif not snapshot.next:
                    return  # the graph has ended
            if request is not None:
                stalls = 0
                approval = await held_approval(self._gate, ctx, request)
                payload, waiting = Command(resume=await approval.wait()), False
                continue
            # Neither paused nor ended (a pause not yet visible in the checkpoint): go on from
            # the checkpoint, which pauses again or moves on.
            stalls += 1
            if stalls > _MAX_STALLS:
                raise RunFailure("internal_error", "InternalError", say("internal", language))
            payload, waiting = None, False

    async def _stretch(
        self, payload: RunState | Command[Decision] | None, ctx: RunContext, seen: _Seen
    ) -> AsyncGenerator[StreamEvent, None]:
        """What the graph's nodes emit from `payload` until it pauses or ends; the graph's own
        `updates` go into `seen`. Its own generator, so that its last chunk goes with it."""
        async for mode, chunk in self._graph.astream(
            payload, _config(ctx.spec.run_id), context=ctx, stream_mode=["custom", "updates"]
        ):
            if mode == "custom":
                yield cast(StreamEvent, chunk)  # what a node's `Emit` wrote
            else:
                seen.note(cast(GraphUpdate, chunk))

    async def _failure_events(
        self, config: RunnableConfig, failure: RunFailure, language: Language
    ) -> list[StreamEvent]:
        events: list[StreamEvent] = []
        with contextlib.suppress(Exception):
            snapshot = await self._graph.aget_state(config)
            for phase, status in saved_state(snapshot)["phases"].items():
                if status == "processing":
                    events.append(
                        TimelineStepUpdate(
                            id=phase, title=PHASE_TITLES[phase][language], status="failed"
                        )
                    )
        events.append(
            Error(error=failure.error, error_type=failure.error_type, message=failure.message)
        )
        events.append(End(status="failed"))
        return events

    async def abandon_orphan(self, run_id: str, session_id: str) -> None:
        """Tie the loose ends of a run whose process died: the request it waited on (if still
        pending) expires, its session is settled, and its checkpoint thread is deleted."""
        await self._gate.abandon_session(session_id, run_id, "the run's process stopped")
        await self.forget(run_id)

    async def forget(self, run_id: str) -> None:
        """Delete the run's checkpoint thread once its end is logged: it is never resumed."""
        try:
            await asyncio.shield(self._checkpointer.adelete_thread(run_id))
        except Exception:
            logger.warning("run %s: its checkpoints could not be deleted", run_id, exc_info=True)

    @staticmethod
    async def _let_go(ctx: RunContext) -> None:
        """A run that stops holding an approval it did not act on leaves no request that looks
        answerable and no session that says it is waiting; unless another process took the run
        over, which waits for that request now (the approval is only released)."""
        approval, ctx.approval = ctx.approval, None
        if approval is None:
            return
        letting_go = approval.release() if ctx.hold.lost else approval.abandon("run stopped")
        with contextlib.suppress(RedisError, OSError):
            await asyncio.shield(letting_go)
