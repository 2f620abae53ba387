"""A run whose process died is taken over by another process: resumed from its checkpoint (at
the approval gate: waiting again for its request, applying a decision made while it was unowned,
running the approved action once) or, without a checkpoint, ended clearly. Two processes never
take over the same run, and a process that lost its run stops without a word in the log."""

import asyncio
import json
import time

import httpx
import pytest

from aura.agent.checkpoints import checkpoint_store_id, open_checkpointer
from aura.agent.event_log import RunLog
from aura.agent.runs.records import RunInfo, RunStore, new_id
from aura.contracts.events import Start
from aura.contracts.hitl import request_key
from aura.contracts.runs import owned_runs_key, owner_key, run_key
from aura.main_service.app import create_app as create_main_app
from aura.main_service.settings import Settings as MainSettings
from tests.agent.harness import SseTranscript, read_stream
from tests.agent.items import Journal
from tests.agent.test_reattach import post_stream, reattach
from tests.support.apps import asgi_client, started
from tests.support.identity import TEST_JWT_SECRET, auth_headers
from tests.support.signing import TEST_APPROVAL_SIGNING_KEY

pytestmark = pytest.mark.db

DELETE = ("delete_items", {"ids": ["m1", "m3"]})


async def _paused_at_the_gate(http: httpx.AsyncClient, url: str) -> tuple[str, dict]:
    async with post_stream(http, url, "메일 2개를 삭제해주세요") as response:
        run_id = response.headers["X-Aura-Run-ID"]
        seen = await read_stream(response, SseTranscript(), until=lambda e: e.type == "hitl")
    return run_id, seen.events[-1].payload


async def _interrupted(settings, run_id: str) -> None:
    """Until the graph has checkpointed its pause (`hitl` goes out just before that)."""

    async def poll() -> None:
        async with open_checkpointer(settings.database_url) as saver:
            while True:
                saved = await saver.aget_tuple({"configurable": {"thread_id": run_id}})
                writes = saved.pending_writes if saved is not None else None
                if any(channel == "__interrupt__" for _, channel, _ in writes or []):
                    return
                await asyncio.sleep(0.05)

    await asyncio.wait_for(poll(), 30)


async def _status_becomes(redis, run_id: str, status: str) -> None:
    async def poll() -> None:
        while await redis.hget(run_key(run_id), "status") != status:
            await asyncio.sleep(0.05)

    await asyncio.wait_for(poll(), 30)


async def _given_up(redis, agent, run_id: str) -> str:
    """As if the agent's lease lapsed and another process took its run over (the stand-in owner
    returned): the agent gives the run up without a word when its next renewal finds the lease
    lapsed. The stand-in holds the run until the test deletes its lease."""
    stand_in = new_id("owner")
    store = RunStore(redis, 600)
    await store.hold_lease(stand_in, 60)
    supervisor = agent.app.state.resources.supervisor
    info = await store.get(run_id)
    assert info is not None

    async def taken_over() -> None:
        # The agent's sweep may renew its lease between the two steps: then again.
        while True:
            await redis.delete(owner_key(supervisor.owner_id))
            if await store.claim_orphan(info, stand_in):
                return

    async def given_up() -> None:
        while supervisor.active:
            await asyncio.sleep(0.05)

    await asyncio.wait_for(taken_over(), 30)
    await asyncio.wait_for(given_up(), 30)
    return stand_in


async def _log_of(http: httpx.AsyncClient, url: str, run_id: str) -> SseTranscript:
    async with reattach(http, url, run_id, None) as again:
        return await asyncio.wait_for(read_stream(again, SseTranscript()), 30)


async def test_a_run_whose_process_died_at_the_gate_is_resumed_by_another_process(
    start_agent, http, redis, redis_url, database_url, journal: Journal
):
    main_settings = MainSettings(
        jwt_secret=TEST_JWT_SECRET,
        approval_signing_key=TEST_APPROVAL_SIGNING_KEY,
        redis_url=redis_url,
        database_url=database_url,
    )
    async with start_agent([[DELETE]], run_sweep_seconds=0.5) as dying:
        run_id, hitl = await _paused_at_the_gate(http, dying.url)
        await _interrupted(dying.settings, run_id)
        stand_in = await _given_up(redis, dying, run_id)
    await redis.delete(owner_key(stand_in))  # nobody holds the run now
    async with (
        started(create_main_app(main_settings)) as main,
        asgi_client(main, "http://main") as client,
    ):
        # Decided while nobody holds the run: recorded, and said so.
        approved = await client.post(
            f"/aura/hitl/approve/{hitl['requestId']}",
            headers=auth_headers(**{"X-User-ID": "user123"}),
            json={"userId": "user123"},
        )
    async with start_agent([[DELETE]]) as successor:
        await _status_becomes(redis, run_id, "completed")
        replay = await _log_of(http, successor.url, run_id)
        supervisor = successor.app.state.resources.supervisor
        # Other tests' runs share the index; this one must not be taken over a second time.
        assert run_id not in await supervisor.take_over_orphans()
        async with open_checkpointer(successor.settings.database_url) as saver:
            checkpoint = await saver.aget_tuple({"configurable": {"thread_id": run_id}})
    assert await redis.hget(run_key(run_id), "owner") == supervisor.owner_id

    assert approved.status_code == 200 and approved.json()["data"]["runHeld"] is False
    assert journal.of("delete_items") == [{"ids": ["m1", "m3"]}]  # once, by the successor
    assert replay.done and replay.types()[-1] == "end"
    assert replay.events[-1].payload == {"status": "completed"}
    assert [e.seq for e in replay.events] == list(range(1, len(replay.events) + 1))
    assert replay.types().count("hitl") == 1 and replay.types().count("start") == 1
    after_hitl = replay.types()[replay.types().index("hitl") + 1 :]
    assert after_hitl[:3] == ["plan_step_update", "tool_call_start", "tool_execution"]
    assert checkpoint is None  # an ended run is never resumed again
    assert not await redis.sismember(owned_runs_key(supervisor.owner_id), run_id)


