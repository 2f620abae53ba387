"""The process's one poller of waiting requests: a decision whose message never arrived is found
by one read of every waiting record per interval, only the waiters whose record changed are
woken, and the poller's task lives only while some approval waits."""

import asyncio
import uuid

from aura.agent.approvals.hub import Subscription
from aura.agent.approvals.poller import DecisionPoller, record_fingerprint
from aura.agent.approvals.records import ApprovalRecords, RequestId
from aura.contracts.hitl import request_key
from tests.agent.harness import decide
from tests.agent.test_gate import draft, gate_for, hub_on


def request_id() -> RequestId:
    return RequestId(f"req_test_{uuid.uuid4().hex}")


async def test_only_the_waiters_whose_record_changed_are_woken(redis):
    poller = DecisionPoller(ApprovalRecords(redis), poll_seconds=60)
    unchanged, changed, gone = request_id(), request_id(), request_id()
    for each in (unchanged, changed, gone):
        await redis.set(request_key(each), f'{{"requestId":"{each}","status":"pending"}}', ex=60)
    subscriptions = {
        each: Subscription(f"hitl:channel:{each}") for each in (unchanged, changed, gone)
    }
    for each, subscription in subscriptions.items():
        poller.watch(each, record_fingerprint(await redis.get(request_key(each))), subscription)
    await redis.set(request_key(changed), f'{{"requestId":"{changed}","status":"approved"}}', ex=60)
    await redis.delete(request_key(gone))

    assert await poller.poll_once() == 2
    assert not await subscriptions[unchanged].wait(0)
    assert await subscriptions[changed].wait(0) and await subscriptions[gone].wait(0)
    for each in subscriptions:
        poller.unwatch(each)
    await redis.delete(request_key(unchanged), request_key(changed))


async def test_the_poller_runs_only_while_an_approval_waits(redis):
    poller = DecisionPoller(ApprovalRecords(redis), poll_seconds=0.05)
    waiting = request_id()

    poller.watch(waiting, record_fingerprint(None), Subscription("hitl:channel:x"))
    await asyncio.sleep(0.2)  # a few polls
    assert poller.polling
    poller.unwatch(waiting)
    assert not poller.polling and poller.watched == 0


async def test_a_decision_whose_message_was_lost_is_found_by_the_poll(redis, redis_url):
    async with hub_on(redis_url) as hub:
        gate = gate_for(redis, hub, timeout=30, poll=0.2)
        approvals = [await gate.open(draft()) for _ in range(3)]
        waits = [asyncio.create_task(approval.wait()) for approval in approvals]
        await asyncio.sleep(0.1)
        await decide(redis, approvals[1].request_id, "approved", publish=False)

        decided = await asyncio.wait_for(waits[1], 5)
        assert decided["status"] == "approved"
        assert not waits[0].done() and not waits[2].done()
        for wait in (waits[0], waits[2]):
            wait.cancel()
        await asyncio.gather(*waits, return_exceptions=True)
        for approval in approvals:
            await approval.abandon("test over")
