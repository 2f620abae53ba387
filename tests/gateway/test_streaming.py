"""SSE through the gateway: events leave as they arrive, bytes untouched, disconnects passed on."""

import asyncio
import json
import uuid

import httpx
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aura.gateway.app import create_app
from aura.gateway.routing import Upstream
from tests.gateway.conftest import Stack, gateway_settings
from tests.gateway.servers import serving
from tests.gateway.upstream import KOREAN
from tests.support.identity import auth_headers


async def test_each_event_reaches_the_client_before_the_upstream_writes_the_next(
    client: httpx.AsyncClient, stack: Stack
) -> None:
    key = uuid.uuid4().hex
    upstream = stack.upstreams[Upstream.AGENT].observations
    received = b""
    async with client.stream(
        "POST", f"/api/aura/test/gated?count=3&key={key}", headers=auth_headers(), json={}
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        chunks = response.aiter_raw()
        for seq in (1, 2, 3):
            # The upstream writes event seq+1 only once event seq has reached this client, so a
            # gateway that buffered would deliver nothing: the deadline is for that, not speed.
            while f'"seq":{seq}'.encode() not in received:
                received += await asyncio.wait_for(anext(chunks), timeout=10)
            if seq < 3:
                upstream.release_of(key, seq + 1).set()
        async for chunk in chunks:
            received += chunk
    assert received.endswith(b"data: [DONE]\n\n")
    assert b"id: run-test:3\nevent: tick\n" in received


async def test_korean_split_across_upstream_writes_arrives_intact(
    client: httpx.AsyncClient,
) -> None:
    chunks: list[bytes] = []
    async with client.stream("GET", "/api/aura/korean", headers=auth_headers()) as response:
        async for chunk in response.aiter_raw():
            chunks.append(chunk)
    body = b"".join(chunks).decode("utf-8")
    first = json.loads(body.split("\n\n")[0].removeprefix("data: "))
    assert first["data"]["content"] == KOREAN
    # The gateway forwarded the first write without waiting for the character to complete.
    assert any(_ends_mid_character(chunk) for chunk in chunks)


def _ends_mid_character(chunk: bytes) -> bool:
    try:
        chunk.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


async def test_client_disconnect_closes_the_upstream(stack: Stack) -> None:
    key = uuid.uuid4().hex
    observed = stack.upstreams[Upstream.AGENT].observations.disconnect_of(key)
    path = f"/api/aura/endless?key={key}"
    async with (
        httpx.AsyncClient(base_url=stack.gateway) as client,
        client.stream("GET", path, headers=auth_headers()) as response,
    ):
        assert (await response.aiter_raw().__anext__()).startswith(b": connected")
        assert not observed.is_set()
    # A deadline for the behaviour, not a performance bound: without propagation the upstream
    # would never hear of it (it writes nothing more).
    await asyncio.wait_for(observed.wait(), timeout=10)


async def test_last_event_id_and_spec_headers_reach_the_upstream(
    client: httpx.AsyncClient,
) -> None:
    sent = {
        "Last-Event-ID": "run-1:7",
        "X-DWP-Source": "FRONTEND",
        "X-DWP-Caller-Type": "USER",
        "X-Agent-ID": "agent-7",
        "X-User-ID": "user123",
    }
    response = await client.get("/api/aura/runs/run-1/stream", headers=auth_headers(**sent))
    echoed = response.json()["headers"]
    for name, value in sent.items():
        assert echoed[name.lower()] == [value]
    assert echoed["authorization"] == [auth_headers()["Authorization"]]


async def test_request_id_is_created_when_absent_and_passed_upstream(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/api/main/echo", headers=auth_headers())
    request_id = response.headers["x-request-id"]
    assert request_id and request_id != "upstream-made-this-up"
    assert response.json()["headers"]["x-request-id"] == [request_id]


async def test_request_id_of_the_caller_is_kept(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/api/main/echo", headers=auth_headers(**{"X-Request-ID": "trace-abc-123"})
    )
    assert response.headers.get_list("x-request-id") == ["trace-abc-123"]
    assert len(response.headers.get_list("date")) == 1
    assert response.json()["headers"]["x-request-id"] == ["trace-abc-123"]


async def test_path_encoding_query_and_method_pass_through(client: httpx.AsyncClient) -> None:
    response = await client.delete(
        "/api/mail/messages/a%20b%2Fc?ids=1&ids=2&q=%ED%95%9C", headers=auth_headers()
    )
    body = response.json()
    assert body["method"] == "DELETE"
    assert body["rawPath"] == "/mail/messages/a%20b%2Fc"
    assert body["query"] == "ids=1&ids=2&q=%ED%95%9C"


async def test_upstream_cookies_are_passed_on_but_never_replayed(
    client: httpx.AsyncClient,
) -> None:
    first = await client.get("/api/main/echo", headers=auth_headers())
    assert first.headers["set-cookie"] == "a=1"
    client.cookies.clear()
    second = await client.get("/api/main/echo", headers=auth_headers())
    assert "cookie" not in second.json()["headers"]


async def test_the_stream_headers_reach_the_client(client: httpx.AsyncClient) -> None:
    """The stream's response headers (docs/stream.md#framing) survive the gateway; `Connection`
    is hop-by-hop and is not relayed."""
    async with client.stream(
        "POST", "/api/aura/test/ticks?count=1&every=0", headers=auth_headers(), json={}
    ) as response:
        await response.aread()
    headers = response.headers
    assert headers.get_list("content-type") == ["text/event-stream; charset=utf-8"]
    assert headers.get_list("cache-control") == ["no-cache"]
    assert headers.get_list("x-accel-buffering") == ["no"]
    assert headers.get_list("x-aura-run-id") == ["run-test"]
    assert headers.get_list("x-aura-session-id") == ["session-test"]
    assert len(headers.get_list("x-request-id")) == 1
    assert headers.get("connection", "keep-alive").lower() == "keep-alive"


class SeesWhatItSends:
    """An outermost middleware that notes the type of every HTTP message sent through it."""

    def __init__(self, app: ASGIApp, seen: list[str]) -> None:
        self.app, self.seen = app, seen

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def noted(message: Message) -> None:
            self.seen.append(message["type"])
            await send(message)

        await self.app(scope, receive, noted)


async def test_a_proxied_streams_body_is_sent_after_the_stack_and_only_its_head_through_it(
    stack: Stack,
) -> None:
    app = create_app(gateway_settings(stack.urls))
    seen: list[str] = []
    app.user_middleware.insert(0, Middleware(SeesWhatItSends, seen=seen))
    async with serving(app) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
        answer = await client.get("/api/aura/korean", headers=auth_headers())

    assert answer.status_code == 200
    assert KOREAN in answer.text and answer.headers["x-request-id"]
    # Every chunk of the body skipped the middleware's send wrappers (they act on the head).
    assert seen == ["http.response.start"]
