"""A stream that is alive is never cut by the total timeout (docs/gateway.md#timeouts).

The total timeout bounds ordinary responses; an SSE response is bounded by the idle-read timeout
(heartbeats keep it alive) and by its own, much longer, maximum lifetime. Every timeout here is
shortened so that "two approvals, each over three minutes" takes seconds.
"""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from aura.gateway.app import create_app
from tests.gateway.conftest import Stack, gateway_settings
from tests.gateway.servers import serving
from tests.support.identity import auth_headers

# A HITL wait of 1 s, a total timeout of 1.5 s, heartbeats every 0.2 s, 1 s of silence allowed.
SHORT = {
    "hitl_timeout_seconds": 1.0,
    "total_timeout_seconds": 1.5,
    "sse_heartbeat_seconds": 0.2,
    "read_timeout_seconds": 1.0,
}


async def _client(stack: Stack, **overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
    settings = gateway_settings(stack.urls, **{**SHORT, **overrides})
    async with serving(create_app(settings)) as url, httpx.AsyncClient(base_url=url) as client:
        yield client


@pytest.fixture
async def short_client(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client(stack):
        yield client


@pytest.fixture
async def capped_client(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client(stack, max_stream_seconds=2.0):
        yield client


async def _stream(client: httpx.AsyncClient, seconds: float) -> bytes:
    received = b""
    path = f"/api/aura/test/heartbeats?seconds={seconds}&every=0.2"
    try:
        async with client.stream("POST", path, headers=auth_headers(), json={}) as response:
            assert response.status_code == 200
            async for chunk in response.aiter_raw():
                received += chunk
    except httpx.RemoteProtocolError:
        pass  # a stream cut short: what arrived so far is the answer
    return received


async def test_a_heartbeating_stream_outlives_the_total_timeout(
    short_client: httpx.AsyncClient,
) -> None:
    received = await _stream(short_client, seconds=3.0)  # twice the total timeout
    assert received.count(b": keep-alive\n\n") >= 10
    assert b"event: final\n" in received
    assert received.endswith(b"data: [DONE]\n\n")


async def test_the_total_timeout_still_bounds_ordinary_responses(
    short_client: httpx.AsyncClient,
) -> None:
    response = await short_client.get("/api/main/slow?seconds=3", headers=auth_headers())
    assert response.status_code == 504, response.text
    assert response.json()["errorCode"] == "E5001"


async def test_the_maximum_stream_lifetime_cuts_a_stream_that_outlives_it(
    capped_client: httpx.AsyncClient,
) -> None:
    received = await _stream(capped_client, seconds=4.0)
    assert received.startswith(b": keep-alive\n\n")
    assert b"[DONE]" not in received
