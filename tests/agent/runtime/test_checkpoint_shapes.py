"""A run paused by the release before the run state's keys were snake_case resumes after the
upgrade: its checkpoint names the request `requestId` (in the state's `approval` and in the
interrupt's value), and the resumed run acts on the decision exactly as a current one does."""

from typing import Any

from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Interrupt

from tests.agent.runtime.mailbox import folders
from tests.agent.runtime.runs import approved_in_another_process, session_state
from tests.agent.runtime.transcripts import assert_snapshot, transcript


def written_by_the_earlier_release(saver: InMemorySaver, run_id: str) -> int:
    """Rewrite the run's saved approval and interrupt the way the earlier release wrote them;
    returns how many values were rewritten."""
    rewritten = 0
    for key, typed in list(saver.blobs.items()):
        if key[0] == run_id and key[2] == "approval" and typed[0] != "empty":
            approval = saver.serde.loads_typed(typed)
            if approval and "request_id" in approval:
                legacy = {"call": approval["call"], "requestId": approval["request_id"]}
                saver.blobs[key] = saver.serde.dumps_typed(legacy)
                rewritten += 1
    for outer, writes in saver.writes.items():
        if outer[0] != run_id:
            continue
        for inner, (task_id, channel, typed, path) in list(writes.items()):
            value: Any = saver.serde.loads_typed(typed)
            items = value if isinstance(value, list | tuple) else [value]
            if not any(isinstance(item, Interrupt) for item in items):
                continue
            legacy_items = [
                Interrupt(value={"requestId": item.value["request_id"]}, id=item.id)
                for item in items
            ]
            writes[inner] = (task_id, channel, saver.serde.dumps_typed(legacy_items), path)
            rewritten += 1
    return rewritten


async def test_a_run_paused_by_the_earlier_release_resumes_and_acts_once(
    make_runtime, mailbox, redis, mail_app
):
    script = [[("delete_messages", {"ids": [mailbox.ids[1]]})], [("list_messages", {})]]
    rewritten: list[int] = []
    events, spec = await approved_in_another_process(
        make_runtime,
        mailbox,
        redis,
        script,
        "두 번째 메일을 지우고 받은 편지함을 보여줘",
        lambda saver, spec: rewritten.append(written_by_the_earlier_release(saver, spec.run_id)),
    )

    assert rewritten == [2]
    # The same run as one paused and resumed by the current release: same events, same mail.
    assert_snapshot("resumed_after_approval", transcript(events, spec, mailbox.ids))
    assert await folders(mail_app, mailbox) == ["inbox", "trash", "inbox"]
    assert await session_state(redis, spec.session_id) == "decided"
