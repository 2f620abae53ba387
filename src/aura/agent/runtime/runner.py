"""Drives one run through the graph and yields its events; waits at the gate between resumes.

The runner never touches HTTP: the run supervisor appends what it yields to the run's log.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.types import Command
from redis.exceptions import RedisError

from aura.agent.approvals.gate import ApprovalGate, ApprovalLostError
from aura.agent.approvals.hub import HubUnavailableError
from aura.agent.llm.base import ChatModel
from aura.agent.runtime.acting import ActingNodes, ToolLookup
from aura.agent.runtime.approving import ApprovalNodes
from aura.agent.runtime.context import RunContext, RunFailure, RunSpec
from aura.agent.runtime.graph import build_graph
from aura.agent.runtime.phrases import PHASE_TITLES, say
from aura.agent.runtime.state import initial_state
from aura.agent.runtime.thinking import ThinkingNodes
from aura.agent.tools.base import Language, ToolContext
from aura.contracts.events import End, Error, TimelineStepUpdate

logger = logging.getLogger("aura.agent.runtime")

RunEvent = Any


class AgentRuntime:
    def __init__(
        self,
        *,
        model: ChatModel,
        tools: ToolLookup,
        gate: ApprovalGate,
        checkpointer: BaseCheckpointSaver[Any],
        mail: httpx.AsyncClient,
        detect_language: Callable[[str], Language],
        max_turns: int = 12,
    ) -> None:
        self._model = model
        self._gate = gate
        self._mail = mail
        self._detect_language = detect_language
        self._graph = build_graph(
            ThinkingNodes(model, max_turns),
            ActingNodes(tools),
            ApprovalNodes(tools, gate),
            checkpointer,
        )

    @property
    def model_name(self) -> str:
        return self._model.model_name

    async def run(self, spec: RunSpec) -> AsyncIterator[RunEvent]:
        """Every event of the run after `start`, ending with `end` (or raising CancelledError)."""
        language = self._detect_language(spec.prompt)
        ctx = RunContext(
            spec=spec,
            tools=ToolContext(
                caller=spec.caller, mail=self._mail, request_id=spec.request_id, page=spec.page
            ),
        )
        config: dict[str, Any] = {"configurable": {"thread_id": spec.run_id}}
        payload: Any = initial_state(spec.prompt, language, spec.page, spec.history)
        try:
            while True:
                async for event in self._graph.astream(
                    payload, config, context=ctx, stream_mode="custom"
                ):
                    yield event
                snapshot = await self._graph.aget_state(config)
                if not snapshot.interrupts:
                    break
                request_id = snapshot.interrupts[0].value["requestId"]
                decision = await self._gate.wait(ctx.pending[request_id])
                payload = Command(resume=decision.to_state())
            yield End(status=snapshot.values["end_status"])
        except RunFailure as failure:
            async for event in self._failure_events(config, failure, language):
                yield event
        except (ApprovalLostError, HubUnavailableError, RedisError, OSError) as exc:
            logger.warning("run %s lost its store: %s", spec.run_id, exc)
            key = "approval_lost" if isinstance(exc, ApprovalLostError) else "store_unavailable"
            lost = RunFailure(key, "StoreError", say(key, language))
            async for event in self._failure_events(config, lost, language):
                yield event
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("run %s failed", spec.run_id)
            crash = RunFailure("internal_error", "InternalError", say("internal", language))
            async for event in self._failure_events(config, crash, language):
                yield event
        finally:
            await self._abandon(ctx)

    async def _failure_events(
        self, config: dict[str, Any], failure: RunFailure, language: Language
    ) -> AsyncIterator[RunEvent]:
        with contextlib.suppress(Exception):
            snapshot = await self._graph.aget_state(config)
            for phase, status in snapshot.values.get("phases", {}).items():
                if status == "processing":
                    yield TimelineStepUpdate(
                        id=phase, title=PHASE_TITLES[phase][language], status="failed"
                    )
        yield Error(error=failure.error, error_type=failure.error_type, message=failure.message)
        yield End(status="failed")

    async def _abandon(self, ctx: RunContext) -> None:
        """A run that stops while a request is pending leaves no request that looks answerable."""
        for pending in list(ctx.pending.values()):
            with contextlib.suppress(RedisError, OSError):
                await asyncio.shield(self._gate.abandon(pending, "run stopped"))
        ctx.pending.clear()
