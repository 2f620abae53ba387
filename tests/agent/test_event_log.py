"""The per-run Redis stream: exact replay after a cursor, trimming detected, heartbeats."""

import asyncio
import uuid

from aura.agent.event_log import (
    CursorExpiredError,
    CursorInvalidError,
    Heartbeat,
    LogEntry,
    RunLog,
    RunOrphanedError,
)
from aura.contracts.events import Content, End


def new_log(redis, **overrides) -> RunLog:
    values = {
        "retention_seconds": 60,
        "max_events": 100,
        "poll_seconds": 0.05,
        "heartbeat_seconds": 5,
    }
    values.update(overrides)
    return RunLog(redis, **values)


async def collect(log: RunLog, run_id: str, after: int, local: bool = True) -> list:
    return [item async for item in log.follow(run_id, after, is_local=lambda: local)]


async def test_follow_replays_exactly_after_the_cursor(redis):
    log, run_id = new_log(redis), f"run_{uuid.uuid4().hex}"
    for seq in range(1, 6):
        await log.append(run_id, seq, Content(content=f"part {seq}"))
    await log.append(run_id, 6, End(status="completed"))
    items = await collect(log, run_id, 3)
    assert [item.seq for item in items] == [4, 5, 6]
    assert all(isinstance(item, LogEntry) for item in items)
    assert await redis.ttl(f"aura:run:{run_id}:events") > 0


async def test_live_events_reach_a_waiting_reader(redis):
    log, run_id = new_log(redis), f"run_{uuid.uuid4().hex}"
    await log.append(run_id, 1, Content(content="first"))
    reader = asyncio.create_task(collect(log, run_id, 0))
    await asyncio.sleep(0.1)
    await log.append(run_id, 2, Content(content="두 번째"))
    await log.append(run_id, 3, End(status="completed"))
    items = await asyncio.wait_for(reader, 10)
    assert [item.seq for item in items] == [1, 2, 3]
    assert "두 번째" in items[1].payload


async def test_a_remote_reader_polls(redis):
    log, run_id = new_log(redis), f"run_{uuid.uuid4().hex}"
    writer = new_log(redis)  # another replica: its appends do not wake this one's readers
    await writer.append(run_id, 1, Content(content="a"))
    reader = asyncio.create_task(collect(log, run_id, 0, local=False))
    await asyncio.sleep(0.1)
    await writer.append(run_id, 2, End(status="completed"))
    items = await asyncio.wait_for(reader, 10)
    assert [item.seq for item in items] == [1, 2]


async def test_an_idle_log_yields_heartbeats(redis):
    log, run_id = new_log(redis, heartbeat_seconds=0.1), f"run_{uuid.uuid4().hex}"
    await log.append(run_id, 1, Content(content="a"))
    seen = []
    async for item in log.follow(run_id, 1, is_local=lambda: True):
        seen.append(item)
        if len(seen) == 2:
            break
    assert all(isinstance(item, Heartbeat) for item in seen)


async def test_a_trimmed_cursor_expires(redis):
    log, run_id = new_log(redis, max_events=10), f"run_{uuid.uuid4().hex}"
    for seq in range(1, 16):
        await log.append(run_id, seq, Content(content=str(seq)))
    try:
        await collect(log, run_id, 2)
    except CursorExpiredError:
        pass
    else:
        raise AssertionError("a cursor before the oldest held event must expire")
    # a cursor still held continues normally
    await log.append(run_id, 16, End(status="completed"))
    assert [item.seq for item in await collect(log, run_id, 13)] == [14, 15, 16]


async def test_a_log_that_is_gone_expires_the_cursor(redis):
    log = new_log(redis)
    try:
        await collect(log, f"run_{uuid.uuid4().hex}", 4)
    except CursorExpiredError:
        return
    raise AssertionError("a missing log must expire the cursor")


async def test_a_cursor_at_the_logged_end_finishes_at_once(redis):
    log, run_id = new_log(redis), f"run_{uuid.uuid4().hex}"
    await log.append(run_id, 1, Content(content="a"))
    await log.append(run_id, 2, End(status="completed"))
    assert await asyncio.wait_for(collect(log, run_id, 2), 10) == []


