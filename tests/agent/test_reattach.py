"""Runs outlive their connection: re-attach with Last-Event-ID, expired cursors, cancel, and who
may do either."""

import asyncio
import json
import time

import httpx
import pytest

from aura.agent.checkpoints import checkpoint_store_id
from aura.agent.event_log import RunLog
from aura.agent.runs.records import RunInfo, RunStore, new_id
from aura.contracts.events import Start
from tests.agent.harness import SseTranscript, decide, read_stream
from tests.agent.items import Journal
from tests.support.identity import auth_headers

pytestmark = pytest.mark.db

DELETE = ("delete_items", {"ids": ["m1", "m3"]})


def post_stream(http: httpx.AsyncClient, url: str, prompt: str) -> httpx.Response:
    return http.stream(
        "POST", f"{url}/aura/test/stream", json={"prompt": prompt}, headers=auth_headers()
    )


def reattach(http: httpx.AsyncClient, url: str, run_id: str, last: str | None, **who: str):
    headers = auth_headers(**who)
    if last is not None:
        headers["Last-Event-ID"] = last
    return http.stream("GET", f"{url}/aura/runs/{run_id}/stream", headers=headers)


async def test_reattach_mid_approval_replays_exactly_the_missed_events(
    start_agent, http, redis, journal: Journal
):
    async with start_agent([[DELETE]]) as agent:
        async with post_stream(http, agent.url, "메일 2개를 삭제해주세요") as response:
            run_id = response.headers["X-Aura-Run-ID"]
            assert response.headers["X-Aura-Session-ID"].startswith("sess_")
            first = SseTranscript()
            await read_stream(response, first, until=lambda e: e.type == "plan_step")
            last_seen = first.events[-1].id
        # The connection is gone; the run goes on to the gate regardless.
        while not any(
            fields["type"] == "hitl"
            for _, fields in await redis.xrange(f"aura:run:{run_id}:events")
        ):
            await asyncio.sleep(0.05)
        async with reattach(http, agent.url, run_id, last_seen) as again:
            assert again.status_code == 200
            second = SseTranscript()
            await read_stream(again, second, until=lambda e: e.type == "hitl")
            hitl = second.events[-1].payload
            await decide(redis, hitl["requestId"], "approved")
            await read_stream(again, second)
    seqs = [e.seq for e in first.events] + [e.seq for e in second.events]
    assert seqs == list(range(1, len(seqs) + 1))  # nothing missed, nothing twice
    assert second.events[0].seq == first.events[-1].seq + 1
    assert second.done and second.types()[-1] == "end"
    assert journal.of("delete_items") == [{"ids": ["m1", "m3"]}]  # ran once, not re-run


async def test_events_missed_while_disconnected_during_the_wait_are_replayed_once(
    start_agent, http, redis, journal: Journal
):
    async with start_agent([[DELETE]]) as agent:
        async with post_stream(http, agent.url, "메일 2개를 삭제해주세요") as response:
            run_id = response.headers["X-Aura-Run-ID"]
            first = SseTranscript()
            await read_stream(response, first, until=lambda e: e.type == "hitl")
        # Disconnected while waiting; the approval and the rest of the run happen meanwhile.
        await decide(redis, first.events[-1].payload["requestId"], "approved")
        while (await redis.hget(f"aura:run:{run_id}", "status")) == "running":
            await asyncio.sleep(0.05)
        async with reattach(http, agent.url, run_id, first.events[-1].id) as again:
            second = await read_stream(again, SseTranscript())
    log = await redis.xrange(f"aura:run:{run_id}:events")
    assert len(first.events) + len(second.events) == len(log)
    assert [e.seq for e in second.events] == list(range(first.events[-1].seq + 1, len(log) + 1))
    assert "hitl" not in second.types() and second.types()[-1] == "end" and second.done
    assert journal.of("delete_items") == [{"ids": ["m1", "m3"]}]


async def test_reattach_without_a_cursor_replays_the_whole_run(start_agent, http):
    async with start_agent([[("list_items", {})]]) as agent:
        async with post_stream(http, agent.url, "list") as response:
            run_id = response.headers["X-Aura-Run-ID"]
            original = await read_stream(response, SseTranscript())
        async with reattach(http, agent.url, run_id, None) as again:
            replay = await read_stream(again, SseTranscript())
    assert [e.raw for e in replay.events] == [e.raw for e in original.events]
    assert replay.done


async def test_a_cursor_no_longer_held_gets_cursor_expired(start_agent, http):
    async with start_agent([[("list_items", {})]], run_log_max_events=10) as agent:
        async with post_stream(http, agent.url, "list") as response:
            run_id = response.headers["X-Aura-Run-ID"]
            original = await read_stream(response, SseTranscript())
        assert len(original.events) > 10
        async with reattach(http, agent.url, run_id, f"{run_id}:1") as again:
            replay = await read_stream(again, SseTranscript())
    assert replay.types() == ["error"]
    assert replay.events[0].payload["errorType"] == "CursorExpired"
    assert replay.done


