"""Starting a run writes its record, its `start` event (and a thread named for it) in one MULTI;
when Redis refuses any of it the start fails, and no record is left saying `running` with no
task behind it."""

import pytest
from redis.asyncio import Redis
from redis.asyncio.client import Pipeline
from redis.exceptions import ResponseError

from aura.agent.event_log import LogEntry, RunLog
from aura.agent.llm.scripted import ScriptedModel
from aura.agent.runs.records import RunStore
from aura.agent.runs.supervisor import RunSupervisor
from aura.agent.runs.threads import ThreadStore
from aura.contracts.runs import owned_runs_key, run_log_key
from tests.agent.runtime.runs import statuses


class RefusedLog(RunLog):
    """A run log whose first entry Redis refuses inside the MULTI (the other writes still run:
    Redis transactions do not roll back)."""

    def queue_first(self, run_id: str, entry: LogEntry, pipe: Pipeline) -> None:
        super().queue_first(run_id, entry, pipe)
        pipe.xadd(run_log_key(run_id), {"type": "bad"}, id="0-0")  # never a valid entry id


def supervisor_on(redis: Redis, log: RunLog, runtime) -> RunSupervisor:  # type: ignore[no-untyped-def]
    return RunSupervisor(
        runtime, log, RunStore(redis, 600), ThreadStore(redis, 600), max_runs=5, sweep_seconds=1
    )


def log_on(redis: Redis, log_class: type[RunLog] = RunLog) -> RunLog:
    return log_class(redis, retention_seconds=600, max_events=100, poll_seconds=0.2,
                     heartbeat_seconds=15)  # fmt: skip


async def test_a_run_whose_start_cannot_be_logged_is_not_left_running(make_runtime, mailbox, redis):
    runtime = await make_runtime(ScriptedModel([], answer=statuses))
    supervisor = supervisor_on(redis, log_on(redis, RefusedLog), runtime)
    spec = mailbox.spec("받은 편지함을 보여줘")

    with pytest.raises(ResponseError):
        await supervisor.start(spec)

    record = await RunStore(redis, 600).get(spec.run_id)
    assert record is not None and record.status == "failed"
    assert not await redis.sismember(owned_runs_key(supervisor.owner_id), spec.run_id)
    assert supervisor.active == 0


async def test_a_started_run_has_its_record_and_start_event(make_runtime, mailbox, redis):
    runtime = await make_runtime(ScriptedModel([], answer=statuses))
    supervisor = supervisor_on(redis, log_on(redis), runtime)
    spec = mailbox.spec("받은 편지함을 보여줘")

    info = await supervisor.start(spec)

    assert (await RunStore(redis, 600).get(spec.run_id)) == info
    assert await redis.sismember(owned_runs_key(supervisor.owner_id), spec.run_id)
    [(entry_id, fields)] = await redis.xrange(run_log_key(spec.run_id), count=1)
    assert entry_id == "1-0" and fields["type"] == "start"
    async with supervisor:  # its exit cancels the run it started and ends it
        pass
