"""200 runs paused at the gate in one process hold a bounded number of Redis connections, and
approving them all completes them all."""

import asyncio

import pytest

from aura.contracts.hitl import channel_name
from aura.contracts.runs import OWNED_RUNS_KEY_PREFIX
from tests.agent.harness import SseTranscript, decide, read_stream
from tests.agent.items import Journal
from tests.support.identity import auth_headers

pytestmark = pytest.mark.db

RUNS = 200
POOL = 16


async def running_runs(redis) -> int:  # type: ignore[no-untyped-def]
    """How many runs the processes of every deployment on this Redis hold as `running`."""
    return sum(
        [await redis.scard(key) async for key in redis.scan_iter(f"{OWNED_RUNS_KEY_PREFIX}*")]
    )


async def test_200_paused_runs_share_a_bounded_pool_and_all_complete(
    start_agent, http, redis, journal: Journal
):
    # Runs that other tests left unfinished in this Redis may be taken over by this agent (that
    # is its job); their channels are the only ones it may hold beside this test's.
    left_by_others = await running_runs(redis)
    async with start_agent(
        [[("delete_items", {"ids": ["m1"]})]],
        redis_max_connections=POOL,
        hitl_poll_seconds=2,
        run_sweep_seconds=2,
        max_concurrent_runs=RUNS,
    ) as agent:
        name = agent.settings.redis_client_name
        gate_open = asyncio.Event()
        paused: list[str] = []
        paused_sessions: list[str] = []

        async def one_run(index: int) -> SseTranscript:
            transcript = SseTranscript()
            async with http.stream(
                "POST",
                f"{agent.url}/aura/test/stream",
                json={"prompt": f"항목 {index} 삭제"},
                headers=auth_headers(),
            ) as response:
                await read_stream(response, transcript, until=lambda e: e.type == "hitl")
                paused.append(transcript.events[-1].payload["requestId"])
                paused_sessions.append(transcript.events[-1].payload["sessionId"])
                await gate_open.wait()
                await read_stream(response, transcript)
            return transcript

        runs = [asyncio.create_task(one_run(i)) for i in range(RUNS)]
        try:
            while len(paused) < RUNS:
                await asyncio.sleep(0.05)
                for run in runs:
                    if run.done():
                        run.result()  # surface a failure instead of waiting forever

            connections = [
                c for c in await redis.client_list() if c.get("name", "").startswith(name)
            ]
            assert len(connections) <= POOL + 1, len(connections)
            assert sum(1 for c in connections if c["name"].endswith("-pubsub")) == 1
            # This process's hub holds one exact channel per paused run (other processes sharing
            # the Redis server do not count), and Redis lists each of them.
            sessions = {channel_name(session_id) for session_id in paused_sessions}
            assert len(sessions) == RUNS
            assert sessions <= agent.hub.channels
            assert len(agent.hub.channels - sessions) <= left_by_others
            listed = set(await redis.pubsub_channels("hitl:channel:*"))
            assert sessions <= listed

            gate_open.set()
            await asyncio.gather(*(decide(redis, request_id, "approved") for request_id in paused))
            transcripts = await asyncio.gather(*runs)
        finally:
            for run in runs:  # a failed check must not leave 200 streams holding the server open
                run.cancel()

    assert all(t.done and t.of("end")[0].payload["status"] == "completed" for t in transcripts)
    assert len(journal.of("delete_items")) == RUNS
    print(f"\n{RUNS} paused runs held {len(connections)} Redis connections (pool {POOL} + pub/sub)")
