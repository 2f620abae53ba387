"""One approval across processes, against real Redis: an approval re-armed from its record keeps
the record's deadline, and an approved action runs at most once whichever process executes it."""

import asyncio
import json

import pytest

from aura.agent.approvals.lifecycle import (
    Approval,
    ApprovalLostError,
    Arguments,
    Execution,
    RunTakenOverError,
)
from aura.contracts.hitl import request_key
from aura.contracts.runs import run_key
from tests.agent.harness import decide
from tests.agent.test_gate import draft, gate_for, hub_on


class CountedAction:
    """An approved action that counts its runs and answers like an app (or fails like one)."""

    def __init__(self, fails: bool = False) -> None:
        self.runs = 0
        self._fails = fails

    async def __call__(self) -> Arguments:
        self.runs += 1
        if self._fails:
            raise RuntimeError("the app refused it")
        return {"moved": self.runs}


async def approved(approval: Approval, redis) -> Arguments:
    await decide(redis, approval.request_id, "approved")
    decision = await approval.wait()
    assert decision["status"] == "approved" and decision["params"] is not None
    return await approval.authorise(decision["params"])


async def test_an_approved_action_runs_once_whichever_process_executes_it(redis, redis_url):
    async with hub_on(redis_url) as first_hub, hub_on(redis_url) as second_hub:
        opened = await gate_for(redis, first_hub).open(draft())
        run_id = opened.request.run_id
        params = await approved(opened, redis)
        action = CountedAction()

        assert await opened.execute_once("", action) == Execution({"moved": 1})
        # Another process that took the run over re-arms the same approval from its record.
        rearmed = await gate_for(redis, second_hub).rearm(opened.request_id, run_id)
        assert await rearmed.authorise(params) == params
        # The first answer, from the ledger.
        assert await rearmed.execute_once("", action) == Execution({"moved": 1}, replayed=True)
        assert action.runs == 1
        await rearmed.settle()


async def test_a_failed_attempt_is_not_run_again(redis, redis_url):
    async with hub_on(redis_url) as hub:
        gate = gate_for(redis, hub)
        opened = await gate.open(draft())
        await approved(opened, redis)
        action = CountedAction(fails=True)

        with pytest.raises(RuntimeError):
            await opened.execute_once("", action)
        rearmed = await gate.rearm(opened.request_id, opened.request.run_id)
        assert await rearmed.execute_once("", action) == Execution(None, replayed=True)
        assert action.runs == 1
        await opened.abandon("run stopped")


async def test_a_process_that_lost_the_run_does_not_execute(redis, redis_url):
    async with hub_on(redis_url) as hub:
        opened = await gate_for(redis, hub).open(draft())
        await approved(opened, redis)
        await redis.hset(run_key(opened.request.run_id), "owner", "the-new-owner")
        action = CountedAction()

        with pytest.raises(RunTakenOverError):
            await opened.execute_once("the-old-owner", action)
        assert await opened.execute_once("the-new-owner", action) == Execution({"moved": 1})
        assert action.runs == 1
        await redis.delete(run_key(opened.request.run_id))
        await opened.settle()


async def test_a_rearmed_approval_keeps_the_deadline_its_record_carries(redis, redis_url):
    async with hub_on(redis_url) as hub:
        gate = gate_for(redis, hub, timeout=60)
        opened = await gate.open(draft())
        await opened.release()  # the process that opened it is gone
        key = request_key(opened.request_id)
        record = json.loads(await redis.get(key))
        record["expiresAt"] = record["createdAt"] - 1  # it lapsed while nobody held the run
        await redis.set(key, json.dumps(record), keepttl=True)

        rearmed = await gate.rearm(opened.request_id, opened.request.run_id)
        decision = await asyncio.wait_for(rearmed.wait(), 10)  # not the gate's own 60 s
        assert decision["status"] == "expired"
        assert json.loads(await redis.get(key))["status"] == "expired"
        await rearmed.settle("expired")


async def test_only_the_run_that_opened_a_request_can_rearm_it(redis, redis_url):
    async with hub_on(redis_url) as hub:
        gate = gate_for(redis, hub)
        opened = await gate.open(draft())
        with pytest.raises(ApprovalLostError):
            await gate.rearm(opened.request_id, "run_someone_else")
        await opened.abandon("run stopped")
