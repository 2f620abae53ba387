"""A run paused at the gate goes on in another process: a fresh runtime on the same checkpointer
resumes it from its checkpoint, finds the decision in the record, and acts on it exactly once."""

import asyncio
import contextlib

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from pydantic import BaseModel
from redis.asyncio import Redis

from aura.agent.llm.scripted import ScriptedModel
from aura.agent.runtime.context import RunHold, RunSpec
from aura.agent.runtime.runner import AgentRuntime, NotResumableError
from aura.contracts.events import Hitl
from aura.contracts.hitl import channel_name, load_request, request_key
from tests.agent.harness import decide
from tests.agent.runtime.mailbox import Mailbox, folders
from tests.agent.runtime.runs import collect, paused_at_gate, session_state, statuses
from tests.agent.runtime.transcripts import assert_snapshot, transcript


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


async def test_a_fresh_runtime_resumes_a_paused_run_and_acts_on_the_decision(
    make_runtime, mailbox, redis, mail_app
):
    script = [[("delete_messages", {"ids": [mailbox.ids[1]]})], [("list_messages", {})]]
    checkpointer = InMemorySaver()
    first = await make_runtime(ScriptedModel(script, answer=statuses), checkpointer=checkpointer)
    before, hitl, spec = await paused_then_let_go(
        first, checkpointer, mailbox, "두 번째 메일을 지우고 받은 편지함을 보여줘"
    )
    assert load_request(await redis.get(request_key(hitl.request_id))).status == "pending"
    # Nobody holds the run now: the approver decides all the same (the record is the truth).
    await decide(redis, hitl.request_id, "approved", publish=False)

    second = await make_runtime(ScriptedModel(script, answer=statuses), checkpointer=checkpointer)
    after = await collect(second.resume(spec))

    assert_snapshot("resumed_after_approval", transcript([*before, *after], spec, mailbox.ids))
    assert await folders(mail_app, mailbox) == ["inbox", "trash", "inbox"]
    assert await session_state(redis, spec.session_id) == "decided"


async def test_a_run_that_left_no_checkpoint_is_not_resumable(make_runtime, mailbox):
    runtime = await make_runtime(ScriptedModel([], answer=statuses))

    with pytest.raises(NotResumableError):
        await collect(runtime.resume(mailbox.spec("아무것도 없는 실행")))


async def test_a_resumed_run_wakes_on_a_decision_published_while_it_waits(
    make_runtime, mailbox, redis, mail_app
):
    script = [[("delete_messages", {"ids": list(mailbox.ids[:2])})]]
    checkpointer = InMemorySaver()
    first = await make_runtime(ScriptedModel(script, answer=statuses), checkpointer=checkpointer)
    before, hitl, spec = await paused_then_let_go(first, checkpointer, mailbox, "메일 2개 삭제")
    channel = channel_name(spec.session_id)
    await asyncio.wait_for(listeners(redis, channel, 0), 10)  # the first process let go

    second = await make_runtime(ScriptedModel(script, answer=statuses), checkpointer=checkpointer)
    resumed = asyncio.create_task(collect(second.resume(spec)))
    await asyncio.wait_for(listeners(redis, channel, 1), 10)  # the resumed run re-armed
    await decide(redis, hitl.request_id, "rejected", reason="보관해 주세요")
    after = await asyncio.wait_for(resumed, 10)

    assert_snapshot("resumed_after_rejection", transcript([*before, *after], spec, mailbox.ids))
    assert await folders(mail_app, mailbox) == ["inbox", "inbox", "inbox"]
    assert await session_state(redis, spec.session_id) == "decided"


async def listeners(redis: Redis, channel: str, count: int) -> None:
    """Return once exactly `count` subscribers listen on `channel`."""
    while (await redis.pubsub_numsub(channel))[0][1] != count:
        await asyncio.sleep(0.01)
