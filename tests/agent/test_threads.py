"""Conversation threads in Redis: concurrent runs of one thread keep every turn, and a thread is
its owner's alone."""

import asyncio
import uuid

import pytest

from aura.agent.runs.threads import ThreadStore
from aura.contracts.identity import Caller
from aura.contracts.runs import thread_key
from tests.agent.harness import SseTranscript, read_stream
from tests.support.identity import auth_headers

pytestmark = pytest.mark.db

CALLER = Caller(user_id="user123", tenant_id="tenant1", token="-")


async def test_concurrent_runs_of_one_thread_lose_no_turn(redis):
    store, thread_id = ThreadStore(redis, 600), f"thread_{uuid.uuid4().hex}"
    prompts = [f"prompt {n}" for n in range(5)]
    await asyncio.gather(
        *(store.remember(thread_id, CALLER, "sess_1", p, f"answer to {p}") for p in prompts)
    )
    _, turns = await store.thread(thread_id, CALLER)
    assert len(turns) == 2 * len(prompts)
    assert sorted(t["content"] for t in turns if t["role"] == "user") == prompts


# Thread squatting (issue 10, item 6): a thread belongs to (tenant, user) from the first request;
# another user's id is indistinguishable from a new one, whoever used it first or is using it now.

ALICE = {"user_id": "user123", "tenant_id": "tenant1"}
MALLORY = {"user_id": "user777", "tenant_id": "tenant2"}


async def converse(http, url: str, who: dict[str, str], thread_id: str, prompt: str) -> dict:
    """One run on `thread_id` as `who`, read to its end: status code, session id, end status."""
    async with http.stream(
        "POST",
        f"{url}/aura/test/stream",
        json={"prompt": prompt, "threadId": thread_id},
        headers=auth_headers(who["user_id"], who["tenant_id"]),
    ) as response:
        if response.status_code != 200:
            await response.aread()
            return {"status": response.status_code, "body": response.json()}
        transcript = await read_stream(response, SseTranscript())
    return {
        "status": 200,
        "session": response.headers["X-Aura-Session-ID"],
        "thread": transcript.of("start")[0].payload["threadId"],
        "end": transcript.of("end")[0].payload["status"],
    }


def prompts(turns: list[dict]) -> list[str]:
    return [turn["content"] for turn in turns if turn["role"] == "user"]


async def test_another_users_thread_id_is_a_new_thread_for_the_caller(start_agent, http, redis):
    thread_id = f"thread_{uuid.uuid4().hex}"
    async with start_agent([]) as agent:
        first = await converse(http, agent.url, ALICE, thread_id, "alice 1")
        squatter = await converse(http, agent.url, MALLORY, thread_id, "mallory 1")
        again = await converse(http, agent.url, ALICE, thread_id, "alice 2")
    assert first["status"] == squatter["status"] == again["status"] == 200, squatter
    assert squatter["end"] == "completed" and squatter["session"] != first["session"]
    assert again["session"] == first["session"] and again["end"] == "completed"
    store = ThreadStore(redis, 600)
    assert sorted(prompts((await store.thread(thread_id, caller(ALICE)))[1])) == [
        "alice 1",
        "alice 2",
    ]
    assert prompts((await store.thread(thread_id, caller(MALLORY)))[1]) == ["mallory 1"]


async def test_two_tenants_users_share_a_client_chosen_thread_id_concurrently(
    start_agent, http, redis
):
    thread_id = "main"
    store = ThreadStore(redis, 600)
    for who in (ALICE, MALLORY):  # earlier test runs on this Redis may have used "main" too
        await redis.delete(thread_key(who["tenant_id"], who["user_id"], thread_id))
    async with start_agent([]) as agent:
        rounds = []
        for n in (1, 2):
            rounds.append(
                await asyncio.gather(
                    converse(http, agent.url, ALICE, thread_id, f"alice {n}"),
                    converse(http, agent.url, MALLORY, thread_id, f"mallory {n}"),
                )
            )
    for alice, mallory in rounds:
        assert alice["status"] == mallory["status"] == 200
        assert alice["end"] == mallory["end"] == "completed"
        assert alice["thread"] == mallory["thread"] == "main"
        assert alice["session"] != mallory["session"]
    assert rounds[0][0]["session"] == rounds[1][0]["session"]  # each keeps their own conversation
    assert rounds[0][1]["session"] == rounds[1][1]["session"]
    assert sorted(prompts((await store.thread(thread_id, caller(ALICE)))[1])) == [
        "alice 1",
        "alice 2",
    ]
    assert sorted(prompts((await store.thread(thread_id, caller(MALLORY)))[1])) == [
        "mallory 1",
        "mallory 2",
    ]


def caller(who: dict[str, str]) -> Caller:
    return Caller(user_id=who["user_id"], tenant_id=who["tenant_id"], token="-")


def test_thread_keys_cannot_collide_across_owners():
    assert thread_key("a:b", "c", "t") != thread_key("a", "b:c", "t")
    assert thread_key("t1", "u", "x:y") != thread_key("t1", "u:x", "y")


async def test_a_thread_named_by_the_service_is_recorded_before_its_id_goes_out(
    start_agent, http, redis
):
    # The first run waits at the gate, so it has not remembered anything yet; a second prompt on
    # the thread it was given must still join that thread's session.
    async with (
        start_agent([[("delete_items", {"ids": ["m1"]})]]) as agent,
        http.stream(
            "POST",
            f"{agent.url}/aura/test/stream",
            json={"prompt": "delete one"},
            headers=auth_headers(ALICE["user_id"], ALICE["tenant_id"]),
        ) as response,
    ):
        thread_id = response.headers["X-Aura-Thread-ID"]
        session_id = response.headers["X-Aura-Session-ID"]
        recorded = await redis.hgetall(thread_key(ALICE["tenant_id"], ALICE["user_id"], thread_id))
        await read_stream(response, SseTranscript(), until=lambda e: e.type == "hitl")

    assert recorded["sessionId"] == session_id
    assert recorded["userId"] == ALICE["user_id"] and recorded["tenantId"] == ALICE["tenant_id"]
    assert await redis.ttl(thread_key(ALICE["tenant_id"], ALICE["user_id"], thread_id)) > 0
