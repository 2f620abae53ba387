"""A run paused at the gate goes on in another process: a fresh runtime on the same checkpointer
resumes it from its checkpoint, finds the decision in the record, and acts on it exactly once."""

import asyncio

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from redis.asyncio import Redis

from aura.agent.approvals.records import ApprovalRecords, ExecutionOutcome, RequestId
from aura.agent.llm.scripted import ScriptedModel
from aura.agent.runtime.context import RunHold
from aura.agent.runtime.runner import NotResumableError
from aura.contracts.events import End, ToolExecution
from aura.contracts.hitl import channel_name
from tests.agent.harness import decide
from tests.agent.runtime.mailbox import folders
from tests.agent.runtime.runs import (
    approved_in_another_process,
    collect,
    collect_until_killed,
    paused_then_let_go,
    session_state,
    statuses,
)
from tests.agent.runtime.transcripts import assert_snapshot, transcript


async def test_a_fresh_runtime_resumes_a_paused_run_and_acts_on_the_decision(
    make_runtime, mailbox, redis, mail_app
):
    script = [[("delete_messages", {"ids": [mailbox.ids[1]]})], [("list_messages", {})]]
    events, spec = await approved_in_another_process(
        make_runtime, mailbox, redis, script, "두 번째 메일을 지우고 받은 편지함을 보여줘"
    )

    assert_snapshot("resumed_after_approval", transcript(events, spec, mailbox.ids))
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


class DiesAfterStep(InMemorySaver):
    """A checkpointer whose process is killed right after `node`'s output is saved and before the
    checkpoint that follows it: LangGraph saves a step's writes as the step ends and the next
    checkpoint after, so a SIGKILL can fall between the two. Nothing is saved after that."""

    def __init__(self, node: str) -> None:
        super().__init__()
        self._node = node
        self.died = asyncio.Event()

    async def aput(self, config, checkpoint, metadata, new_versions):  # type: ignore[no-untyped-def]
        if self.died.is_set():
            return config  # the process is gone: this checkpoint never reaches the store
        return await super().aput(config, checkpoint, metadata, new_versions)

    async def aput_writes(self, config, writes, task_id, task_path=""):  # type: ignore[no-untyped-def]
        if self.died.is_set():
            return
        await super().aput_writes(config, writes, task_id, task_path)
        if task_path.endswith(f", {self._node}"):  # "~__pregel_pull, act": the node's own step
            self.died.set()


class StallsOnceDead:
    """The process's model: it never answers once the process has died."""

    def __init__(self, model: ScriptedModel, died: asyncio.Event) -> None:
        self._model, self._died = model, died

    @property
    def model_name(self) -> str:
        return self._model.model_name

    async def turn(self, conversation):  # type: ignore[no-untyped-def]
        if self._died.is_set():
            await asyncio.Event().wait()
        return await self._model.turn(conversation)


async def test_a_step_saved_but_not_checkpointed_is_not_run_again(make_runtime, mailbox):
    script = [[("list_messages", {})]]
    dying = DiesAfterStep("act")
    first = await make_runtime(
        StallsOnceDead(ScriptedModel(script, answer=statuses), dying.died), checkpointer=dying
    )
    spec = mailbox.spec("받은 편지함을 보여줘")
    before = await collect_until_killed(
        first.run(spec, RunHold(owner_id="killed-process")), dying.died
    )
    survivor = InMemorySaver()  # what the store holds: the writes of `act`, not its checkpoint
    survivor.storage, survivor.writes, survivor.blobs = dying.storage, dying.writes, dying.blobs

    second = await make_runtime(ScriptedModel(script, answer=statuses), checkpointer=survivor)
    after = await collect(second.resume(spec))

    assert [type(event) for event in before].count(ToolExecution) == 1
    assert ToolExecution not in [type(event) for event in after]  # the saved step is not repeated
    assert after[-1] == End(status="completed")
    assert_snapshot("resumed_after_a_saved_step", transcript(after, spec, mailbox.ids))


class DiesBeforeRecording(ApprovalRecords):
    """Approval records of a process that is killed after the app answered an approved call and
    before the execution ledger recorded that answer."""

    def __init__(self, redis: Redis) -> None:
        super().__init__(redis)
        self.died = asyncio.Event()

    async def record_execution(self, request_id: RequestId, outcome: ExecutionOutcome) -> None:
        await asyncio.sleep(0.2)  # what the run emitted before this has reached its reader
        self.died.set()
        await asyncio.Event().wait()


async def test_an_approved_call_repeated_after_a_crash_is_shown_once(
    make_runtime, mailbox, redis, mail_app
):
    script = [[("delete_messages", {"ids": [mailbox.ids[0]]})]]
    checkpointer = InMemorySaver()
    first = await make_runtime(ScriptedModel(script, answer=statuses), checkpointer=checkpointer)
    before, hitl, spec = await paused_then_let_go(first, checkpointer, mailbox, "첫 메일 삭제")
    await decide(redis, hitl.request_id, "approved", publish=False)
    dying = DiesBeforeRecording(redis)
    second = await make_runtime(
        ScriptedModel(script, answer=statuses), checkpointer=checkpointer, records=dying
    )
    middle = await collect_until_killed(second.resume(spec), dying.died)
    assert await folders(mail_app, mailbox) == ["trash", "inbox", "inbox"]  # the app acted
    assert ToolExecution not in [type(event) for event in middle]  # not before it was recorded

    third = await make_runtime(ScriptedModel(script, answer=statuses), checkpointer=checkpointer)
    after = await collect(third.resume(spec))

    shown = [type(event) for event in [*before, *middle, *after]]
    assert shown.count(ToolExecution) == 1
    assert after[-1] == End(status="completed")
    assert await folders(mail_app, mailbox) == ["trash", "inbox", "inbox"]  # the app's first answer
