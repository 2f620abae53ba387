"""The floor's reverse proxy: aiohttp in, aiohttp out, each chunk written on as it arrives.

Every request goes to the same path on `--upstream`, with its method, query, headers (hop-by-hop
ones dropped) and body; the answer comes back with its status and headers, its body streamed
chunk by chunk, so an SSE event is relayed the moment the upstream writes it. One pooled client
session with no connection limit, as a gateway in front of one service would keep.

Run:  .venv/bin/python -m bench.reference.proxy --port 8700 --upstream http://127.0.0.1:8701
"""

import argparse
from collections.abc import AsyncIterator, Mapping

import aiohttp
import uvloop
from aiohttp import web

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
    }
)
SESSION = web.AppKey("session", aiohttp.ClientSession)
UPSTREAM = web.AppKey("upstream", str)


def forwarded(headers: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k.lower() not in HOP_BY_HOP}


async def relay(request: web.Request) -> web.StreamResponse:
    body = await request.read()
    try:
        upstream = await request.app[SESSION].request(
            request.method,
            request.app[UPSTREAM] + request.rel_url.raw_path_qs,
            headers=forwarded(request.headers),
            data=body or None,
            allow_redirects=False,
            auto_decompress=False,
        )
    except aiohttp.ClientError:
        return web.Response(status=502, text="upstream unavailable")
    async with upstream:
        response = web.StreamResponse(status=upstream.status, headers=forwarded(upstream.headers))
        if upstream.content_length is not None:
            response.content_length = upstream.content_length
        await response.prepare(request)
        try:
            async for chunk in upstream.content.iter_any():
                await response.write(chunk)
            await response.write_eof()
        except (aiohttp.ClientError, ConnectionResetError):
            pass  # one side left mid-stream: nothing more to relay
        return response


def create_app(upstream: str) -> web.Application:
    app = web.Application()
    app[UPSTREAM] = upstream.rstrip("/")

    async def session(app: web.Application) -> AsyncIterator[None]:
        connector = aiohttp.TCPConnector(limit=0, limit_per_host=0)
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=10)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as client:
            app[SESSION] = client
            yield

    app.cleanup_ctx.append(session)
    app.router.add_route("*", "/{tail:.*}", relay)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream", required=True)
    args = parser.parse_args()
    web.run_app(
        create_app(args.upstream),
        host="127.0.0.1",
        port=args.port,
        print=None,
        access_log=None,
        backlog=4096,
        loop=uvloop.new_event_loop(),
    )


if __name__ == "__main__":
    main()
