"""What the gateway answers itself: 413, 502, 504, all in the error envelope
(docs/contract.md#the-envelope)."""

from collections.abc import AsyncIterator

import httpx

from aura.gateway.app import create_app
from tests.gateway.conftest import Stack, gateway_settings
from tests.gateway.servers import serving
from tests.support.identity import auth_headers

LIMIT = 256 * 1024


def assert_envelope(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert (body["status"], body["success"], body["errorCode"]) == ("ERROR", False, code)
    assert body["message"]
    assert response.headers["x-request-id"]


async def test_body_over_256_kib_is_refused_by_its_content_length(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/mail/messages/send", headers=auth_headers(), content=b"x" * (LIMIT + 1)
    )
    assert_envelope(response, 413, "E4003")


async def test_chunked_body_over_256_kib_is_refused_by_counting(client: httpx.AsyncClient) -> None:
    async def body() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b"y" * (64 * 1024 + 1)

    response = await client.post("/api/mail/messages/send", headers=auth_headers(), content=body())
    assert_envelope(response, 413, "E4003")


async def test_body_of_exactly_256_kib_passes(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/mail/messages/send", headers=auth_headers(), content=b"x" * LIMIT
    )
    assert response.status_code == 200
    assert response.json()["bodySize"] == LIMIT


async def test_upstream_down_is_a_502_envelope(dead_gateway: str) -> None:
    async with httpx.AsyncClient(base_url=dead_gateway) as client:
        assert_envelope(
            await client.get("/api/mail/messages", headers=auth_headers()), 502, "E5000"
        )
        assert_envelope(await client.get("/api/auth/health"), 502, "E5000")


async def test_upstream_too_slow_is_a_504_envelope(stack: Stack) -> None:
    settings = gateway_settings(stack.urls, read_timeout_seconds=0.5, sse_heartbeat_seconds=0.2)
    async with (
        serving(create_app(settings)) as gateway,
        httpx.AsyncClient(base_url=gateway) as client,
    ):
        response = await client.get("/api/main/slow?seconds=3", headers=auth_headers())
    assert_envelope(response, 504, "E5001")


async def test_unknown_non_api_path_without_console_is_a_404_envelope(
    client: httpx.AsyncClient,
) -> None:
    assert_envelope(await client.get("/some/page"), 404, "E1004")
