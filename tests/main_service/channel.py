"""Listening on a session's HITL channel, and counting exactly what was published on it."""

import json
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.client import PubSub

from aura.contracts.hitl import channel_name


class ChannelListener:
    def __init__(self, redis: Redis, pubsub: PubSub, session_id: str) -> None:
        self._redis = redis
        self._pubsub = pubsub
        self._channel = channel_name(session_id)

    async def published(self) -> list[dict[str, Any]]:
        """Every message published so far, in order.

        A marker published after the calls under test arrives after everything they published
        (Redis delivers one connection's messages in order), so reading up to it misses nothing
        and waits for nothing more.
        """
        marker = f"marker-{secrets.token_hex(8)}"
        await self._redis.publish(self._channel, marker)
        messages: list[dict[str, Any]] = []
        while True:
            message = await self._pubsub.get_message(ignore_subscribe_messages=True, timeout=10.0)
            assert message is not None, "the marker did not arrive on the channel"
            if message["data"] == marker:
                return messages
            messages.append(json.loads(message["data"]))


@asynccontextmanager
async def listening(redis: Redis, session_id: str) -> AsyncIterator[ChannelListener]:
    pubsub = redis.pubsub()
    await pubsub.subscribe(channel_name(session_id))
    confirmation = await pubsub.get_message(timeout=10.0)
    assert confirmation is not None and confirmation["type"] == "subscribe"
    try:
        yield ChannelListener(redis, pubsub, session_id)
    finally:
        await pubsub.aclose()
