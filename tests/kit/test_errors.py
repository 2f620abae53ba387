from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, Field

from aura.kit.errors import NotFoundError
from aura.kit.service import CallerDep, build_app
from tests.support.identity import TEST_JWT_SECRET, auth_headers


class Body(BaseModel):
    name: str = Field(min_length=1)
    count: int


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield


def _app() -> FastAPI:
    app = build_app("test", TEST_JWT_SECRET, _lifespan)

    @app.post("/things")
    async def create(body: Body, caller: CallerDep) -> dict[str, str]:
        return {"owner": caller.user_id}

    @app.get("/missing")
    async def missing() -> None:
        raise NotFoundError("No such thing.")

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals")

    return app


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        yield http


async def test_validation_error_names_field_and_reason(client: httpx.AsyncClient) -> None:
    response = await client.post("/things", json={"name": "", "count": "x"}, headers=auth_headers())
    body = response.json()
    assert response.status_code == 400
    assert body["errorCode"] == "E4000" and body["success"] is False and body["status"] == "ERROR"
    fields = {problem["field"] for problem in body["errors"]}
    assert fields == {"name", "count"}
    assert "name" in body["message"] and "count" in body["message"]
    assert "data" not in body


async def test_missing_field_and_malformed_json(client: httpx.AsyncClient) -> None:
    missing = await client.post("/things", json={"name": "a"}, headers=auth_headers())
    assert missing.status_code == 400 and missing.json()["errorCode"] == "E4001"
    assert "count is required" in missing.json()["message"]
    malformed = await client.post(
        "/things",
        content=b"{not json",
        headers={**auth_headers(), "content-type": "application/json"},
    )
    assert malformed.status_code == 400 and malformed.json()["errorCode"] == "E4002"


async def test_domain_error_and_unknown_route(client: httpx.AsyncClient) -> None:
    missing = await client.get("/missing")
    assert missing.status_code == 404 and missing.json()["errorCode"] == "E1004"
    assert missing.json()["message"] == "No such thing."
    unknown = await client.get("/nowhere")
    assert unknown.status_code == 404 and unknown.json()["errorCode"] == "E1004"
    wrong_method = await client.get("/things")
    assert wrong_method.status_code == 405 and wrong_method.json()["errorCode"] == "E1002"


async def test_unexpected_error_is_generic_and_carries_request_id(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/boom", headers={"X-Request-ID": "rid-123"})
    assert response.status_code == 500
    body = response.json()
    assert body["errorCode"] == "E1000"
    assert "secret internals" not in response.text
    assert "rid-123" in body["message"]
    assert response.headers["x-request-id"] == "rid-123"


async def test_request_id_created_when_absent(client: httpx.AsyncClient) -> None:
    response = await client.get("/missing")
    assert len(response.headers["x-request-id"]) == 32


async def test_a_body_that_is_not_json_names_the_content_type(client: httpx.AsyncClient) -> None:
    for content_type in ("text/plain", None):
        headers = auth_headers()
        if content_type:
            headers["content-type"] = content_type
        response = await client.post("/things", content=b'{"name":"a","count":1}', headers=headers)
        body = response.json()
        assert response.status_code == 400 and body["errorCode"] == "E4002"
        assert body["errors"] == [
            {"field": "Content-Type", "reason": "must be application/json, with a JSON body"}
        ]
