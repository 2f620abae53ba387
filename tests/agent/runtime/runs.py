"""Driving a run in-process: its events, its pause at the gate, what its session record says."""

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.types import Interrupt
from pydantic import BaseModel
from redis.asyncio import Redis

from aura.agent.llm.base import Conversation
from aura.contracts.events import Hitl
from aura.contracts.hitl import session_key

OnHitl = Callable[[Hitl], Awaitable[None]]


async def collect(
    events: AsyncIterator[BaseModel], on_hitl: OnHitl | None = None
) -> list[BaseModel]:
    """Every event until the run's end; `on_hitl` acts on each announced request (the runtime
    reads the record after `hitl`, so a decision made here is found by its first look)."""
    seen: list[BaseModel] = []
    async for event in events:
        seen.append(event)
        if isinstance(event, Hitl) and on_hitl is not None:
            await on_hitl(event)
    return seen


def statuses(conversation: Conversation) -> str:
    """A short answer for scripted models: each call and what became of it."""
    parts = []
    for outcome in conversation.outcomes:
        reason = f" ({outcome.reason})" if outcome.reason else ""
        parts.append(f"{outcome.call.name}: {outcome.status}{reason}")
    return "; ".join(parts) or "nothing to do"


async def paused_at_gate(checkpointer: BaseCheckpointSaver[Any], run_id: str) -> None:
    """Return once the run's last checkpoint holds its interrupt (where `resume` goes on)."""
    config: Any = {"configurable": {"thread_id": run_id}}
    while True:
        saved = await checkpointer.aget_tuple(config)
        writes = saved.pending_writes if saved is not None else None
        if any(_interrupts(value) for _task, _channel, value in writes or ()):
            return
        await asyncio.sleep(0.01)


def _interrupts(value: Any) -> bool:
    items = value if isinstance(value, list | tuple) else [value]
    return any(isinstance(item, Interrupt) for item in items)


async def session_state(redis: Redis, session_id: str) -> str | None:
    """What the session record says of its request: waiting, decided or expired."""
    raw = await redis.get(session_key(session_id))
    return None if raw is None else json.loads(raw).get("state")
