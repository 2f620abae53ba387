"""Upstream pools: new requests spread over an upstream's replicas, a replica that refuses
connections is skipped, a stale pooled connection costs an idempotent request nothing (aiohttp
retries it once) and never repeats a POST, and a main service that hangs answers a decision with
a prompt 504."""

import asyncio
import json
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

import httpx
import pytest

from aura.gateway.app import create_app
from aura.gateway.routing import Upstream
from tests.gateway.conftest import Stack, gateway_settings
from tests.gateway.servers import serving
from tests.gateway.test_failures import assert_envelope
from tests.gateway.upstream import TestUpstream
from tests.support.identity import auth_headers
from tests.support.ports import free_port


@asynccontextmanager
async def gateway_with(stack: Stack, **urls: str) -> AsyncIterator[httpx.AsyncClient]:
    base = {**stack.urls}
    for name, url in urls.items():
        base[Upstream(name)] = url
    settings = gateway_settings(base, health_interval_seconds=0.2)
    async with (
        serving(create_app(settings)) as gateway,
        httpx.AsyncClient(base_url=gateway, timeout=10) as client,
    ):
        yield client


async def landed_on(client: httpx.AsyncClient, count: int, method: str = "GET") -> Counter[str]:
    seen: Counter[str] = Counter()
    for _ in range(count):
        response = await client.request(method, "/api/aura/echo", headers=auth_headers())
        assert response.status_code == 200, response.text
        seen[response.json()["service"]] += 1
    return seen


async def test_new_requests_are_spread_over_the_replicas(stack: Stack) -> None:
    async with AsyncExitStack() as exits:
        a = await exits.enter_async_context(serving(TestUpstream("agent-a")))
        b = await exits.enter_async_context(serving(TestUpstream("agent-b")))
        client = await exits.enter_async_context(gateway_with(stack, agent=f"{a},{b}"))
        assert await landed_on(client, 10) == Counter({"agent-a": 5, "agent-b": 5})


async def test_a_replica_that_refuses_connections_is_skipped_even_for_a_post(stack: Stack) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    async with (
        serving(TestUpstream("agent-b")) as alive,
        gateway_with(stack, agent=f"{dead},{alive}") as client,
    ):
        # Nothing was sent to the dead replica, so even a POST may go to the next one.
        assert await landed_on(client, 6, "POST") == Counter({"agent-b": 6})


async def test_a_replica_that_dies_is_failed_over_and_comes_back(stack: Stack) -> None:
    a_port = free_port()
    a_url = f"http://127.0.0.1:{a_port}"
    async with (
        serving(TestUpstream("agent-b")) as b,
        gateway_with(stack, agent=f"{a_url},{b}") as client,
    ):
        async with serving(TestUpstream("agent-a"), port=a_port):
            await until_served_by(client, "agent-a")
        assert await landed_on(client, 6) == Counter({"agent-b": 6})
        async with serving(TestUpstream("agent-a"), port=a_port):
            await until_served_by(client, "agent-a")  # the health checker brings it back


async def until_served_by(client: httpx.AsyncClient, name: str) -> None:
    for _ in range(100):
        if name in await landed_on(client, 2):
            return
        await asyncio.sleep(0.1)
    pytest.fail(f"{name} never got a request")


FLAKY_ANSWER = {"service": "flaky"}


class ClosesOnSecondRequest:
    """A raw HTTP/1.1 upstream that answers the first request on a connection with keep-alive
    and closes the connection, unanswered, when a second request arrives on it: what a client
    sees when it reuses a pooled connection the server has just closed."""

    def __init__(self, answer: object) -> None:
        self.requests: list[str] = []
        self.body = json.dumps(answer).encode()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        answered = 0
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                if length:
                    await reader.readexactly(length)
                if answered:
                    return  # close without an answer
                self.requests.append(head.split(b" ", 2)[0].decode())
                body = self.body
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                    b"content-length: %d\r\n\r\n%s" % (len(body), body)
                )
                await writer.drain()
                answered += 1
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@asynccontextmanager
async def flaky_upstream(
    answer: object = FLAKY_ANSWER,
) -> AsyncIterator[tuple[str, ClosesOnSecondRequest]]:
    upstream = ClosesOnSecondRequest(answer)
    server = await asyncio.start_server(upstream.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        yield f"http://127.0.0.1:{port}", upstream


async def test_an_idempotent_request_on_a_dead_pooled_connection_is_retried_once(
    stack: Stack,
) -> None:
    async with flaky_upstream() as (url, upstream), gateway_with(stack, mail=url) as client:
        for _ in range(3):
            response = await client.get("/api/mail/messages", headers=auth_headers())
            assert response.status_code == 200, response.text
    assert upstream.requests == ["GET", "GET", "GET"]


async def test_a_post_on_a_dead_pooled_connection_is_not_repeated(stack: Stack) -> None:
    async with flaky_upstream() as (url, upstream), gateway_with(stack, mail=url) as client:
        first = await client.post("/api/mail/messages/send", headers=auth_headers(), json={})
        assert first.status_code == 200
        second = await client.post("/api/mail/messages/send", headers=auth_headers(), json={})
        assert_envelope(second, 502, "E5000")  # the upstream may have acted on it: not resent
    assert upstream.requests == ["POST"]


async def test_a_hanging_main_service_answers_a_decision_with_504(stack: Stack) -> None:
    settings = gateway_settings(stack.urls, decision_timeout_seconds=0.5)
    async with (
        serving(create_app(settings)) as gateway,
        httpx.AsyncClient(base_url=gateway, timeout=30) as client,
    ):
        response = await client.get("/api/aura/hitl/slow?seconds=5", headers=auth_headers())
        assert_envelope(response, 504, "E5001")
        # The agent's streams keep the long deadline: the same slowness passes there.
        slow_agent = await client.get("/api/aura/slow?seconds=1", headers=auth_headers())
        assert slow_agent.status_code == 200