async def test_cancel_ends_the_run_with_cancelled(start_agent, http, redis, journal: Journal):
    async with start_agent([[DELETE]]) as agent:
        async with post_stream(http, agent.url, "delete two") as response:
            run_id = response.headers["X-Aura-Run-ID"]
            transcript = SseTranscript()
            await read_stream(response, transcript, until=lambda e: e.type == "hitl")
            request_id = transcript.events[-1].payload["requestId"]
            answer = await http.post(
                f"{agent.url}/aura/runs/{run_id}/cancel", headers=auth_headers()
            )
            assert answer.status_code == 200 and answer.json()["data"]["status"] == "cancelling"
            await read_stream(response, transcript)
        again = await http.post(f"{agent.url}/aura/runs/{run_id}/cancel", headers=auth_headers())
        assert again.status_code == 409 and again.json()["errorCode"] == "E3002"
    assert transcript.types()[-1] == "end"
    assert transcript.of("end")[0].payload["status"] == "cancelled" and transcript.done
    record = await redis.get(f"hitl:request:{request_id}")
    assert '"status":"expired"' in record  # nobody can approve an abandoned request
    session = json.loads(await redis.get(f"hitl:session:{response.headers['X-Aura-Session-ID']}"))
    assert session["requestId"] == request_id and session["state"] == "expired"
    assert journal.runs == []


async def test_only_the_runs_user_may_reattach_or_cancel(start_agent, http):
    async with start_agent([[("list_items", {})]]) as agent:
        async with post_stream(http, agent.url, "list") as response:
            run_id = response.headers["X-Aura-Run-ID"]
            await read_stream(response, SseTranscript())
        other_user = await http.get(
            f"{agent.url}/aura/runs/{run_id}/stream", headers=auth_headers(user_id="someone")
        )
        assert other_user.status_code == 403 and other_user.json()["errorCode"] == "E2001"
        other_tenant = await http.post(
            f"{agent.url}/aura/runs/{run_id}/cancel",
            headers=auth_headers(user_id="user123", tenant_id="tenant2"),
        )
        assert other_tenant.status_code == 403 and other_tenant.json()["errorCode"] == "E2007"
        unknown = await http.get(f"{agent.url}/aura/runs/run_nope/stream", headers=auth_headers())
        assert unknown.status_code == 404 and unknown.json()["errorCode"] == "E1004"
        anonymous = await http.post(f"{agent.url}/aura/runs/{run_id}/cancel")
        assert anonymous.status_code == 401
        bad_cursor = await http.get(
            f"{agent.url}/aura/runs/{run_id}/stream",
            headers={**auth_headers(), "Last-Event-ID": "run_other:3"},
        )
        assert bad_cursor.status_code == 400 and bad_cursor.json()["errorCode"] == "E4002"


async def test_reattaching_at_the_end_event_finishes_with_done(start_agent, http):
    async with start_agent([[("list_items", {})]]) as agent:
        async with post_stream(http, agent.url, "list") as response:
            run_id = response.headers["X-Aura-Run-ID"]
            original = await read_stream(response, SseTranscript())
        end = original.of("end")[0]
        async with reattach(http, agent.url, run_id, end.id) as again:
            replay = await asyncio.wait_for(read_stream(again, SseTranscript()), 30)
    assert replay.events == [] and replay.done


async def test_a_cursor_past_the_last_event_gets_cursor_invalid(start_agent, http):
    async with start_agent([[("list_items", {})]]) as agent:
        async with post_stream(http, agent.url, "list") as response:
            run_id = response.headers["X-Aura-Run-ID"]
            original = await read_stream(response, SseTranscript())
        beyond = f"{run_id}:{original.events[-1].seq + 5}"
        async with reattach(http, agent.url, run_id, beyond) as again:
            replay = await asyncio.wait_for(read_stream(again, SseTranscript()), 30)
    assert replay.types() == ["error"] and replay.done
    assert replay.events[0].payload["errorType"] == "CursorInvalid"
    assert replay.events[0].id is None  # made up by the reader, not part of the log


async def _orphan(redis, owner: str, checkpoints: str = "") -> str:
    """A run whose record says `running` under `owner`, with `start` logged and nothing after
    (and no checkpoint, in the checkpoint store `checkpoints`)."""
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
            owner=owner,
            checkpoints=checkpoints,
        )
    )
    log = RunLog(redis, retention_seconds=600, max_events=100, poll_seconds=0.2,
                 heartbeat_seconds=15)  # fmt: skip
    await log.append(run_id, 1, Start(run_id=run_id, session_id="s", thread_id="t", model="m"))
    return run_id


async def test_a_run_whose_process_died_ends_with_error_and_failed(start_agent, http, redis):
    async with start_agent([]) as agent:
        checkpoints = checkpoint_store_id(agent.settings.database_url)
        run_id = await _orphan(redis, new_id("owner"), checkpoints)  # nobody holds that lease
        async with reattach(http, agent.url, run_id, None) as again:
            replay = await asyncio.wait_for(read_stream(again, SseTranscript()), 30)
    assert replay.types() == ["start", "error", "end"] and replay.done
    assert replay.events[1].payload["errorType"] == "ServiceUnavailable"
    assert replay.events[2].payload == {"status": "failed"}


async def test_a_quiet_run_on_a_live_process_keeps_the_stream_open(start_agent, http, redis):
    owner = new_id("owner")
    await RunStore(redis, 600).hold_lease(owner, 60)
    async with start_agent([], sse_heartbeat_seconds=0.2) as agent:
        run_id = await _orphan(redis, owner=owner)
        async with reattach(http, agent.url, run_id, None) as again:
            replay = SseTranscript()
            while len(replay.comments) < 2:
                await read_stream(again, replay, until_comment=True)
    assert replay.types() == ["start"] and not replay.done
