"""The floor's HITL server: the least that streams a run, pauses it for a person and resumes it.

`POST /aura/stream` streams `BEFORE` events, a `hitl` event with a fresh `requestId`, waits until a
decision for that id arrives on one Redis pub/sub channel, then streams `AFTER` events and
`data: [DONE]`. `POST /aura/hitl/approve/{request_id}` publishes the decision and answers. `GET
/health` answers a small JSON document. Event count and sizes copy the Aura scenario of
`bench.compare` (10 events, `hitl`, 11 events, about 150 bytes each), so both carry the same bytes.

One subscription serves every waiting stream: the listener resolves the waiter registered under
the id. A waiter exists before its `hitl` event is written, so no decision can arrive unheard.

Run:  .venv/bin/python -m bench.reference.hitl_server --port 8701 --redis-url redis://127.0.0.1:6379/13
"""

import argparse
import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import AsyncIterator, Mapping

import uvloop
from aiohttp import web
from redis.asyncio import BlockingConnectionPool, Redis

BEFORE = 10
AFTER = 11
WAIT_SECONDS = 600.0
REDIS_CONNECTIONS = 32
SSE_HEADERS = {"Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache"}

WAITERS = web.AppKey("waiters", dict[str, asyncio.Future[str]])
REDIS = web.AppKey("redis", Redis)
CHANNEL = web.AppKey("channel", str)


def encode(run_id: str, index: int, kind: str, data: Mapping[str, object]) -> bytes:
    body = json.dumps(
        {"type": kind, "data": data, "timestamp": int(time.time())}, separators=(",", ":")
    )
    return f"id: {run_id}:{index}\nevent: {kind}\ndata: {body}\n\n".encode()


def step(index: int) -> dict[str, object]:
    return {"id": f"step-{index}", "title": "A step of the floor run", "status": "processing"}


async def stream(request: web.Request) -> web.StreamResponse:
    run_id = f"run_{uuid.uuid4().hex[:24]}"
    request_id = f"req_{uuid.uuid4().hex[:16]}"
    waiters = request.app[WAITERS]
    waiter: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    waiters[request_id] = waiter
    response = web.StreamResponse(headers=SSE_HEADERS)
    try:
        await response.prepare(request)
        for index in range(BEFORE):
            await response.write(encode(run_id, index, "timeline_step_update", step(index)))
        hitl = {"requestId": request_id, "runId": run_id, "actionType": "send_message"}
        await response.write(encode(run_id, BEFORE, "hitl", hitl))
        decision = await asyncio.wait_for(waiter, WAIT_SECONDS)
        for index in range(BEFORE + 1, BEFORE + 1 + AFTER):
            data = step(index) | {"status": decision}
            await response.write(encode(run_id, index, "plan_step_update", data))
        await response.write(b"data: [DONE]\n\n")
    finally:
        waiters.pop(request_id, None)
    return response


async def approve(request: web.Request) -> web.Response:
    request_id = request.match_info["request_id"]
    await request.app[REDIS].publish(request.app[CHANNEL], f"{request_id} approved")
    return web.json_response(
        {"success": True, "data": {"requestId": request_id, "status": "approved"}}
    )


async def health(_request: web.Request) -> web.Response:
    return web.json_response({"status": "healthy"})


async def listen(redis: Redis, channel: str, waiters: dict[str, asyncio.Future[str]]) -> None:
    async with redis.pubsub() as pubsub:
        await pubsub.subscribe(channel)
        async for message in pubsub.listen():
            if message["type"] != "message":
                continue
            request_id, decision = message["data"].split(" ", 1)
            waiter = waiters.get(request_id)
            if waiter is not None and not waiter.done():
                waiter.set_result(decision)


def create_app(redis_url: str, channel: str) -> web.Application:
    app = web.Application()
    app[WAITERS] = {}
    app[CHANNEL] = channel

    async def lifespan(app: web.Application) -> AsyncIterator[None]:
        # Publishers wait for a free connection rather than fail, as a pooled service would.
        pool = BlockingConnectionPool.from_url(
            redis_url, max_connections=REDIS_CONNECTIONS, timeout=30, decode_responses=True
        )
        async with Redis(connection_pool=pool) as redis:
            app[REDIS] = redis
            listener = asyncio.create_task(listen(redis, channel, app[WAITERS]))
            yield
            listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listener

    app.cleanup_ctx.append(lifespan)
    app.router.add_post("/aura/stream", stream)
    app.router.add_post("/aura/hitl/approve/{request_id}", approve)
    app.router.add_get("/health", health)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--channel", default=f"bench:floor:decisions:{uuid.uuid4().hex[:8]}")
    args = parser.parse_args()
    app = create_app(args.redis_url, args.channel)
    web.run_app(
        app,
        host="127.0.0.1",
        port=args.port,
        print=None,
        access_log=None,
        backlog=4096,
        loop=uvloop.new_event_loop(),
    )


if __name__ == "__main__":
    main()
