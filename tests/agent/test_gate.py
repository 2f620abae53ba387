"""The approval gate and the pub/sub hub against real Redis: subscribe-before-announce, decisions
that arrived early, signals for other requests, expiry races, and reconnects."""

import asyncio
import contextlib
import json
import uuid
from contextlib import asynccontextmanager

from aura.agent.approvals.gate import ApprovalGate
from aura.agent.approvals.hub import HubUnavailableError, Subscription, SubscriptionHub
from aura.agent.approvals.lifecycle import ApprovalDraft
from aura.agent.approvals.records import ApprovalRecords
from aura.contracts.hitl import HitlRequest, channel_name, request_key, session_key
from aura.kit.redis import redis_client
from tests.agent.harness import decide
from tests.support.signing import test_signer


@asynccontextmanager
async def hub_on(redis_url: str, hub_class: type[SubscriptionHub] = SubscriptionHub, **kwargs):
    name = f"aura-agent-gate-test-{uuid.uuid4().hex[:8]}"
    client = redis_client(redis_url, max_connections=1, reconnect=False)  # as the app builds it
    client.connection_pool.connection_kwargs["client_name"] = name
    try:
        async with hub_class(client, f"aura:agent:hub:{name}", **kwargs) as hub:
            hub.client_name = name
            yield hub
    finally:
        await client.aclose()


def draft(session_id: str | None = None) -> ApprovalDraft:
    return ApprovalDraft(
        run_id=f"run_{uuid.uuid4().hex}",
        session_id=session_id or f"sess_{uuid.uuid4().hex}",
        tenant_id="tenant1",
        user_id="user123",
        action="delete_items",
        params={"ids": ["m1"]},
        params_schema={"type": "object"},
        message="항목 1개를 삭제합니다.",
        preview=[{"id": "m1"}],
    )


def gate_for(redis, hub, timeout=5.0, poll=0.2) -> ApprovalGate:
    return ApprovalGate(
        ApprovalRecords(redis), hub, signer=test_signer, timeout_seconds=timeout, poll_seconds=poll
    )


async def connections_named(redis, name: str) -> list[dict]:
    return [c for c in await redis.client_list() if c.get("name", "").startswith(name)]


async def test_the_exact_channel_is_subscribed_before_open_returns(redis, redis_url):
    async with hub_on(redis_url) as hub:
        gate = gate_for(redis, hub)
        approval = await gate.open(draft())
        channel = channel_name(approval.request.session_id)
        assert channel in await redis.pubsub_channels(channel)
        record = json.loads(await redis.get(request_key(approval.request.request_id)))
        assert record["status"] == "pending"
        assert record["requestId"].startswith("req_") and len(record["requestId"]) == 20
        await approval.release()
        # UNSUBSCRIBE is not confirmed synchronously; the channel goes once Redis processed it.
        await asyncio.wait_for(channel_gone(redis, channel), 10)


async def channel_gone(redis, channel: str) -> None:
    while channel in await redis.pubsub_channels(channel):
        await asyncio.sleep(0.02)


async def test_a_published_decision_wakes_the_waiter_before_any_poll(redis, redis_url):
    async with hub_on(redis_url) as hub:
        gate = gate_for(redis, hub, timeout=60, poll=60)  # only pub/sub can wake it in time
        approval = await gate.open(draft())
        waiter = asyncio.create_task(approval.wait())
        await asyncio.sleep(0.1)
        await decide(redis, approval.request.request_id, "approved", edited={"ids": ["m9"]})
        decision = await asyncio.wait_for(waiter, 10)
        assert decision["status"] == "approved" and decision["params"] == {"ids": ["m9"]}


