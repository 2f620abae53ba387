"""One pub/sub connection per process, shared by every run waiting for a human decision.

A waiting run asks the hub for a `Subscription` to its session's channel (docs/agent.md, step 2:
`PUBSUB CHANNELS hitl:channel:*` must list it, so no pattern subscriptions). `subscribe` returns
only once Redis has confirmed the subscription, so the gate can announce the request knowing a
decision published from then on will reach it. A message only *wakes* the waiters of its channel:
they re-read the request record themselves and never act on the message alone.

The reader task owns all reads on the connection; SUBSCRIBE/UNSUBSCRIBE are written by the
callers under a lock that is never held while Redis is unreachable. A subscription that fails
or whose caller is cancelled leaves nothing behind: its waiter is dropped and its channel
unsubscribed when it was the last one. When the connection drops, the reader opens a new one,
subscribes every channel that still has waiters, and wakes every waiter so that each re-checks
the record (a decision published while we were disconnected is found by that check or the next
poll).
"""

import asyncio
import contextlib
import logging
from collections import defaultdict

from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import RedisError

from aura.agent.metrics import AgentMetrics
from aura.kit.wakeups import Wakeup

logger = logging.getLogger("aura.agent.hub")

_READ_SECONDS = 1.0
_CONFIRM_SECONDS = 10.0
_RECONNECT_BACKOFF = (0.1, 0.2, 0.5, 1.0, 2.0)


class HubUnavailableError(Exception):
    """The hub could not get a subscription confirmed in time (Redis unreachable)."""


class Subscription:
    """One waiter's interest in one channel: woken by messages and by reconnects (thousands
    wait at once, one per paused run: a `Wakeup`, not an `asyncio.Event`)."""

    __slots__ = ("_wakeup", "channel")

    def __init__(self, channel: str) -> None:
        self.channel = channel
        self._wakeup = Wakeup()

    def wake(self) -> None:
        self._wakeup.set()

    async def wait(self, seconds: float) -> bool:
        """True when woken before `seconds` passed (or since the last wait returned)."""
        woken = await self._wakeup.wait(seconds)
        self._wakeup.clear()
        return woken


