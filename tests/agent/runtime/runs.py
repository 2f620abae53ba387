"""Driving a run in-process: its events, its pause at the gate, what its session record says."""

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Interrupt
from pydantic import BaseModel
from redis.asyncio import Redis

from aura.agent.llm.base import Conversation
from aura.agent.llm.scripted import Script, ScriptedModel
from aura.agent.runtime.context import RunHold, RunSpec
from aura.agent.runtime.runner import AgentRuntime
from aura.contracts.events import Hitl
from aura.contracts.hitl import load_request, request_key, session_key
from tests.agent.harness import decide
from tests.agent.runtime.mailbox import Mailbox

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


async def collect_until_killed(
    events: AsyncIterator[BaseModel], died: asyncio.Event
) -> list[BaseModel]:
    """The events a run yields until `died` is set, when its process is killed (the run's task
    cancelled where it stands)."""
    seen: list[BaseModel] = []

    async def consume() -> None:
        async for event in events:
            seen.append(event)

    killed = asyncio.create_task(consume())
    await asyncio.wait_for(died.wait(), 10)
    killed.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await killed
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


async def paused_then_let_go(
    runtime: AgentRuntime, checkpointer: InMemorySaver, mailbox: Mailbox, prompt: str
) -> tuple[list[BaseModel], Hitl, RunSpec]:
    """Run until the run waits at the gate, then stop this process's part in it the way a
    process does when another one takes its run over: the request and checkpoint stay."""
    spec = mailbox.spec(prompt)
    hold = RunHold(owner_id="first-process")
    seen: list[BaseModel] = []

    async def consume() -> None:
        async for event in runtime.run(spec, hold):
            seen.append(event)

    first = asyncio.create_task(consume())
    await asyncio.wait_for(paused_at_gate(checkpointer, spec.run_id), 10)
    hold.lost = True
    first.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await first
    (hitl,) = [event for event in seen if isinstance(event, Hitl)]
    return seen, hitl, spec


async def approved_in_another_process(
    make_runtime: Callable[..., Awaitable[AgentRuntime]],
    mailbox: Mailbox,
    redis: Redis,
    script: Script,
    prompt: str,
    while_nobody_holds_it: Callable[[InMemorySaver, RunSpec], None] | None = None,
) -> tuple[list[BaseModel], RunSpec]:
    """The run pauses at the gate in one process, which then lets it go; the request is
    approved while nobody holds the run (after `while_nobody_holds_it` had its way with the
    checkpoint); a fresh runtime on the same checkpointer resumes it. Every event of both parts."""
    checkpointer = InMemorySaver()
    first = await make_runtime(ScriptedModel(script, answer=statuses), checkpointer=checkpointer)
    before, hitl, spec = await paused_then_let_go(first, checkpointer, mailbox, prompt)
    assert load_request(await redis.get(request_key(hitl.request_id))).status == "pending"
    if while_nobody_holds_it is not None:
        while_nobody_holds_it(checkpointer, spec)
    # Nobody holds the run now: the approver decides all the same (the record is the truth).
    await decide(redis, hitl.request_id, "approved", publish=False)

    second = await make_runtime(ScriptedModel(script, answer=statuses), checkpointer=checkpointer)
    return [*before, *await collect(second.resume(spec))], spec


async def session_state(redis: Redis, session_id: str) -> str | None:
    """What the session record says of its request: waiting, decided or expired."""
    raw = await redis.get(session_key(session_id))
    return None if raw is None else json.loads(raw).get("state")