async def test_a_request_whose_deadline_passed_while_unowned_expires_on_takeover(
    start_agent, http, redis, journal: Journal
):
    async with start_agent([[DELETE]], run_sweep_seconds=0.5, hitl_timeout_seconds=6) as dying:
        run_id, hitl = await _paused_at_the_gate(http, dying.url)
        await _interrupted(dying.settings, run_id)
        stand_in = await _given_up(redis, dying, run_id)
    await redis.delete(owner_key(stand_in))  # nobody holds the run now
    assert await redis.hget(run_key(run_id), "status") == "running"
    # The request's expiresAt passes with nobody holding the run.
    await asyncio.sleep(max(0.0, hitl["expiresAt"] - time.time()) + 1.1)
    async with start_agent([[DELETE]]) as successor:
        await _status_becomes(redis, run_id, "failed")
        replay = await _log_of(http, successor.url, run_id)
    record = json.loads(await redis.get(request_key(hitl["requestId"])))
    assert record["status"] == "expired"
    assert replay.types()[-3:] == ["failed", "error", "end"], [
        e.payload for e in replay.events[-3:]
    ]
    assert replay.events[-2].payload["errorType"] == "TimeoutError"
    assert journal.of("delete_items") == []


async def test_a_run_without_a_checkpoint_is_ended_clearly(start_agent, http, redis):
    async with start_agent([]) as agent:
        run_id = new_id("run")
        await RunStore(redis, 600).create(
            RunInfo(
                run_id=run_id,
                session_id=new_id("sess"),
                thread_id=new_id("thread"),
                user_id="user123",
                tenant_id="tenant1",
                status="running",
                created_at=int(time.time()),
                owner=new_id("owner"),  # nobody holds that lease
                checkpoints=checkpoint_store_id(agent.settings.database_url),
            )
        )
        log = RunLog(redis, retention_seconds=600, max_events=100, poll_seconds=0.2,
                     heartbeat_seconds=15)  # fmt: skip
        await log.append(run_id, 1, Start(run_id=run_id, session_id="s", thread_id="t", model="m"))
        await _status_becomes(redis, run_id, "failed")
        replay = await _log_of(http, agent.url, run_id)
    assert replay.types() == ["start", "error", "end"]
    assert replay.events[1].payload["errorType"] == "ServiceUnavailable"
    assert "stopped" in replay.events[1].payload["message"]


async def test_two_reapers_never_claim_the_same_run(redis):
    run_id, dead_owner = new_id("run"), new_id("owner")
    store = RunStore(redis, 600)
    info = RunInfo(
        run_id=run_id,
        session_id=new_id("sess"),
        thread_id=new_id("thread"),
        user_id="user123",
        tenant_id="tenant1",
        status="running",
        created_at=int(time.time()),
        owner=dead_owner,
    )
    await store.create(info)
    log = RunLog(redis, retention_seconds=600, max_events=100, poll_seconds=0.2,
                 heartbeat_seconds=15)  # fmt: skip
    await log.append(run_id, 1, Start(run_id=run_id, session_id="s", thread_id="t", model="m"))
    assert run_id in {orphan.run_id for orphan in await store.orphans("")}

    claims = await asyncio.gather(*(store.claim_orphan(info, new_id("owner")) for _ in range(5)))

    assert sorted(claims) == [False, False, False, False, True]
    assert await redis.hget(run_key(run_id), "reapedFrom") == dead_owner


async def test_a_run_whose_owner_lives_is_not_reaped(redis):
    live_owner = new_id("owner")
    store = RunStore(redis, 600)
    await store.hold_lease(live_owner, 60)
    info = RunInfo(
        run_id=new_id("run"),
        session_id=new_id("sess"),
        thread_id=new_id("thread"),
        user_id="user123",
        tenant_id="tenant1",
        status="running",
        created_at=int(time.time()),
        owner=live_owner,
    )
    await store.create(info)

    assert info.run_id not in {orphan.run_id for orphan in await store.orphans("")}
    assert await store.claim_orphan(info, new_id("owner")) is False
    await store.drop_lease(live_owner)


async def test_a_live_process_whose_run_was_taken_over_stops_it_without_logging(
    start_agent, http, redis, journal: Journal
):
    async with start_agent([[DELETE]]) as agent:
        run_id, _ = await _paused_at_the_gate(http, agent.url)
        await _interrupted(agent.settings, run_id)
        length = await redis.xlen(f"aura:run:{run_id}:events")
        # What another process's takeover does when this one's lease lapsed without it dying.
        successor = await _given_up(redis, agent, run_id)
        assert await redis.xlen(f"aura:run:{run_id}:events") == length  # the successor's to end
        assert await redis.hget(run_key(run_id), "status") == "running"  # and to mark
        async with open_checkpointer(agent.settings.database_url) as saver:
            checkpoint = await saver.aget_tuple({"configurable": {"thread_id": run_id}})
        assert checkpoint is not None  # left for the successor to resume
        await redis.delete(owner_key(successor))
    assert journal.of("delete_items") == []
