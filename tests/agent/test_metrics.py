"""The agent's `GET /metrics` against the app on uvicorn, real Redis and checkpointer: request
latency by route template, open streams, runs paused at the gate and after the decision, the
decision's outcome and timings, the hub's reconnects, a run taken over after its process died."""

import asyncio

import httpx
import pytest

from aura.contracts.runs import owner_key, run_key
from tests.agent.harness import SseTranscript, decide, read_stream
from tests.agent.test_reaper import _given_up, _interrupted, _paused_at_the_gate
from tests.agent.test_reattach import post_stream
from tests.support.identity import auth_headers
from tests.support.metrics import Scrape, scrape

pytestmark = pytest.mark.db

DELETE = ("delete_items", {"ids": ["m1", "m3"]})
REQUESTS = "aura_http_request_duration_seconds_count"


async def scrape_until(http: httpx.AsyncClient, url: str, name: str, wanted: float) -> Scrape:
    """Scrape until `name` reads `wanted` (the figure moves in another task than ours)."""

    async def poll() -> Scrape:
        while (seen := await scrape(http, url)).value(name) != wanted:
            await asyncio.sleep(0.05)
        return seen

    return await asyncio.wait_for(poll(), 30)


async def test_a_request_moves_its_route_templates_histogram(start_agent, http):
    async with start_agent([[]]) as agent:
        before = await scrape(http, agent.url)
        missing = "run_0123456789abcdef"
        answer = await http.post(f"{agent.url}/aura/runs/{missing}/cancel", headers=auth_headers())
        after = await scrape(http, agent.url)

    labels = {"route": "/aura/runs/{run_id}/cancel", "status": str(answer.status_code)}
    assert answer.status_code == 404
    assert before.value(REQUESTS, **labels) == 0
    assert after.value(REQUESTS, method="POST", **labels) == 1
    assert missing not in after.text  # ids never become labels


async def test_a_run_paused_at_the_gate_shows_until_its_decision(start_agent, http, redis):
    async with start_agent([[DELETE]]) as agent:
        async with post_stream(http, agent.url, "메일 2개를 삭제해주세요") as response:
            transcript = await read_stream(
                response, SseTranscript(), until=lambda e: e.type == "hitl"
            )
            paused = await scrape_until(http, agent.url, "aura_agent_runs_paused", 1)
            await decide(redis, transcript.events[-1].payload["requestId"], "approved")
            await read_stream(response, transcript)
        after = await scrape_until(http, agent.url, "aura_agent_open_streams", 0)

    assert paused.value("aura_agent_open_streams") == 1
    assert paused.value("aura_agent_runs_running") == 1
    assert transcript.done and transcript.events[-1].payload == {"status": "completed"}
    assert after.value("aura_agent_runs_paused") == 0
    assert after.value("aura_agent_runs_running") == 0
    assert after.value("aura_agent_decisions_total", outcome="approved") == 1
    assert after.value("aura_agent_decision_seconds_count") == 1
    assert after.value("aura_agent_resume_seconds_count") == 1
    assert after.value("aura_agent_runs_ended_total", state="completed") == 1
    stream = {"route": "/aura/test/stream", "status": "200"}
    assert after.value(REQUESTS, method="POST", **stream) == 1


async def test_a_rejection_is_counted_by_its_outcome(start_agent, http, redis):
    async with start_agent([[DELETE]]) as agent:
        async with post_stream(http, agent.url, "메일 2개를 삭제해주세요") as response:
            transcript = await read_stream(
                response, SseTranscript(), until=lambda e: e.type == "hitl"
            )
            await decide(redis, transcript.events[-1].payload["requestId"], "rejected")
            await read_stream(response, transcript)
        after = await scrape_until(http, agent.url, "aura_agent_runs_paused", 0)

    assert after.value("aura_agent_decisions_total", outcome="rejected") == 1
    assert after.value("aura_agent_decisions_total", outcome="approved") == 0
    assert after.value("aura_agent_runs_ended_total", state="rejected") == 1


async def test_a_dropped_pubsub_connection_counts_as_a_reconnect(start_agent, http, redis):
    async with start_agent([[]]) as agent:
        assert (await scrape(http, agent.url)).value("aura_agent_hub_reconnects_total") == 0
        name = f"{agent.settings.redis_client_name}-pubsub"
        [connection] = [c for c in await redis.client_list() if c["name"] == name]
        await redis.client_kill_filter(_id=connection["id"])
        await scrape_until(http, agent.url, "aura_agent_hub_reconnects_total", 1)


async def test_a_run_taken_over_at_the_gate_is_counted_and_waits_again(start_agent, http, redis):
    async with start_agent([[DELETE]], run_sweep_seconds=0.5) as dying:
        run_id, hitl = await _paused_at_the_gate(http, dying.url)
        await _interrupted(dying.settings, run_id)
        stand_in = await _given_up(redis, dying, run_id)
    await redis.delete(owner_key(stand_in))  # nobody holds the run now
    async with start_agent([[DELETE]]) as successor:
        waiting = await scrape_until(http, successor.url, "aura_agent_runs_paused", 1)
        await decide(redis, hitl["requestId"], "approved")
        after = await scrape_until(http, successor.url, "aura_agent_runs_paused", 0)
        while await redis.hget(run_key(run_id), "status") == "running":
            await asyncio.sleep(0.05)

    # Other tests' orphans share the running index: this successor may take over more than ours.
    assert waiting.value("aura_agent_runs_taken_over_total", outcome="resumed") >= 1
    assert after.value("aura_agent_decisions_total", outcome="approved") == 1


async def test_a_client_that_goes_away_releases_its_stream_and_the_run_waits_on(
    start_agent, http, redis
):
    # No heartbeat for minutes: only the stream's disconnect watcher can notice the client left.
    async with start_agent([[DELETE]], sse_heartbeat_seconds=600) as agent:
        async with post_stream(http, agent.url, "메일 2개를 삭제해주세요") as response:
            transcript = await read_stream(
                response, SseTranscript(), until=lambda e: e.type == "hitl"
            )
            await scrape_until(http, agent.url, "aura_agent_runs_paused", 1)
        gone = await scrape_until(http, agent.url, "aura_agent_open_streams", 0)
        await decide(redis, transcript.events[-1].payload["requestId"], "approved")
        ended = await scrape_until(http, agent.url, "aura_agent_runs_running", 0)

    assert gone.value("aura_agent_runs_paused") == 1  # the run did not stop with its stream
    assert ended.value("aura_agent_runs_ended_total", state="completed") == 1
