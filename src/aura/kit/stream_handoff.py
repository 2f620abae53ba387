"""Long-lived event streams sent from the app's outermost layer, not from inside its stack.

A response that streams for minutes (an SSE stream of a run paused at the approval gate) would
otherwise keep every layer it was answered through alive for as long as it streams: the
middleware's frames, FastAPI's request handling with its solved dependencies and request body,
Starlette's streaming task group. With thousands of streams open at once that is most of what
each one costs (about 20 KiB of the agent's ~57 KiB per paused run, `bench.paused_heap`).

So an `EventStreamResponse` sends its head through the stack as any response does (the
middleware sees the status and adds its headers, the latency metric is observed), then leaves
its body to the app's outermost layer (`HandoffFastAPI.__call__`), which streams it once the
stack has returned and let go of all of that. Served without that layer (another ASGI server
wrapping the app differently), it streams its body itself. Middleware between the two must pass
messages on as they come (as the shared ones do): one that collects or rewrites the body
(Starlette's BaseHTTPMiddleware, GZip) would end the response before the body is handed on.

What is handed on is a `BodySender`: a coroutine function that sends the rest of the body with
the server's own `receive` and `send`. The agent hands on its frames (`stream_body`); the gateway
its relay of an upstream's stream, whose every chunk then also skips the middleware's `send`
wrappers (they act on the response's head only). The body is sent with the request id of the
request bound again, so that what it logs still says which request it belongs to.

The body is streamed with one disconnect watcher: a plain task waiting on `receive()` that, when
the client goes away, cancels the streaming task while it is inside the stream (the frames'
generator is closed by that cancellation, and nothing else is touched: a run goes on).
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from functools import partial

from fastapi import FastAPI
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from aura.kit.request_context import request_id_bound

HANDOFF_SCOPE_KEY = "aura.stream_handoff"
"""Where the outermost layer leaves a list for the body of a stream handed to it."""

BodySender = Callable[[Receive, Send], Awaitable[None]]
"""The rest of a response's body, sent with the server's own `receive` and `send`."""


def hand_off(scope: Scope, body: BodySender) -> bool:
    """Leave `body` to the outermost layer; False when there is none (send it yourself)."""
    handoff: list[BodySender] | None = scope.get(HANDOFF_SCOPE_KEY)
    if handoff is None:
        return False
    handoff.append(body)
    return True


class EventStreamResponse(StreamingResponse):
    """A stream of text frames (`text/event-stream`), handed to the outermost layer if any."""

    def __init__(self, frames: AsyncIterator[str], headers: dict[str, str]) -> None:
        super().__init__(frames, media_type="text/event-stream; charset=utf-8", headers=headers)
        self._frames = frames

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        if not hand_off(scope, partial(stream_body, self._frames)):
            await stream_body(self._frames, receive, send)


async def stream_body(frames: AsyncIterator[str], receive: Receive, send: Send) -> None:
    """Send each frame as its own chunk, then end the body; stop quietly when the client goes."""
    streaming = asyncio.current_task()
    assert streaming is not None
    inside = True
    disconnected = False

    async def watch_disconnect() -> None:
        nonlocal disconnected
        while (await receive())["type"] != "http.disconnect":
            pass
        if inside:  # a cancel now lands at an await of the stream below, never after it
            disconnected = True
            streaming.cancel()

    watcher = asyncio.create_task(watch_disconnect(), name="stream-disconnect-watcher")
    try:
        async for chunk in frames:
            await send({"type": "http.response.body", "body": chunk.encode(), "more_body": True})
            del chunk  # a paused stream holds no copy of the last frame it sent
        await send({"type": "http.response.body", "body": b"", "more_body": False})
        inside = False
    except asyncio.CancelledError:
        inside = False
        if not disconnected:
            raise
        streaming.uncancel()
    finally:
        inside = False
        watcher.cancel()
        aclose = getattr(frames, "aclose", None)
        if aclose is not None:
            await aclose()


class HandoffFastAPI(FastAPI):
    """A FastAPI app whose outermost layer streams the bodies handed to it (see the module)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        handoff: list[BodySender] = []
        scope[HANDOFF_SCOPE_KEY] = handoff
        await super().__call__(scope, receive, send)
        if handoff:
            body = handoff.pop()
            # What the stack left in the scope for its own use (FastAPI's exit stacks of this
            # request) is not needed to stream; the server keeps the scope as long as it lives.
            for key in [key for key in scope if key.startswith("fastapi")]:
                del scope[key]
            with request_id_bound(scope):
                await body(receive, send)
