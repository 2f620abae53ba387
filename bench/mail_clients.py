"""What one agent → mail request costs the agent's event loop, over httpx and over aiohttp.

The agent calls the mail service from its one event loop, so a client's CPU per request is
taken from every run it serves. Starts a minimal HTTP server in a process of its own (its CPU is
not counted), then sends the same POST (an approved `send`: bearer token, identity headers,
idempotency key, a JSON body; a JSON answer read and parsed) `--requests` times, one after
another on a pooled connection, with each client in turn, and prints this process's CPU time per
request for each, `--rounds` times over.

Reproduce:  .venv/bin/python -m bench.mail_clients [--requests 3000] [--rounds 2]
"""

import argparse
import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable

import aiohttp
import httpx
import uvloop
from aiohttp import web
from tests.support.ports import free_port

HEADERS = {
    "Authorization": "Bearer " + "x" * 300,
    "X-Tenant-ID": "tenant1",
    "X-User-ID": "user123",
    "X-Request-ID": "req-0123456789",
    "Idempotency-Key": "req_0123456789abcdef",
}
BODY = {"to": ["bench@example.com"], "subject": "hello", "body": "the benchmark says hello"}
ANSWER = json.dumps({"success": True, "data": {"id": "m1", "folder": "sent"}}).encode()
PATH = "/mail/messages/send"


def serve(port: int) -> None:
    async def answer(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(body=ANSWER, content_type="application/json")

    app = web.Application()
    app.router.add_post(PATH, answer)
    web.run_app(app, host="127.0.0.1", port=port, print=None, loop=uvloop.new_event_loop())


async def cpu_per_request(send: Callable[[], Awaitable[object]], requests: int) -> float:
    for _ in range(200):  # connections, caches
        await send()
    started = time.process_time()
    for _ in range(requests):
        await send()
    return (time.process_time() - started) / requests


async def over_httpx(base: str, requests: int) -> float:
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:

        async def send() -> object:
            return (await client.post(PATH, json=BODY, headers=HEADERS)).json()

        return await cpu_per_request(send, requests)


async def over_aiohttp(base: str, requests: int) -> float:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:

        async def send() -> object:
            async with session.post(base + PATH, json=BODY, headers=HEADERS) as response:
                return json.loads(await response.read())

        return await cpu_per_request(send, requests)


async def wait_for(base: str) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(100):
            try:
                async with session.post(base + PATH, json={}):
                    return
            except aiohttp.ClientConnectorError:
                await asyncio.sleep(0.05)
    raise RuntimeError("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "bench.mail_clients", "--serve", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        uvloop.run(wait_for(base))
        for number in range(1, args.rounds + 1):
            httpx_s = uvloop.run(over_httpx(base, args.requests))
            aiohttp_s = uvloop.run(over_aiohttp(base, args.requests))
            print(
                f"round {number}: CPU per request: httpx {httpx_s * 1e6:.0f} µs, "
                f"aiohttp {aiohttp_s * 1e6:.0f} µs ({httpx_s / aiohttp_s:.1f}×)",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait()
    print(f"reproduce: .venv/bin/python -m bench.mail_clients --requests {args.requests}")


if __name__ == "__main__":
    main()
