"""The main service across a Redis restart: the first call afterwards works (the pooled
connections were dead), and a decision sent while Redis is down is a clear 503 that succeeds when
sent again once Redis is back, with nothing lost (the record is in Redis' append-only file)."""

import json
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from redis.asyncio import Redis

from aura.contracts.hitl import request_key
from aura.main_service.app import create_app
from aura.main_service.settings import Settings
from tests.support.apps import asgi_client, started
from tests.support.hitl import Pending, write_pending
from tests.support.identity import TEST_JWT_SECRET, auth_headers
from tests.support.restartable_redis import RestartableRedis, restartable_redis
from tests.support.signing import TEST_APPROVAL_SIGNING_KEY

DECIDER = auth_headers(**{"X-User-ID": "user123"})


@pytest.fixture
def server() -> Iterator[RestartableRedis]:
    with restartable_redis() as server:
        yield server


@pytest.fixture
async def client(server: RestartableRedis, database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        jwt_secret=TEST_JWT_SECRET,
        approval_signing_key=TEST_APPROVAL_SIGNING_KEY,
        redis_url=server.url,
        database_url=database_url,
    )
    async with started(create_app(settings)) as app, asgi_client(app, "http://main") as http:
        yield http


async def pending_in(server: RestartableRedis) -> Pending:
    redis = Redis.from_url(server.url, decode_responses=True)
    try:
        return await write_pending(redis)
    finally:
        await redis.aclose()


async def status_in(server: RestartableRedis, pending: Pending) -> str:
    redis = Redis.from_url(server.url, decode_responses=True)
    try:
        return str(json.loads(await redis.get(request_key(pending.request_id)))["status"])
    finally:
        await redis.aclose()


async def test_the_first_call_after_a_redis_restart_is_answered(
    server: RestartableRedis, client: httpx.AsyncClient
) -> None:
    pending = await pending_in(server)
    before = await client.get(f"/aura/hitl/requests/{pending.request_id}", headers=DECIDER)
    assert before.status_code == 200  # the pool now holds a connection to the old process
    server.stop()
    server.start()
    after = await client.get(f"/aura/hitl/requests/{pending.request_id}", headers=DECIDER)
    assert after.status_code == 200, after.text


async def test_a_decision_while_redis_is_down_is_a_503_then_succeeds(
    server: RestartableRedis, client: httpx.AsyncClient
) -> None:
    pending = await pending_in(server)
    server.stop()
    refused = await client.post(
        f"/aura/hitl/approve/{pending.request_id}", json={"userId": "user123"}, headers=DECIDER
    )
    assert refused.status_code == 503, refused.text
    body = refused.json()
    assert body["errorCode"] == "E5002" and body["success"] is False
    assert "Traceback" not in refused.text and refused.headers["Retry-After"].isdigit()
    server.start()
    assert await status_in(server, pending) == "pending"  # nothing was decided
    approved = await client.post(
        f"/aura/hitl/approve/{pending.request_id}", json={"userId": "user123"}, headers=DECIDER
    )
    assert approved.status_code == 200, approved.text
    assert await status_in(server, pending) == "approved"
