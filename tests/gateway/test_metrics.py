"""The gateway's `GET /metrics`: served by the gateway itself (never proxied), request latency by
route, open streams by upstream, upstream errors by upstream and kind."""

import asyncio
import uuid

import httpx
import pytest

from aura.gateway.routing import HEALTH_PATHS, ROUTES, Upstream, resolve
from tests.gateway.conftest import Stack
from tests.support.identity import auth_headers
from tests.support.metrics import Scrape, scrape

REQUESTS = "aura_http_request_duration_seconds_count"


@pytest.mark.parametrize("path", ["/api/metrics", *(f"{r.prefix}/metrics" for r in ROUTES)])
def test_no_api_path_reaches_a_services_own_metrics(path: str):
    target = resolve(path)
    assert target is None or target.path != "/metrics"
    assert all(target_path != "/metrics" for _, target_path in HEALTH_PATHS.values())


async def test_the_gateway_serves_its_own_metrics_not_the_console(client: httpx.AsyncClient):
    seen = await scrape(client)
    assert "aura_gateway_open_streams" in seen.text
    assert (await client.get("/api/metrics", headers=auth_headers())).status_code == 404


async def test_a_proxied_request_moves_its_upstreams_histogram(client: httpx.AsyncClient):
    labels = {"method": "GET", "route": "/api/** (mail)", "status": "200"}
    before = (await scrape(client)).value(REQUESTS, **labels)
    answer = await client.get(f"/api/mail/{uuid.uuid4().hex}", headers=auth_headers())
    after = await scrape(client)

    assert answer.status_code == 200
    assert after.value(REQUESTS, **labels) == before + 1
    assert not any(
        route.startswith("/api/mail/") for route in after.label_values(REQUESTS, "route")
    )


async def test_an_open_stream_counts_until_it_ends(stack: Stack, client: httpx.AsyncClient):
    key = uuid.uuid4().hex
    upstream = stack.upstreams[Upstream.AGENT]
    async with client.stream(
        "POST", f"/api/aura/test/gated?count=2&key={key}", headers=auth_headers(), json={}
    ) as response:
        chunks = response.aiter_bytes()
        await anext(chunks)
        during = await scrape(client)
        upstream.observations.release_of(key, 2).set()
        async for _ in chunks:
            pass
    after = await _scrape_until(client, "aura_gateway_open_streams", 0)

    assert during.value("aura_gateway_open_streams", upstream="agent") == 1
    assert after.value("aura_gateway_open_streams", upstream="agent") == 0


async def test_a_refused_upstream_is_counted_by_upstream_and_kind(dead_gateway: str):
    async with httpx.AsyncClient(base_url=dead_gateway, timeout=30) as client:
        answer = await client.post("/api/auth/login", json={"username": "a", "password": "b"})
        seen = await scrape(client)

    assert answer.status_code == 502
    assert seen.value("aura_gateway_upstream_errors_total", upstream="auth", kind="refused") == 1
    assert seen.value("aura_gateway_upstream_errors_total", kind="timeout") == 0


async def _scrape_until(client: httpx.AsyncClient, name: str, wanted: float) -> Scrape:
    """The gauge drops just after the last byte went out: poll rather than race it."""

    async def poll() -> Scrape:
        while (seen := await scrape(client)).value(name) != wanted:
            await asyncio.sleep(0.05)
        return seen

    return await asyncio.wait_for(poll(), 30)
