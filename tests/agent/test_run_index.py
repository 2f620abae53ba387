"""Where a sweep looks: running runs are listed per owner and owners per checkpoint store, so a
sweep reads the records only of owners whose lease lapsed, never another deployment's; a claim
moves a run (and a cancel asked for it) to its new owner; a cancel asked on any replica reaches
the owner; runs an earlier release listed in its single index are adopted."""

import time
import uuid

import pytest

from aura.agent.runs.records import RunInfo, RunStore, new_id
from aura.contracts.runs import (
    LEGACY_RUNNING_INDEX_KEY,
    cancels_key,
    owned_runs_key,
    owner_key,
    run_key,
    running_owners_key,
)
from tests.agent.harness import SseTranscript, read_stream
from tests.agent.items import Journal
from tests.agent.test_reattach import post_stream
from tests.support.identity import auth_headers

pytestmark = pytest.mark.db


def running(owner: str, checkpoints: str) -> RunInfo:
    return RunInfo(
        run_id=new_id("run"),
        session_id=new_id("sess"),
        thread_id=new_id("thread"),
        user_id="user123",
        tenant_id="tenant1",
        status="running",
        created_at=int(time.time()),
        owner=owner,
        checkpoints=checkpoints,
    )


def store_name() -> str:
    """A checkpoint store of this test's own: other tests' runs on this Redis are not in it."""
    return f"test-store-{uuid.uuid4().hex[:8]}"


async def test_a_sweep_finds_only_the_runs_of_owners_whose_lease_lapsed(redis):
    store, checkpoints = RunStore(redis, 600), store_name()
    live, dead = new_id("owner"), new_id("owner")
    await store.hold_lease(live, 60)
    kept, orphaned, ended = (
        running(live, checkpoints),
        running(dead, checkpoints),
        running(dead, checkpoints),
    )
    for info in (kept, orphaned, ended):
        await store.create(info)
    await store.set_status(ended.run_id, "completed")

    assert [info.run_id for info in await store.orphans(checkpoints)] == [orphaned.run_id]
    assert await redis.smembers(owned_runs_key(dead)) == {orphaned.run_id}  # the ended one left
    await store.drop_lease(live)


async def test_another_deployments_runs_are_not_this_ones_to_sweep(redis):
    store, ours, theirs = RunStore(redis, 600), store_name(), store_name()
    info = running(new_id("owner"), theirs)
    await store.create(info)

    assert await store.orphans(ours) == []
    assert [orphan.run_id for orphan in await store.orphans(theirs)] == [info.run_id]


async def test_a_claim_moves_the_run_and_a_cancel_asked_for_it_to_the_claimant(redis):
    store, checkpoints = RunStore(redis, 600), store_name()
    dead, claimant = new_id("owner"), new_id("owner")
    info = running(dead, checkpoints)
    await store.create(info)
    await store.request_cancel(info.run_id)  # asked while nobody held the run

    assert await store.claim_orphan(info, claimant)
    assert await redis.smembers(owned_runs_key(claimant)) == {info.run_id}
    assert not await redis.exists(owned_runs_key(dead))
    assert await store.take_cancels(claimant) == {info.run_id}
    assert await store.take_cancels(claimant) == set()  # taken once
    await store.set_status(info.run_id, "cancelled")
    assert not await redis.exists(owned_runs_key(claimant))


async def test_an_owner_left_without_runs_is_forgotten_once_its_lease_lapsed(redis):
    store, checkpoints = RunStore(redis, 600), store_name()
    dead = new_id("owner")
    info = running(dead, checkpoints)
    await store.create(info)
    await store.set_status(info.run_id, "failed")

    assert await store.orphans(checkpoints) == []
    assert not await redis.sismember(running_owners_key(checkpoints), dead)


async def test_a_lapsed_lease_is_reported_by_its_renewal(redis):
    store, owner = RunStore(redis, 600), new_id("owner")

    assert await store.hold_lease(owner, 60) is False  # nothing held before
    assert await store.hold_lease(owner, 60) is True
    await redis.delete(owner_key(owner))  # what its expiry does
    assert await store.hold_lease(owner, 60) is False
    await store.drop_lease(owner)


async def test_runs_an_earlier_release_listed_are_adopted(redis):
    store, ours, theirs = RunStore(redis, 600), store_name(), store_name()
    dead = new_id("owner")
    mine, other, gone = running(dead, ours), running(dead, theirs), new_id("run")
    for info in (mine, other):
        await redis.hset(run_key(info.run_id), mapping={
            "runId": info.run_id, "sessionId": info.session_id, "threadId": info.thread_id,
            "userId": info.user_id, "tenantId": info.tenant_id, "status": "running",
            "createdAt": info.created_at, "owner": dead, "checkpoints": info.checkpoints,
        })  # fmt: skip
    await redis.sadd(LEGACY_RUNNING_INDEX_KEY, mine.run_id, other.run_id, gone)

    assert await store.adopt_legacy_index(ours) == 1
    assert [info.run_id for info in await store.orphans(ours)] == [mine.run_id]
    remaining = await redis.smembers(LEGACY_RUNNING_INDEX_KEY)
    assert other.run_id in remaining and mine.run_id not in remaining and gone not in remaining
    await redis.srem(LEGACY_RUNNING_INDEX_KEY, other.run_id)
    await redis.delete(run_key(mine.run_id), run_key(other.run_id), owned_runs_key(dead))


async def test_a_cancel_asked_on_another_replica_reaches_the_owner(
    start_agent, http, redis, journal: Journal
):
    turns = [[("delete_items", {"ids": ["m1"]})]]
    async with start_agent(turns, run_sweep_seconds=0.5) as owner, start_agent(turns) as other:
        async with post_stream(http, owner.url, "delete one") as response:
            run_id = response.headers["X-Aura-Run-ID"]
            transcript = SseTranscript()
            await read_stream(response, transcript, until=lambda e: e.type == "hitl")
            answer = await http.post(
                f"{other.url}/aura/runs/{run_id}/cancel", headers=auth_headers()
            )
            assert answer.status_code == 200 and answer.json()["data"]["status"] == "cancelling"
            await read_stream(response, transcript)
        owner_id = owner.app.state.resources.supervisor.owner_id

    assert transcript.of("end")[0].payload["status"] == "cancelled" and transcript.done
    assert not await redis.exists(cancels_key(owner_id))  # taken by the owner
    assert journal.runs == []