class SubscriptionHub:
    def __init__(
        self,
        redis: Redis,
        control_channel: str,
        *,
        confirm_seconds: float = _CONFIRM_SECONDS,
        metrics: AgentMetrics | None = None,
    ) -> None:
        self._metrics = metrics if metrics is not None else AgentMetrics()
        self._redis = redis
        self._confirm_seconds = confirm_seconds
        self._control = control_channel
        self._pubsub: PubSub | None = None
        self._waiters: dict[str, set[Subscription]] = defaultdict(set)
        self._confirmed: set[str] = set()
        self._confirming: dict[str, asyncio.Future[None]] = {}
        self._send_lock = asyncio.Lock()
        self._reader: asyncio.Task[None] | None = None
        self._closing = False

    async def __aenter__(self) -> "SubscriptionHub":
        self._pubsub = await self._connect([])
        self._reader = asyncio.create_task(self._read_forever(), name="hitl-subscription-hub")
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._closing = True
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self._pubsub is not None:
            with contextlib.suppress(RedisError, OSError):
                await self._pubsub.aclose()  # type: ignore[no-untyped-call]

    @property
    def channels(self) -> frozenset[str]:
        """Channels confirmed subscribed on the connection right now."""
        return frozenset(self._confirmed)

    async def subscribe(self, channel: str) -> Subscription:
        """A confirmed subscription, or HubUnavailableError within `confirm_seconds`.

        Whatever stops it (a timeout, a Redis error, the caller's cancellation), the waiter is
        dropped and, when it was the channel's last one, the channel is unsubscribed again.
        """
        subscription = Subscription(channel)
        self._waiters[channel].add(subscription)
        try:
            async with asyncio.timeout(self._confirm_seconds):
                if channel not in self._confirmed:
                    future = self._confirming.get(channel)
                    if future is None:
                        future = asyncio.get_running_loop().create_future()
                        self._confirming[channel] = future
                        await self._send("subscribe", channel)
                    await asyncio.shield(future)
        except BaseException as exc:
            if self._drop(subscription):
                with contextlib.suppress(RedisError, OSError):
                    await asyncio.shield(self._send("unsubscribe", channel))
            if isinstance(exc, (TimeoutError, RedisError, OSError)):
                raise HubUnavailableError(f"could not subscribe to {channel}") from exc
            raise
        return subscription

    async def unsubscribe(self, subscription: Subscription) -> None:
        if self._drop(subscription):
            with contextlib.suppress(RedisError, OSError):
                await self._send("unsubscribe", subscription.channel)

    def _drop(self, subscription: Subscription) -> bool:
        """Forget a waiter; True when its channel has no waiter left."""
        waiters = self._waiters.get(subscription.channel)
        if waiters is None:
            return False
        waiters.discard(subscription)
        if waiters:
            return False
        del self._waiters[subscription.channel]
        self._confirmed.discard(subscription.channel)
        future = self._confirming.pop(subscription.channel, None)
        if future is not None and not future.done():
            future.cancel()
        return True

    async def _send(self, command: str, channel: str) -> None:
        async with self._send_lock:
            if self._pubsub is None:
                return  # reconnecting: the new connection subscribes every channel with waiters
            # Decided under the lock, so an UNSUBSCRIBE never overtakes a newer waiter's SUBSCRIBE.
            wanted = channel in self._waiters
            if command == "subscribe" and wanted:
                await self._pubsub.subscribe(channel)
            elif command == "unsubscribe" and not wanted:
                await self._pubsub.unsubscribe(channel)

    async def _connect(self, channels: list[str]) -> PubSub:
        pubsub = self._redis.pubsub()
        try:
            # The control channel keeps the connection in subscribed mode even with no waiter.
            await pubsub.subscribe(self._control, *channels)
        except BaseException:
            with contextlib.suppress(RedisError, OSError):
                await pubsub.aclose()  # type: ignore[no-untyped-call]
            raise
        return pubsub

    async def _read_forever(self) -> None:
        # Stops on `_closing` too: a cancellation that lands inside a redis-py call can come
        # out as a TimeoutError, which the loop treats as a lost connection.
        while not self._closing:
            pubsub = self._pubsub
            assert pubsub is not None
            try:
                message = await pubsub.get_message(timeout=_READ_SECONDS)
            except Exception as exc:  # the reader must outlive any failure of the connection
                logger.warning("pub/sub connection lost (%r); reconnecting", exc)
                await self._reconnect()
                continue
            if message is not None:
                self._dispatch(message)

    def _dispatch(self, message: dict[str, object]) -> None:
        channel = str(message.get("channel"))
        kind = message.get("type")
        if kind == "subscribe":
            if channel in self._waiters:
                self._confirmed.add(channel)
            future = self._confirming.pop(channel, None)
            if future is not None and not future.done():
                future.set_result(None)
        elif kind == "message":
            for subscription in self._waiters.get(channel, ()):
                subscription.wake()

    async def _reconnect(self) -> None:
        """Replace the connection. The send lock is held only to swap connections, never while
        Redis is unreachable, so `subscribe` keeps its own deadline during an outage."""
        self._confirmed.clear()
        async with self._send_lock:
            old, self._pubsub = self._pubsub, None
        if old is not None:
            with contextlib.suppress(RedisError, OSError):
                await old.aclose()  # type: ignore[no-untyped-call]
        attempt = 0
        pubsub: PubSub | None = None
        while pubsub is None:
            if self._closing:
                return
            channels = list(self._waiters)
            try:
                pubsub = await self._connect(channels)
            except (RedisError, OSError):
                delay = _RECONNECT_BACKOFF[min(attempt, len(_RECONNECT_BACKOFF) - 1)]
                attempt += 1
                await asyncio.sleep(delay)
        async with self._send_lock:
            self._pubsub = pubsub
            missing = [channel for channel in self._waiters if channel not in channels]
            if missing:
                # A failure here surfaces as a read error and another reconnect.
                with contextlib.suppress(RedisError, OSError):
                    await pubsub.subscribe(*missing)
        self._metrics.hub_reconnects.inc()
        for waiters in self._waiters.values():
            for subscription in waiters:
                subscription.wake()
