"""Route 6: the web console's files at `/`, with index.html for client-side routes."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from aura.gateway.app import create_app
from tests.gateway.conftest import Stack, gateway_settings
from tests.gateway.servers import serving


@pytest.fixture
async def console_client(stack: Stack, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    (tmp_path / "index.html").write_text("<!doctype html><title>Aura console</title>")
    (tmp_path / "app.js").write_text("console.log('aura')")
    (tmp_path / "openapi.json").write_text('{"console": true}')
    settings = gateway_settings(stack.urls).model_copy(update={"console_dir": tmp_path})
    async with serving(create_app(settings)) as url, httpx.AsyncClient(base_url=url) as client:
        yield client


async def test_index_and_assets_are_served(console_client: httpx.AsyncClient) -> None:
    index = await console_client.get("/")
    assert index.status_code == 200
    assert "Aura console" in index.text
    script = await console_client.get("/app.js")
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]


async def test_client_side_routes_fall_back_to_index(console_client: httpx.AsyncClient) -> None:
    response = await console_client.get("/hitl/req_0123456789abcdef")
    assert response.status_code == 200
    assert "Aura console" in response.text


async def test_missing_asset_is_still_a_404(console_client: httpx.AsyncClient) -> None:
    response = await console_client.get("/missing.css")
    assert response.status_code == 404
    assert response.json()["errorCode"] == "E1004"


async def test_api_paths_never_fall_back_to_the_console(console_client: httpx.AsyncClient) -> None:
    response = await console_client.get("/api/aurax")
    assert response.status_code == 404
    assert response.json()["errorCode"] == "E1004"
    assert "Aura console" not in response.text


async def test_docs_and_openapi_paths_belong_to_the_console(
    console_client: httpx.AsyncClient,
) -> None:
    docs = await console_client.get("/docs")
    assert docs.status_code == 200
    assert "Aura console" in docs.text
    spec = await console_client.get("/openapi.json")
    assert spec.status_code == 200
    assert spec.json() == {"console": True}
    for path in ("/redoc", "/docs/oauth2-redirect"):
        assert "Aura console" in (await console_client.get(path)).text


async def test_the_gateway_publishes_no_docs_of_its_own(client: httpx.AsyncClient) -> None:
    for path in ("/docs", "/openapi.json"):
        response = await client.get(path)
        assert response.status_code == 404
        assert response.json()["errorCode"] == "E1004"
