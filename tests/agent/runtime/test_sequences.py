"""Whole event sequences of runs driven in-process: a read, a delete approved, rejected, expired,
approved with an edit, and failures; each checked against its snapshot and against what the
mail database and Redis hold afterwards."""

from aura.agent.llm.scripted import ScriptedModel
from aura.contracts.events import Hitl
from aura.contracts.hitl import load_request, request_key, session_key
from aura.contracts.identity import Caller
from aura.main_service.param_edits import edited_params
from tests.agent.harness import decide
from tests.agent.runtime.mailbox import folders
from tests.agent.runtime.runs import collect, session_state, statuses
from tests.agent.runtime.transcripts import assert_snapshot, transcript


async def test_a_read_only_request_runs_without_asking(make_runtime, mailbox, redis, mail_app):
    model = ScriptedModel([[("list_messages", {"limit": 3})]], answer=statuses)
    runtime = await make_runtime(model)
    spec = mailbox.spec("받은 메일 3개 보여줘")

    events = await collect(runtime.run(spec))

    assert_snapshot("read_only", transcript(events, spec, mailbox.ids))
    assert await redis.get(session_key(spec.session_id)) is None  # nothing was announced
    assert await folders(mail_app, mailbox) == ["inbox", "inbox", "inbox"]


async def test_an_approved_delete_runs_once_and_ends_completed(
    make_runtime, mailbox, redis, mail_app
):
    ids = list(mailbox.ids[:2])
    model = ScriptedModel([[("delete_messages", {"ids": ids})]], answer=statuses)
    runtime = await make_runtime(model)
    spec = mailbox.spec("메일 2개를 삭제해주세요")

    async def approve(hitl: Hitl) -> None:
        await decide(redis, hitl.request_id, "approved")

    events = await collect(runtime.run(spec), on_hitl=approve)

    assert_snapshot("delete_approved", transcript(events, spec, mailbox.ids))
    assert await folders(mail_app, mailbox) == ["trash", "trash", "inbox"]
    (hitl,) = [event for event in events if isinstance(event, Hitl)]
    record = load_request(await redis.get(request_key(hitl.request_id)))
    assert (record.status, record.decided_by) == ("approved", "approver1")
    assert await session_state(redis, spec.session_id) == "decided"


async def test_a_rejected_delete_does_not_run_nor_anything_after_it(
    make_runtime, mailbox, redis, mail_app
):
    # A model that goes on asking after the rejection: the runtime drops its calls unannounced.
    model = ScriptedModel(
        [[("delete_messages", {"ids": list(mailbox.ids)})], [("list_messages", {})]],
        answer=statuses,
        persist_after_rejection=True,
    )
    runtime = await make_runtime(model)
    spec = mailbox.spec("메일 전부 삭제해주세요")

    async def reject(hitl: Hitl) -> None:
        await decide(redis, hitl.request_id, "rejected", reason="지금은 안 됩니다")

    events = await collect(runtime.run(spec), on_hitl=reject)

    assert_snapshot("delete_rejected", transcript(events, spec, mailbox.ids))
    assert await folders(mail_app, mailbox) == ["inbox", "inbox", "inbox"]
    assert await session_state(redis, spec.session_id) == "decided"


async def test_a_delete_nobody_decides_expires_and_fails_the_run(
    make_runtime, mailbox, redis, mail_app
):
    model = ScriptedModel([[("delete_messages", {"ids": [mailbox.ids[0]]})]], answer=statuses)
    runtime = await make_runtime(model, approval_timeout=0.3)
    spec = mailbox.spec("첫 메일을 삭제해주세요")

    events = await collect(runtime.run(spec))

    assert_snapshot("delete_expired", transcript(events, spec, mailbox.ids))
    (hitl,) = [event for event in events if isinstance(event, Hitl)]
    assert load_request(await redis.get(request_key(hitl.request_id))).status == "expired"
    assert await session_state(redis, spec.session_id) == "expired"
    assert await folders(mail_app, mailbox) == ["inbox", "inbox", "inbox"]


async def test_an_edit_within_the_policy_runs_the_edited_arguments(
    make_runtime, mailbox, redis, mail_app
):
    model = ScriptedModel([[("delete_messages", {"ids": list(mailbox.ids)})]], answer=statuses)
    runtime = await make_runtime(model)
    spec = mailbox.spec("메일 전부 삭제해주세요")
    approver = Caller(
        user_id="approver1", tenant_id=mailbox.tenant_id, role="approver", token="unused"
    )

    async def keep_only_the_last(hitl: Hitl) -> None:
        record = load_request(await redis.get(request_key(hitl.request_id)))
        # The main service's own check: a subset of the previewed ids is within the policy.
        edit = edited_params(record, {"ids": [mailbox.ids[2]]}, approver)
        await decide(redis, hitl.request_id, "approved", edited=edit)

    events = await collect(runtime.run(spec), on_hitl=keep_only_the_last)

    assert_snapshot("delete_edited", transcript(events, spec, mailbox.ids))
    assert await folders(mail_app, mailbox) == ["inbox", "inbox", "trash"]


async def test_a_failing_tool_fails_the_run_with_its_reason(make_runtime, mailbox, mail_app):
    model = ScriptedModel(
        [[("read_message", {"id": f"{mailbox.ids[0]}-gone"})], [("list_messages", {})]],
        answer=statuses,
    )
    runtime = await make_runtime(model)
    spec = mailbox.spec("Open the mail I deleted")

    events = await collect(runtime.run(spec))

    # As it is today: the `execution` phase is announced `processing` and never closed, because
    # the failing step's own phase change is not in the checkpoint the failure events read.
    assert_snapshot("tool_failed", transcript(events, spec, mailbox.ids))


async def test_a_model_that_fails_mid_run_fails_the_run(make_runtime, mailbox):
    model = ScriptedModel([[("list_messages", {"limit": 1})]], answer=statuses, fail_on_turn=1)
    runtime = await make_runtime(model)
    spec = mailbox.spec("List my latest mail")

    events = await collect(runtime.run(spec))

    assert_snapshot("model_failed", transcript(events, spec, mailbox.ids))
