"""The one aiohttp client session the gateway sends every upstream request through.

aiohttp rather than httpx: an open stream costs aiohttp a socket, a protocol object and a small
read buffer, so thousands of SSE streams stay cheap (issue 2 measured httpx collapsing at a few
thousand). The session is shaped for a proxy, not for a browser-like client: no cookie jar (one
caller's cookies must never reach another), no decompression (bytes pass through as the upstream
sent them), no automatic headers beyond Host and Content-Length, no redirects followed.
"""

import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

import aiohttp
from multidict import CIMultiDict
from yarl import URL

from aura.gateway.errors import UpstreamTimeoutError, UpstreamUnavailableError
from aura.gateway.routing import Upstream
from aura.gateway.settings import Settings

logger = logging.getLogger("aura.gateway")

_SKIPPED_AUTO_HEADERS = ("User-Agent", "Accept", "Accept-Encoding", "Content-Type")


class UpstreamClient:
    def __init__(self, session: aiohttp.ClientSession, bases: Mapping[Upstream, str]) -> None:
        self._session = session
        self._bases = dict(bases)

    def url(self, upstream: Upstream, raw_path: str, query: bytes) -> URL:
        text = self._bases[upstream] + raw_path
        if query:
            text += "?" + query.decode("latin-1")
        return URL(text, encoded=True)

    async def open(
        self,
        upstream: Upstream,
        method: str,
        url: URL,
        headers: CIMultiDict[str],
        body: bytes,
    ) -> aiohttp.ClientResponse:
        """Send the request and return once the upstream's status line and headers arrive.

        The caller owns the response: it must `release()` it after reading it to the end, or
        `close()` it to drop the upstream connection.
        """
        try:
            return await self._session.request(
                method, url, headers=headers, data=body or None, allow_redirects=False
            )
        except TimeoutError:
            logger.warning("upstream %s timed out: %s %s", upstream, method, url.path)
            raise UpstreamTimeoutError(f"The {upstream} service did not answer in time.") from None
        except aiohttp.ClientError as error:
            logger.warning("upstream %s unavailable (%s): %s %s", upstream, error, method, url.path)
            raise UpstreamUnavailableError(
                f"The {upstream} service is unavailable; try again shortly."
            ) from None


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
    connector = aiohttp.TCPConnector(
        limit=settings.max_upstream_connections,
        limit_per_host=0,
        ttl_dns_cache=300,
        keepalive_timeout=30,
    )
    async with aiohttp.ClientSession(
        connector=connector,
        timeout=client_timeout(settings),
        auto_decompress=False,
        cookie_jar=aiohttp.DummyCookieJar(),
        skip_auto_headers=_SKIPPED_AUTO_HEADERS,
        trust_env=False,
    ) as session:
        yield UpstreamClient(session, settings.upstream_urls())
