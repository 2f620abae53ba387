"""A run whose process died at the approval gate is reaped by another process: its log ends, its
request expires (so a late approval is refused), its session and checkpoint are cleaned up."""

import asyncio
import json
import time

import httpx
import pytest

from aura.agent.checkpoints import open_checkpointer
from aura.agent.event_log import RunLog
from aura.agent.runs import RUNNING_INDEX_KEY, RunInfo, RunStore, new_id, owner_key, run_key
from aura.contracts.events import Start
from aura.contracts.hitl import request_key, session_key
from aura.main_service.app import create_app as create_main_app
from aura.main_service.settings import Settings as MainSettings
from tests.agent.harness import SseTranscript, read_stream
from tests.agent.scripted import Journal
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
        async with open_checkpointer(settings.checkpoint_database_url) as saver:
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


async def test_a_run_whose_process_died_at_the_gate_is_reaped_by_another_process(
    start_agent, http, redis, redis_url, database_url, journal: Journal
):
    # The dying process renews its lease rarely, so deleting the lease key is its death.
    async with start_agent([[DELETE]], hitl_poll_seconds=30, run_owner_lease_seconds=60) as dying:
        run_id, hitl = await _paused_at_the_gate(http, dying.url)
        await _interrupted(dying.settings, run_id)
        owner = await redis.hget(run_key(run_id), "owner")
        assert owner == dying.app.state.resources.supervisor.owner_id
        await redis.delete(owner_key(owner))

        async with start_agent([]) as reaper:
            await _status_becomes(redis, run_id, "failed")  # reaped on start-up
            async with reattach(http, reaper.url, run_id, None) as again:
                replay = await asyncio.wait_for(read_stream(again, SseTranscript()), 30)
            supervisor = reaper.app.state.resources.supervisor
            assert await supervisor.reap() == []  # a second reaping finds nothing to do
            log_length = await redis.xlen(f"aura:run:{run_id}:events")

            record = json.loads(await redis.get(request_key(hitl["requestId"])))
            session = json.loads(await redis.get(session_key(hitl["sessionId"])))
            async with open_checkpointer(reaper.settings.checkpoint_database_url) as saver:
                checkpoint = await saver.aget_tuple({"configurable": {"thread_id": run_id}})
            main_settings = MainSettings(
                jwt_secret=TEST_JWT_SECRET,
                approval_signing_key=TEST_APPROVAL_SIGNING_KEY,
                redis_url=redis_url,
                database_url=database_url,
            )
            async with (
                started(create_main_app(main_settings)) as main,
                asgi_client(main, "http://main") as client,
            ):
                late = await client.post(
                    f"/aura/hitl/approve/{hitl['requestId']}",
                    headers=auth_headers(**{"X-User-ID": "user123"}),
                    json={"userId": "user123"},
                )

    assert replay.done and replay.types()[-2:] == ["error", "end"]
    assert [e.seq for e in replay.events] == list(range(1, len(replay.events) + 1))  # logged
    assert replay.events[-2].payload["errorType"] == "ServiceUnavailable"
    assert "stopped" in replay.events[-2].payload["message"]
    assert replay.events[-1].payload == {"status": "failed"}
    assert log_length == len(replay.events)
    assert record["status"] == "expired"
    assert session["state"] == "expired" and session["requestId"] == hitl["requestId"]
    assert checkpoint is None
    assert not await redis.sismember(RUNNING_INDEX_KEY, run_id)
    assert late.status_code == 409 and late.json()["errorCode"] == "E3002"
    assert journal.of("delete_items") == []  # the action never ran


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
    assert run_id in {orphan.run_id for orphan in await store.orphans()}

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

    assert info.run_id not in {orphan.run_id for orphan in await store.orphans()}
    assert await store.claim_orphan(info, new_id("owner")) is False
    await store.drop_lease(live_owner)


async def test_a_live_process_whose_run_was_reaped_stops_it_without_logging(
    start_agent, http, redis, journal: Journal
):
    async with start_agent([[DELETE]]) as agent:
        run_id, _ = await _paused_at_the_gate(http, agent.url)
        await _interrupted(agent.settings, run_id)
        length = await redis.xlen(f"aura:run:{run_id}:events")
        # What a reaper's claim does when this process's lease lapsed without it dying.
        await redis.hset(run_key(run_id), "owner", new_id("owner"))
        supervisor = agent.app.state.resources.supervisor

        async def stopped() -> None:
            while supervisor.active:
                await asyncio.sleep(0.05)

        await asyncio.wait_for(stopped(), 30)
        assert await redis.xlen(f"aura:run:{run_id}:events") == length  # the reaper's to end
        assert await redis.hget(run_key(run_id), "status") == "running"  # and to mark
    assert journal.of("delete_items") == []
