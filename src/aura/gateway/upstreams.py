"""How the gateway sends a request upstream: to the replica `pools.py` picks, over a pooled
HTTP/1.1 connection (`connections.py`).

Shaped for a proxy, not for a browser-like client: no cookie jar (one caller's cookies never reach
another), no decompression (bytes pass through as the upstream sent them), no headers added beyond
Host and Content-Length, no redirects followed.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass

from aura.gateway.connections import (
    ConnectionPool,
    UpstreamBrokeOff,
    UpstreamConnection,
    header_fields,
    request_head,
)
from aura.gateway.errors import UpstreamTimeoutError, UpstreamUnavailableError
from aura.gateway.pools import Member, UpstreamPool, check_health_forever
from aura.gateway.routing import Upstream
from aura.gateway.settings import Settings

logger = logging.getLogger("aura.gateway")

# Safe to send again when a reused connection turns out to have been closed (RFC 9110 §9.2.2).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
HEALTH_PATH = b"/health"


@dataclass(frozen=True)
class RequestTarget:
    """The path (still percent-encoded) and query a request is sent as, on whichever replica."""

    path: str
    query: bytes

    def encoded(self, prefix: str) -> bytes:
        text = (prefix + self.path).encode("latin-1")
        return text + b"?" + self.query if self.query else text


class UpstreamClient:
    def __init__(
        self,
        pools: Mapping[Upstream, UpstreamPool],
        connections: Mapping[str, ConnectionPool],
    ) -> None:
        self._pools = dict(pools)
        self._connections = dict(connections)

    async def open(
        self,
        upstream: Upstream,
        method: str,
        target: RequestTarget,
        headers: Iterable[tuple[str, str]],
        body: bytes,
    ) -> UpstreamConnection:
        """Send the request to one replica and return once its status line and headers arrive.

        The caller owns the answer: it must `release()` it after reading it to the end, or
        `close()` it to drop the upstream connection.
        """
        pool = self._pools[upstream]
        fields = header_fields(method, headers, body)
        for member in pool.candidates():
            try:
                return await self._exchange(member, method, target, fields, body)
            except TimeoutError:
                logger.warning("upstream %s timed out: %s %s", upstream, method, target.path)
                raise UpstreamTimeoutError(
                    f"The {upstream} service did not answer in time."
                ) from None
            except UpstreamBrokeOff as error:
                logger.warning(
                    "upstream %s unavailable (%s): %s %s", upstream, error, method, target.path
                )
                break
            except OSError as error:
                # Never connected, so never sent: the next replica may take it.
                logger.warning("upstream %s at %s refused: %s", upstream, member.base, error)
                pool.mark(member, False)
        raise UpstreamUnavailableError(f"The {upstream} service is unavailable; try again shortly.")

    async def _exchange(
        self,
        member: Member,
        method: str,
        target: RequestTarget,
        fields: bytes,
        body: bytes,
    ) -> UpstreamConnection:
        pool = self._connections[member.base]
        head = request_head(method, target.encoded(pool.origin.prefix), pool.origin, fields)
        connection = await pool.acquire()
        try:
            return await _answered(connection, method, head, body)
        except UpstreamBrokeOff:
            # A reused connection the upstream had closed: resent once, new, when that is safe.
            if not (connection.reused and connection.broke_before_answer):
                raise
            if method not in IDEMPOTENT_METHODS:
                raise
        fresh = await pool.acquire_new()
        return await _answered(fresh, method, head, body)

    async def healthy(self, base: str) -> bool:
        """Whether the replica at `base` answers `GET /health` with a status below 500."""
        pool = self._connections[base]
        target = pool.origin.prefix.encode() + HEALTH_PATH
        head = request_head("GET", target, pool.origin, header_fields("GET", [], b""))
        try:
            answer = await _answered(await pool.acquire(), "GET", head, b"")
            try:
                while await answer.read_chunk():
                    pass
            except BaseException:
                answer.close()
                raise
            answer.release()
        except (OSError, TimeoutError):
            return False
        return answer.status < 500


async def _answered(
    connection: UpstreamConnection, method: str, head: bytes, body: bytes
) -> UpstreamConnection:
    try:
        connection.send(head, body)
        await connection.response_head()
    except BaseException:
        connection.close()
        raise
    if method == "HEAD":
        connection.read_head_only()
    return connection


@asynccontextmanager
async def open_upstreams(settings: Settings) -> AsyncIterator[UpstreamClient]:
    """A connection pool per replica, a replica pool per upstream, and the health checker (for
    upstreams of several replicas)."""
    limit = settings.max_upstream_connections
    slots = asyncio.Semaphore(limit) if limit else None
    pools = {
        upstream: UpstreamPool.of(upstream, bases)
        for upstream, bases in settings.upstream_urls().items()
    }
    connections = {
        member.base: ConnectionPool(
            member.base,
            slots=slots,
            connect_timeout=settings.connect_timeout_seconds,
            # The idle gap between two reads, which a stream's heartbeats keep short. The total
            # timeout is applied by the proxy itself (a live stream outlives it, lesson 8).
            read_timeout=settings.read_timeout,
            # Shorter than the services' own keep-alive (`aura serve` keeps idle connections for
            # KEEP_ALIVE_SECONDS): the gateway gives an idle connection up before the upstream
            # does and never sends a request on one the upstream is closing.
            keepalive=settings.upstream_keepalive_seconds,
        )
        for pool in pools.values()
        for member in pool.members
    }
    client = UpstreamClient(pools, connections)
    replicated = [pool for pool in pools.values() if len(pool.members) > 1]
    try:
        async with asyncio.TaskGroup() as tasks:
            checker = None
            if replicated:
                interval = settings.health_interval_seconds
                checker = tasks.create_task(check_health_forever(client, replicated, interval))
            try:
                yield client
            finally:
                if checker is not None:
                    checker.cancel()
    finally:
        for pool in connections.values():
            pool.close_all()
