"""Streams sent from the app's outermost layer: the head goes through the stack, the body after
it returned; a client that leaves stops the stream (its generator closed, the task not left
cancelled); without the outermost layer the response streams its body itself."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from aura.kit.request_context import current_request_id
from aura.kit.service import build_app
from aura.kit.stream_handoff import (
    EventStreamResponse,
    HandoffFastAPI,
    hand_off,
    stream_body,
)


class Frames:
    """Frames that then wait forever (a paused run), remembering whether they were closed."""

    def __init__(self, *frames: str, then_wait: bool = True) -> None:
        self.frames, self.then_wait, self.closed = frames, then_wait, False

    async def __aiter__(self) -> AsyncIterator[str]:
        try:
            for frame in self.frames:
                yield frame
            if self.then_wait:
                await asyncio.Event().wait()
        finally:
            self.closed = True


async def test_a_client_that_leaves_stops_the_stream_quietly():
    frames = Frames("data: 1\n\n", "data: 2\n\n")
    sent: list[Message] = []
    left = asyncio.Event()

    async def receive() -> Message:
        await left.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)
        if len(sent) == 2:
            left.set()  # the client goes once it has both frames

    generator = frames.__aiter__()
    await asyncio.wait_for(stream_body(generator, receive, send), 5)

    assert [m["body"] for m in sent] == [b"data: 1\n\n", b"data: 2\n\n"]
    assert frames.closed
    assert asyncio.current_task().cancelling() == 0  # type: ignore[union-attr]


async def test_a_stream_that_ends_ends_its_body_and_stops_watching():
    sent: list[Message] = []
    never = asyncio.Event()

    async def receive() -> Message:
        await never.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    await stream_body(Frames("data: [DONE]\n\n", then_wait=False).__aiter__(), receive, send)
    await asyncio.sleep(0)

    assert sent[-1] == {"type": "http.response.body", "body": b"", "more_body": False}
    watchers = [t for t in asyncio.all_tasks() if t.get_name() == "stream-disconnect-watcher"]
    assert all(t.done() for t in watchers)


def events() -> EventStreamResponse:
    async def frames() -> AsyncIterator[str]:
        yield "data: one\n\n"
        yield "data: [DONE]\n\n"

    return EventStreamResponse(frames(), {"X-Example": "yes"})


@asynccontextmanager
async def no_resources(app: FastAPI) -> AsyncIterator[None]:
    yield


async def test_the_outermost_layer_streams_the_body_after_the_stack_returned():
    app = build_app("stream test", "secret", no_resources, app_class=HandoffFastAPI)
    app.add_api_route("/events", lambda: events(), methods=["GET"])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answer = await client.get("/events")
        scraped = await client.get("/metrics")

    assert answer.status_code == 200 and answer.headers["x-example"] == "yes"
    assert answer.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert answer.headers["x-request-id"]  # the head went through the shared middleware
    assert answer.text == "data: one\n\ndata: [DONE]\n\n"
    assert 'route="/events",status="200"' in scraped.text  # and its latency was observed


async def test_without_the_outermost_layer_the_response_streams_itself():
    app = Starlette(routes=[Route("/events", lambda request: events())])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answer = await client.get("/events")

    assert answer.text == "data: one\n\ndata: [DONE]\n\n"


class HandsOffItsRequestId:
    """A response whose body, sent by the outermost layer, is the request id current then."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})

        async def body(receive: Receive, send: Send) -> None:
            seen = current_request_id().encode()
            await send({"type": "http.response.body", "body": seen, "more_body": False})

        assert hand_off(scope, body)


async def test_a_body_sent_by_the_outermost_layer_still_knows_its_request_id():
    app = build_app("stream test", "secret", no_resources, app_class=HandoffFastAPI)
    app.add_route("/request-id", HandsOffItsRequestId())
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answer = await client.get("/request-id", headers={"X-Request-ID": "trace-42"})

    assert answer.headers["x-request-id"] == "trace-42"
    assert answer.text == "trace-42"
    assert current_request_id() == "-"  # bound for the body only