class DecidedBeforeSubscribing(SubscriptionHub):
    """The main service decides (publishing to nobody) between the records and the SUBSCRIBE."""

    def __init__(self, *args, redis=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.redis = redis
        self.decided: list[str] = []

    async def subscribe(self, channel: str) -> Subscription:
        session_id = channel.removeprefix("hitl:channel:")
        session = json.loads(await self.redis.get(session_key(session_id)))
        await decide(self.redis, session["requestId"], "approved")
        self.decided.append(session["requestId"])
        return await super().subscribe(channel)


async def test_a_decision_published_before_the_subscription_is_still_found(redis, redis_url):
    async with hub_on(redis_url, DecidedBeforeSubscribing, redis=redis) as hub:
        gate = gate_for(
            redis, hub, timeout=60, poll=60
        )  # no poll in time: the first check finds it
        approval = await gate.open(draft())
        assert hub.decided == [approval.request.request_id]
        decision = await asyncio.wait_for(approval.wait(), 10)
        assert decision["status"] == "approved"


async def test_a_decision_without_publish_is_found_by_polling(redis, redis_url):
    async with hub_on(redis_url) as hub:
        gate = gate_for(redis, hub, timeout=60, poll=0.2)
        approval = await gate.open(draft())
        waiter = asyncio.create_task(approval.wait())
        await asyncio.sleep(0.3)
        await decide(redis, approval.request.request_id, "rejected", reason="no", publish=False)
        decision = await asyncio.wait_for(waiter, 10)
        assert decision["status"] == "rejected" and decision["reason"] == "no"


async def test_a_signal_for_another_request_on_the_session_is_ignored(redis, redis_url):
    async with hub_on(redis_url) as hub:
        gate = gate_for(redis, hub, timeout=1.0, poll=0.1)
        first = await gate.open(draft())
        await decide(redis, first.request.request_id, "approved")  # leaves an approval signal
        assert (await first.wait())["status"] == "approved"
        await first.settle()
        second = await gate.open(draft(first.request.session_id))
        # the leftover signal (and a fresh publish of it) must not approve the second request
        await redis.publish(
            channel_name(second.request.session_id),
            json.dumps(
                {
                    "type": "approval",
                    "requestId": first.request.request_id,
                    "status": "approved",
                    "timestamp": 1,
                }
            ),
        )
        decision = await second.wait()
        assert decision["status"] == "expired"
        record = HitlRequest.model_validate_json(
            await redis.get(request_key(second.request.request_id))
        )
        assert record.status == "expired"


async def test_expiry_never_overwrites_a_decision_that_won_the_race(redis, redis_url):
    async with hub_on(redis_url) as hub:
        gate = gate_for(redis, hub)
        approval = await gate.open(draft())
        stale = await redis.get(request_key(approval.request.request_id))
        await decide(redis, approval.request.request_id, "approved")
        expired = approval.request.model_copy(update={"status": "expired"})
        current = await ApprovalRecords(redis).expire_if_pending(stale, expired)
        assert current is not None and json.loads(current)["status"] == "approved"
        record = json.loads(await redis.get(request_key(approval.request.request_id)))
        assert record["status"] == "approved"
        assert await redis.ttl(request_key(approval.request.request_id)) > 0


async def test_one_connection_serves_every_subscription(redis, redis_url):
    async with hub_on(redis_url) as hub:
        subscriptions = await asyncio.gather(
            *(hub.subscribe(f"hitl:channel:sess_{uuid.uuid4().hex}") for _ in range(50))
        )
        assert len(await connections_named(redis, hub.client_name)) == 1
        for subscription in subscriptions:
            await hub.unsubscribe(subscription)
        assert hub.channels == frozenset()


async def test_after_a_dropped_connection_the_hub_resubscribes_and_wakes_waiters(redis, redis_url):
    async with hub_on(redis_url) as hub:
        channel = f"hitl:channel:sess_{uuid.uuid4().hex}"
        subscription = await hub.subscribe(channel)
        [connection] = await connections_named(redis, hub.client_name)
        await redis.client_kill_filter(_id=connection["id"])
        assert await subscription.wait(15)  # woken to re-check after the reconnect
        while channel not in await redis.pubsub_channels(channel):
            await asyncio.sleep(0.05)
        await redis.publish(channel, "wake up")
        assert await subscription.wait(15)


async def confirmed_round_trip(hub: SubscriptionHub) -> None:
    """Redis answers a connection's commands in order: once a later SUBSCRIBE is confirmed,
    every command the hub sent before it has been processed."""
    marker = await hub.subscribe(f"hitl:channel:sess_marker_{uuid.uuid4().hex}")
    await hub.unsubscribe(marker)


async def test_a_subscribe_cancelled_before_sending_leaves_nothing_behind(redis, redis_url):
    async with hub_on(redis_url) as hub:
        channel = f"hitl:channel:sess_{uuid.uuid4().hex}"
        async with hub._send_lock:  # the SUBSCRIBE cannot go out yet
            subscribing = asyncio.create_task(hub.subscribe(channel))
            while channel not in hub._waiters:
                await asyncio.sleep(0)
            subscribing.cancel()
            await asyncio.sleep(0)  # the cancellation is delivered while the lock is held
        await asyncio.gather(subscribing, return_exceptions=True)
        await confirmed_round_trip(hub)
        assert channel not in hub._waiters
        assert await redis.pubsub_channels(channel) == []


class HeldConfirmations(SubscriptionHub):
    """Holds back Redis's confirmation of SUBSCRIBE for the channels in `held`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.held: set[str] = set()
        self.sent = asyncio.Event()
        self.kept: list[dict] = []

    def _dispatch(self, message):
        if message.get("type") == "subscribe" and str(message.get("channel")) in self.held:
            self.kept.append(message)
            self.sent.set()
            return
        super()._dispatch(message)


async def test_a_subscribe_cancelled_while_awaiting_confirmation_is_undone(redis, redis_url):
    async with hub_on(redis_url, HeldConfirmations) as hub:
        channel = f"hitl:channel:sess_{uuid.uuid4().hex}"
        hub.held.add(channel)
        subscribing = asyncio.create_task(hub.subscribe(channel))
        await asyncio.wait_for(hub.sent.wait(), 10)  # Redis has subscribed the channel
        subscribing.cancel()
        await asyncio.gather(subscribing, return_exceptions=True)
        for message in hub.kept:
            SubscriptionHub._dispatch(hub, message)
        await confirmed_round_trip(hub)
        assert channel not in hub._waiters and channel not in hub.channels
        assert await redis.pubsub_channels(channel) == []


class RefusingReconnects(SubscriptionHub):
    """Redis is unreachable for new connections while `refuse` is set."""

    refuse = False
    attempts = 0

    async def _connect(self, channels):
        if self.refuse:
            self.attempts += 1
            raise ConnectionError("redis is down")
        return await super()._connect(channels)


async def test_subscribe_keeps_its_own_deadline_while_the_hub_reconnects(redis, redis_url):
    async with hub_on(redis_url, RefusingReconnects, confirm_seconds=0.5) as hub:
        hub.refuse = True
        [connection] = await connections_named(redis, hub.client_name)
        await redis.client_kill_filter(_id=connection["id"])
        while hub.attempts < 2:  # the reader is in its reconnect loop
            await asyncio.sleep(0.02)
        channel = f"hitl:channel:sess_{uuid.uuid4().hex}"
        try:
            await asyncio.wait_for(hub.subscribe(channel), 20)
        except HubUnavailableError:
            pass
        else:
            raise AssertionError("subscribing while Redis is unreachable must fail")
        assert channel not in hub._waiters
        hub.refuse = False
        subscription = await asyncio.wait_for(hub.subscribe(channel), 20)
        assert channel in await redis.pubsub_channels(channel)
        await hub.unsubscribe(subscription)


class UnavailableHub(SubscriptionHub):
    async def subscribe(self, channel: str) -> Subscription:
        raise HubUnavailableError(f"could not subscribe to {channel}")


class StuckHub(SubscriptionHub):
    """Subscribing never completes (Redis stalls): only a cancellation ends it."""

    async def subscribe(self, channel: str) -> Subscription:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


async def records_of_session(redis, session_id: str) -> tuple[dict, dict]:
    session = json.loads(await redis.get(session_key(session_id)))
    request = json.loads(await redis.get(request_key(session["requestId"])))
    return request, session


async def test_a_failed_subscription_expires_the_request_it_wrote(redis, redis_url):
    async with hub_on(redis_url, UnavailableHub) as hub:
        gate = gate_for(redis, hub)
        opening = draft()
        try:
            await gate.open(opening)
        except HubUnavailableError:
            pass
        else:
            raise AssertionError("open must fail when the channel cannot be subscribed")
        request, session = await records_of_session(redis, opening.session_id)
    assert request["status"] == "expired"  # nobody can approve what nobody waits for
    assert session["state"] == "expired"


async def test_a_run_cancelled_while_subscribing_expires_the_request_it_wrote(redis, redis_url):
    async with hub_on(redis_url, StuckHub) as hub:
        gate = gate_for(redis, hub)
        opening = draft()
        task = asyncio.create_task(gate.open(opening))
        while not await redis.exists(session_key(opening.session_id)):
            await asyncio.sleep(0.01)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        assert task.cancelled()
        # The withdrawal is shielded from the cancellation, so it may finish after `open` ends.
        request, session = await asyncio.wait_for(settled(redis, opening.session_id), 10)
    assert request["status"] == "expired" and session["state"] == "expired"


async def settled(redis, session_id: str) -> tuple[dict, dict]:
    while True:
        request, session = await records_of_session(redis, session_id)
        if session.get("state") != "waiting":
            return request, session
        await asyncio.sleep(0.01)


async def test_withdrawing_never_overwrites_a_decision_that_came_first(redis, redis_url):
    class DecidedThenUnavailable(SubscriptionHub):
        async def subscribe(self, channel: str) -> Subscription:
            session = json.loads(await redis.get(session_key(channel.split(":")[-1])))
            await decide(redis, session["requestId"], "rejected", reason="늦었습니다")
            raise HubUnavailableError(channel)

    async with hub_on(redis_url, DecidedThenUnavailable) as hub:
        opening = draft()
        with contextlib.suppress(HubUnavailableError):
            await gate_for(redis, hub).open(opening)
        request, session = await records_of_session(redis, opening.session_id)
    assert request["status"] == "rejected" and session["state"] == "decided"


async def test_settling_an_old_request_leaves_the_sessions_newer_one_alone(redis, redis_url):
    async with hub_on(redis_url) as hub:
        gate = gate_for(redis, hub)
        first = await gate.open(draft())
        second = await gate.open(draft(first.request.session_id))
        await first.abandon("run stopped")
        _, session = await records_of_session(redis, first.request.session_id)
        assert session["requestId"] == second.request.request_id
        assert session["state"] == "waiting"
        await second.abandon("run stopped")
        request, session = await records_of_session(redis, first.request.session_id)
    assert request["status"] == "expired" and session["state"] == "expired"
