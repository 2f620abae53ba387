"""The one aiohttp client session the gateway sends every upstream request through, to the
replica of each upstream that `pools.py` picks.

aiohttp rather than httpx: an open stream costs aiohttp a socket, a protocol object and a small
read buffer, so thousands of SSE streams stay cheap (issue 2 measured httpx collapsing at a few
thousand). The session is shaped for a proxy, not for a browser-like client: no cookie jar (one
caller's cookies must never reach another), no decompression (bytes pass through as the upstream
sent them), no automatic headers beyond Host and Content-Length, no redirects followed.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass

import aiohttp
from multidict import CIMultiDict
from yarl import URL

from aura.gateway.errors import UpstreamTimeoutError, UpstreamUnavailableError
from aura.gateway.pools import UpstreamPool, check_health_forever
from aura.gateway.routing import Upstream
from aura.gateway.settings import Settings

logger = logging.getLogger("aura.gateway")

_SKIPPED_AUTO_HEADERS = ("User-Agent", "Accept", "Accept-Encoding", "Content-Type")


@dataclass(frozen=True)
class RequestTarget:
    """The path (still percent-encoded) and query a request is sent as, on whichever replica."""

    path: str
    query: bytes

    def url(self, base: str) -> URL:
        text = base + self.path
        if self.query:
            text += "?" + self.query.decode("latin-1")
        return URL(text, encoded=True)


class UpstreamClient:
    def __init__(self, session: aiohttp.ClientSession, pools: Mapping[Upstream, UpstreamPool]):
        self._session = session
        self._pools = dict(pools)

    async def open(
        self,
        upstream: Upstream,
        method: str,
        target: RequestTarget,
        headers: CIMultiDict[str],
        body: bytes,
    ) -> aiohttp.ClientResponse:
        """Send the request to one replica and return once its status line and headers arrive.

        The caller owns the response: it must `release()` it after reading it to the end, or
        `close()` it to drop the upstream connection.
        """
        pool = self._pools[upstream]
        for member in pool.candidates():
            try:
                return await self._session.request(
                    method,
                    target.url(member.base),
                    headers=headers,
                    data=body or None,
                    allow_redirects=False,
                )
            except TimeoutError:
                logger.warning("upstream %s timed out: %s %s", upstream, method, target.path)
                raise UpstreamTimeoutError(
                    f"The {upstream} service did not answer in time."
                ) from None
            except aiohttp.ClientConnectorError as error:
                # Never connected, so never sent: the next replica may take it.
                logger.warning("upstream %s at %s refused: %s", upstream, member.base, error)
                pool.mark(member, False)
            except aiohttp.ClientError as error:
                logger.warning(
                    "upstream %s unavailable (%s): %s %s", upstream, error, method, target.path
                )
                break
        raise UpstreamUnavailableError(f"The {upstream} service is unavailable; try again shortly.")


def client_timeout(settings: Settings) -> aiohttp.ClientTimeout:
    # No `total` here: aiohttp's would bound an SSE stream's whole life, however alive. The proxy
    # applies the total timeout itself, and swaps it for the stream lifetime once it sees
    # `text/event-stream`. `sock_read` is the idle gap between two reads, which the stream's
    # heartbeats keep short.
    return aiohttp.ClientTimeout(
        total=None,
        connect=settings.connect_timeout_seconds,
        sock_connect=settings.connect_timeout_seconds,
        sock_read=settings.read_timeout,
    )


@asynccontextmanager
async def open_upstreams(settings: Settings) -> AsyncIterator[UpstreamClient]:
    """The session, a pool per upstream, and the health checker (for pools of several replicas)."""
    connector = aiohttp.TCPConnector(
        limit=settings.max_upstream_connections,
        limit_per_host=0,
        ttl_dns_cache=300,
        # Shorter than the services' own keep-alive (`aura serve` keeps idle connections for
        # KEEP_ALIVE_SECONDS), so the gateway drops an idle connection before the upstream does
        # and never sends a request on one the upstream is closing.
        keepalive_timeout=settings.upstream_keepalive_seconds,
    )
    async with aiohttp.ClientSession(
        connector=connector,
        timeout=client_timeout(settings),
        auto_decompress=False,
        cookie_jar=aiohttp.DummyCookieJar(),
        skip_auto_headers=_SKIPPED_AUTO_HEADERS,
        trust_env=False,
    ) as session:
        pools = {
            upstream: UpstreamPool.of(upstream, bases)
            for upstream, bases in settings.upstream_urls().items()
        }
        replicated = [pool for pool in pools.values() if len(pool.members) > 1]
        async with asyncio.TaskGroup() as tasks:
            checker = None
            if replicated:
                interval = settings.health_interval_seconds
                checker = tasks.create_task(check_health_forever(session, replicated, interval))
            try:
                yield UpstreamClient(session, pools)
            finally:
                if checker is not None:
                    checker.cancel()
