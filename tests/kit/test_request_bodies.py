"""The JSON body guard every service has at its edge: nesting, lone surrogates, size."""

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel

from aura.kit.request_bodies import MAX_JSON_BODY_BYTES, body_problem
from aura.kit.service import build_app
from aura.kit.text import MAX_JSON_DEPTH, text_problem
from tests.support.apps import asgi_client, started
from tests.support.identity import TEST_JWT_SECRET


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@asynccontextmanager
async def _no_lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield


class Echo(BaseModel):
    value: object = None


@pytest.fixture
async def echo() -> AsyncIterator[httpx.AsyncClient]:
    app: FastAPI = build_app("echo", TEST_JWT_SECRET, _no_lifespan)

    @app.post("/echo")
    async def post_echo(body: Echo) -> dict[str, object]:
        return {"value": json.dumps(body.value)}

    async with started(app), asgi_client(app, "http://echo") as http:
        yield http


def test_a_document_at_the_depth_limit_passes_and_one_deeper_does_not() -> None:
    assert text_problem(json.loads(nested(MAX_JSON_DEPTH))) is None
    assert text_problem({"a": json.loads(nested(MAX_JSON_DEPTH))}) == (
        "a",
        f"nests deeper than {MAX_JSON_DEPTH} levels",
    )


def test_lone_surrogates_are_named_by_their_path() -> None:
    assert text_problem({"ids": ["ok", "\ud800"]}) == (
        "ids.1",
        "is not valid Unicode text (it holds a lone surrogate)",
    )
    assert text_problem({"context": {"\udfff": 1}})[0] == "context"  # type: ignore[index]
    # A surrogate pair escaped in JSON is one character once parsed: valid.
    assert text_problem(json.loads('{"emoji": "\\ud83d\\ude00 😀"}')) is None


def test_python_json_recursion_is_a_400_not_a_crash() -> None:
    refused = body_problem(b'{"username": ' + nested(100_000).encode() + b"}")
    assert refused is not None and refused[2].field == "body"


def test_raw_surrogate_bytes_are_refused_like_the_escape() -> None:
    for body in (b'{"ids": ["\xed\xa0\x80"]}', b'{"ids": ["\\ud800"]}'):
        refused = body_problem(body)
        assert refused is not None and refused[2].field == "ids.0"


def test_invalid_json_is_left_to_the_route() -> None:
    assert body_problem(b"{not json") is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"value": ' + nested(500).encode() + b"}", "value"),
        (b'{"value": ' + nested(100_000).encode() + b"}", "body"),
        (b'{"value": "\\udc00x"}', "value"),
        (b'{"value": ["\xed\xa0\x80"]}', "value.0"),
    ],
)
async def test_the_app_answers_400_in_the_envelope(
    echo: httpx.AsyncClient, body: bytes, field: str
) -> None:
    response = await echo.post("/echo", content=body, headers={"Content-Type": "application/json"})
    payload = response.json()
    assert response.status_code == 400, payload
    assert payload["errorCode"] == "E4000" and payload["success"] is False
    assert payload["errors"][0]["field"] == field
    assert response.headers["x-request-id"]


async def test_an_acceptable_body_reaches_the_route_unchanged(echo: httpx.AsyncClient) -> None:
    value = {"a": ["é", "😀", nested(3)], "b": None}
    response = await echo.post("/echo", json={"value": value})
    assert response.status_code == 200 and json.loads(response.json()["value"]) == value


async def test_an_oversized_body_is_413(echo: httpx.AsyncClient) -> None:
    body = b'{"value": "' + b"x" * MAX_JSON_BODY_BYTES + b'"}'
    response = await echo.post("/echo", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and response.json()["errorCode"] == "E4003"
