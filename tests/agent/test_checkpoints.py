"""An ended run leaves no LangGraph checkpoints behind, whatever way it ended."""

import asyncio

import pytest

from aura.agent.checkpoints import open_checkpointer
from tests.agent.harness import SseTranscript, decide, read_stream
from tests.support.identity import auth_headers

pytestmark = pytest.mark.db


async def checkpoints_of(database_url: str, run_id: str) -> int:
    async with open_checkpointer(database_url, 1) as saver:
        return len([c async for c in saver.alist({"configurable": {"thread_id": run_id}})])


async def checkpoints_left(database_url: str, run_id: str) -> int:
    """The run's checkpoints once its supervisor has had a moment to delete them: that happens
    after the end is logged and the status written, so a client may see [DONE] a little earlier."""
    for _ in range(50):
        if (left := await checkpoints_of(database_url, run_id)) == 0:
            return 0
        await asyncio.sleep(0.1)
    return left


async def run_to_the_end(http, url: str, redis, decision: str | None) -> tuple[str, SseTranscript]:
    async with http.stream(
        "POST", f"{url}/aura/test/stream", json={"prompt": "go"}, headers=auth_headers()
    ) as response:
        transcript = SseTranscript()
        if decision is not None:
            await read_stream(response, transcript, until=lambda e: e.type == "hitl")
            await decide(redis, transcript.events[-1].payload["requestId"], decision)
        await read_stream(response, transcript)
        return response.headers["X-Aura-Run-ID"], transcript


@pytest.mark.parametrize(
    ("turns", "decision", "status"),
    [
        ([[("delete_items", {"ids": ["m1"]})]], "approved", "completed"),
        ([[("delete_items", {"ids": ["m1"]})]], "rejected", "rejected"),
        ([[("broken", {})]], None, "failed"),
    ],
)
async def test_an_ended_run_has_no_checkpoints_left(
    start_agent, http, redis, turns, decision, status
):
    async with start_agent(turns) as agent:
        run_id, transcript = await run_to_the_end(http, agent.url, redis, decision)
        url = agent.settings.database_url
        assert transcript.of("end")[0].payload["status"] == status and transcript.done
        assert await checkpoints_left(url, run_id) == 0