async def test_a_cursor_past_the_head_is_invalid(redis):
    log, run_id = new_log(redis), f"run_{uuid.uuid4().hex}"
    await log.append(run_id, 1, Content(content="a"))
    try:
        await asyncio.wait_for(collect(log, run_id, 7), 10)
    except CursorInvalidError as exc:
        assert (exc.cursor, exc.head) == (7, 1)
    else:
        raise AssertionError("a cursor past the last logged event must be refused")


async def test_an_idle_log_whose_run_is_gone_ends_the_follow(redis):
    log, run_id = new_log(redis), f"run_{uuid.uuid4().hex}"
    await log.append(run_id, 1, Content(content="a"))
    asked: list[bool] = []

    async def dead() -> bool:
        asked.append(True)
        return False

    reader = log.follow(run_id, 0, is_local=lambda: False, is_alive=dead)
    assert [item.seq async for item in _entries(reader)] == [1]
    assert asked == [True]


async def test_events_logged_just_before_the_run_stopped_are_still_delivered(redis):
    log, run_id = new_log(redis), f"run_{uuid.uuid4().hex}"
    await log.append(run_id, 1, Content(content="a"))

    async def ended_meanwhile() -> bool:
        await log.append(run_id, 2, End(status="completed"))
        return False

    items = await asyncio.wait_for(collect_with(log, run_id, 1, is_alive=ended_meanwhile), 10)
    assert [item.seq for item in items] == [2]


async def collect_with(log: RunLog, run_id: str, after: int, **kwargs) -> list:
    return [item async for item in log.follow(run_id, after, is_local=lambda: False, **kwargs)]


async def _entries(reader):
    try:
        async for item in reader:
            yield item
    except RunOrphanedError:
        return
    raise AssertionError("an orphaned run's log must end the follow with RunOrphanedError")


async def test_a_local_reader_that_fell_behind_the_tail_gets_every_event(redis):
    log, run_id = new_log(redis), f"run_{uuid.uuid4().hex}"
    await log.append(run_id, 1, Content(content="first"))
    follow = log.follow(run_id, 0, is_local=lambda: True)
    first = await anext(follow)
    for seq in range(2, 22):  # far more than the appending process keeps in memory
        await log.append(run_id, seq, Content(content=f"part {seq}"))
    await log.append(run_id, 22, End(status="completed"))
    rest = [item async for item in follow]
    assert [first.seq, *(item.seq for item in rest)] == list(range(1, 23))


async def test_a_local_reader_follows_from_redis_once_its_run_is_taken_over(redis):
    log, run_id = new_log(redis, heartbeat_seconds=0.2), f"run_{uuid.uuid4().hex}"
    for seq in (1, 2):
        await log.append(run_id, seq, Content(content=f"part {seq}"))
    driven_here = True
    follow = log.follow(run_id, 0, is_local=lambda: driven_here)
    reader = asyncio.create_task(anext_all(follow))
    await asyncio.sleep(0.1)
    successor = new_log(redis)  # the process that took the run over: no wake-up reaches here
    await successor.append(run_id, 3, Content(content="after the takeover"))
    await successor.append(run_id, 4, End(status="completed"))
    driven_here = False  # this process's next sweep stops its task for the run
    items = await asyncio.wait_for(reader, 10)
    entries = [item for item in items if isinstance(item, LogEntry)]
    assert [entry.seq for entry in entries] == [1, 2, 3, 4]


async def anext_all(follow) -> list:  # type: ignore[no-untyped-def]
    return [item async for item in follow]


class CountedReads(RunLog):
    """A run log that counts its reads of Redis."""

    reads = 0

    async def read_after(self, run_id: str, after: int, count: int = 200) -> list[LogEntry]:
        self.reads += 1
        return await super().read_after(run_id, after, count)

    async def head(self, run_id: str) -> LogEntry | None:
        self.reads += 1
        return await super().head(run_id)


async def test_a_reader_of_a_quiet_run_driven_here_reads_nothing_from_redis(redis):
    log = CountedReads(redis, retention_seconds=600, max_events=100, poll_seconds=0.05,
                       heartbeat_seconds=0.05)  # fmt: skip
    run_id = f"run_{uuid.uuid4().hex}"
    await log.append(run_id, 1, Content(content="waiting at the gate"))
    follow = log.follow(run_id, 0, is_local=lambda: True)
    seen = [await anext(follow) for _ in range(6)]  # the entry, then heartbeats while quiet
    await follow.aclose()

    assert isinstance(seen[0], LogEntry) and all(isinstance(s, Heartbeat) for s in seen[1:])
    assert log.reads == 0
