"""The request-latency middleware on a bare `build_app` app: route templates, `<unmatched>` for
paths no route knows, 500 for an exception that escaped, and one registry per app."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI

from aura.kit.service import build_app
from tests.support.identity import TEST_JWT_SECRET
from tests.support.metrics import scrape

REQUESTS = "aura_http_request_duration_seconds_count"


@asynccontextmanager
async def _no_resources(app: FastAPI) -> AsyncIterator[None]:
    yield


def _app() -> FastAPI:
    app = build_app("metrics test", TEST_JWT_SECRET, _no_resources)

    @app.get("/items/{item_id}")
    async def item(item_id: str) -> dict[str, str]:
        return {"id": item_id}

    @app.get("/broken")
    async def broken() -> None:
        raise RuntimeError("a bug")

    return app


def _client(app: FastAPI) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://kit.test")


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with _client(_app()) as http:
        yield http


async def test_requests_are_labelled_by_route_template_never_by_path(client):
    for item_id in ("a1", "b2", "c3"):
        assert (await client.get(f"/items/{item_id}")).status_code == 200
    assert (await client.get("/no/such/path/x9")).status_code == 404
    seen = await scrape(client)

    assert seen.value(REQUESTS, method="GET", route="/items/{item_id}", status="200") == 3
    assert seen.value(REQUESTS, route="<unmatched>", status="404") == 1
    assert "x9" not in seen.text and "a1" not in seen.text


async def test_an_exception_that_escapes_is_counted_as_a_500(client):
    assert (await client.get("/broken")).status_code == 500
    seen = await scrape(client)
    assert seen.value(REQUESTS, route="/broken", status="500") == 1


async def test_each_app_has_a_registry_of_its_own(client):
    await client.get("/items/a1")
    async with _client(_app()) as other:
        seen = await scrape(other)
    assert seen.value(REQUESTS, route="/items/{item_id}") == 0
