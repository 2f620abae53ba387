"""Redis clients owned by a lifespan, on a bounded blocking pool.

redis-py's plain asyncio pool raises `MaxConnectionsError` once its limit is reached; the
blocking pool makes a command wait for a free connection instead, so a burst of work queues up
rather than failing.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import BlockingConnectionPool, Redis

DEFAULT_MAX_CONNECTIONS = 32
POOL_WAIT_SECONDS = 10.0
SOCKET_TIMEOUT_SECONDS = 10.0


def redis_client(url: str, max_connections: int = DEFAULT_MAX_CONNECTIONS) -> Redis:
    pool = BlockingConnectionPool.from_url(
        url,
        max_connections=max_connections,
        timeout=POOL_WAIT_SECONDS,
        socket_connect_timeout=5.0,
        socket_timeout=SOCKET_TIMEOUT_SECONDS,
        health_check_interval=30,
        decode_responses=True,
    )
    return Redis(connection_pool=pool)


@asynccontextmanager
async def open_redis(
    url: str, max_connections: int = DEFAULT_MAX_CONNECTIONS
) -> AsyncIterator[Redis]:
    client = redis_client(url, max_connections)
    try:
        yield client
    finally:
        await client.aclose()
        await client.connection_pool.disconnect()
