"""Redis clients owned by a lifespan, on a bounded blocking pool, reconnecting with back-off.

redis-py's plain asyncio pool raises `MaxConnectionsError` once its limit is reached; the
blocking pool makes a command wait for a free connection instead, so a burst of work queues up
rather than failing.
"""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.client import Pipeline
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

DEFAULT_MAX_CONNECTIONS = 32
POOL_WAIT_SECONDS = 10.0
SOCKET_TIMEOUT_SECONDS = 10.0
# A command that meets a dead connection (Redis restarted, a failover) is retried on a new one:
# 5 tries 0.1, 0.2, 0.4, 0.8, 1.6 s apart ride out a restart of about three seconds; past that the
# caller gets the error (a 503 from the services' error handler).
RECONNECT_RETRIES = 5
RECONNECT_BACKOFF = ExponentialBackoff(cap=1.6, base=0.1)
RETRIED_ERRORS = [RedisConnectionError, RedisTimeoutError]

QueuedWrite = Callable[[Pipeline], object]
"""Queues a store's commands into a pipeline that another store executes (one MULTI for both)."""


def redis_client(
    url: str, max_connections: int = DEFAULT_MAX_CONNECTIONS, *, reconnect: bool = True
) -> Redis:
    """`reconnect=False` for a client that must see a dropped connection itself (a pub/sub
    reader that re-subscribes and tells its waiters to re-read what they may have missed)."""
    retry = (
        {"retry": Retry(RECONNECT_BACKOFF, RECONNECT_RETRIES), "retry_on_error": RETRIED_ERRORS}
        if reconnect
        else {"retry": Retry(RECONNECT_BACKOFF, 0)}
    )
    pool = BlockingConnectionPool.from_url(
        url,
        max_connections=max_connections,
        timeout=POOL_WAIT_SECONDS,
        socket_connect_timeout=5.0,
        socket_timeout=SOCKET_TIMEOUT_SECONDS,
        health_check_interval=30,
        decode_responses=True,
        **retry,
    )
    return Redis(connection_pool=pool)


@asynccontextmanager
async def open_redis(
    url: str, max_connections: int = DEFAULT_MAX_CONNECTIONS, *, reconnect: bool = True
) -> AsyncIterator[Redis]:
    client = redis_client(url, max_connections, reconnect=reconnect)
    try:
        yield client
    finally:
        await client.aclose()
        await client.connection_pool.disconnect()
