"""The SSE upstream the benchmark proxies: raw ASGI on uvicorn, one write per event.

Run as `python bench/gateway/upstream.py PORT`. Both proxies strip `/api` before forwarding.
Endpoints:
- `/aura/bench/burst?n=N&size=B`: N events as fast as the connection takes them.
- `/aura/bench/paced?n=N&every=S`: N events S seconds apart, each stamped with the sender's
  CLOCK_MONOTONIC (comparable across processes on one machine) for latency.
- `/aura/bench/hold`: one event, then a heartbeat comment every 15 s until the client leaves. The
  first heartbeat comes after a random part of the interval: streams opened within a few seconds
  of each other would otherwise beat all at once, 9,000 heartbeats in a burst every 15 s, and a
  fresh request measured during a burst would time the burst (streams opened over hours, as real
  ones are, beat evenly spread: 600 a second for 9,000).
- `.../health`: a small JSON answer.
"""

import asyncio
import random
import sys
import time
from urllib.parse import parse_qs

import uvicorn

SSE_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
]
HEALTH = b'{"status":"healthy"}'


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    path = scope["path"]
    query = {k: v[0] for k, v in parse_qs(scope["query_string"].decode()).items()}
    if path.endswith("/health"):
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(HEALTH))]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": HEALTH})
        return
    await send({"type": "http.response.start", "status": 200, "headers": SSE_HEADERS})
    if path.endswith("/burst"):
        payload = b"x" * int(query.get("size", "200"))
        event = b'event: content\ndata: {"c":"' + payload + b'"}\n\n'
        for _ in range(int(query.get("n", "1000"))):
            await send({"type": "http.response.body", "body": event, "more_body": True})
    elif path.endswith("/paced"):
        every = float(query.get("every", "0.01"))
        for _ in range(int(query.get("n", "100"))):
            stamp = time.monotonic_ns()
            event = b'data: {"t":%d}\n\n' % stamp
            await send({"type": "http.response.body", "body": event, "more_body": True})
            await asyncio.sleep(every)
    elif path.endswith("/hold"):
        await send(
            {"type": "http.response.body", "body": b'data: {"held":true}\n\n', "more_body": True}
        )
        heartbeat = asyncio.ensure_future(_heartbeats(send))
        while (await receive())["type"] != "http.disconnect":
            pass
        heartbeat.cancel()
        return
    await send({"type": "http.response.body", "body": b"data: [DONE]\n\n"})


HEARTBEAT_SECONDS = 15


async def _heartbeats(send):
    await asyncio.sleep(random.uniform(0, HEARTBEAT_SECONDS))
    while True:
        await send({"type": "http.response.body", "body": b": keep-alive\n\n", "more_body": True})
        await asyncio.sleep(HEARTBEAT_SECONDS)


if __name__ == "__main__":
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=int(sys.argv[1]),
        log_level="warning",
        access_log=False,
        loop="uvloop",
        http="httptools",
        backlog=8192,
    )
