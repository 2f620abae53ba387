"""Conversation threads in Redis: concurrent runs of one thread keep every turn."""

import asyncio
import uuid

from aura.agent.runs import RunStore
from aura.contracts.identity import Caller

CALLER = Caller(user_id="user123", tenant_id="tenant1", token="-")


async def test_concurrent_runs_of_one_thread_lose_no_turn(redis):
    store, thread_id = RunStore(redis, 600), f"thread_{uuid.uuid4().hex}"
    prompts = [f"prompt {n}" for n in range(5)]
    await asyncio.gather(
        *(store.remember(thread_id, CALLER, "sess_1", p, f"answer to {p}") for p in prompts)
    )
    _, turns = await store.thread(thread_id, CALLER)
    assert len(turns) == 2 * len(prompts)
    assert sorted(t["content"] for t in turns if t["role"] == "user") == prompts
