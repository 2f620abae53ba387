"""Login throttles (issue 10, item 5): per login name, per address, shared through Redis, and a
bounded hashing queue that answers 429 rather than letting logins time out."""

import asyncio
import threading
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher

from aura.auth_server.app import create_app
from aura.auth_server.demo_users import DEMO_PASSWORD
from aura.auth_server.passwords import Passwords, PasswordsBusyError
from aura.auth_server.settings import Settings
from aura.auth_server.throttle import client_address
from tests.support.apps import asgi_client, started

pytestmark = pytest.mark.db

RIGHT = {"username": "user123", "password": DEMO_PASSWORD, "tenantId": "tenant1"}
WRONG = {**RIGHT, "password": "wrong"}

Client = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def auth_client(database_url: str, jwt_secret: str, redis_url: str) -> Client:
    """`async with auth_client(**settings) as http`: an auth server with throttles of its own."""
    namespace = f"aura:test:login:{uuid.uuid4().hex}"

    @asynccontextmanager
    async def open_client(**overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        settings = Settings(
            jwt_secret=jwt_secret,
            database_url=database_url,
            redis_url=redis_url,
            login_throttle_namespace=namespace,
            **overrides,
        )
        async with started(create_app(settings)) as app, asgi_client(app, "http://auth") as http:
            yield http

    return open_client


async def login(http: httpx.AsyncClient, body: dict[str, str], address: str = "") -> httpx.Response:
    headers = {"X-Forwarded-For": address} if address else {}
    return await http.post("/auth/login", json=body, headers=headers)


def assert_throttled(response: httpx.Response, what: str) -> int:
    body = response.json()
    assert response.status_code == 429, body
    assert body["errorCode"] == "E1005" and body["success"] is False
    assert f"Too many failed logins {what}" in body["message"]
    retry_after = int(response.headers["retry-after"])
    assert 1 <= retry_after <= 900
    return retry_after


async def test_after_five_failures_even_the_right_password_waits(auth_client: Client) -> None:
    async with auth_client() as http:
        for _ in range(5):
            assert (await login(http, WRONG)).status_code == 401
        assert_throttled(await login(http, RIGHT), "for this account")
        # The name is throttled whatever tenant or address it is tried from.
        other = {**RIGHT, "tenantId": "tenant2"}
        assert_throttled(await login(http, other, "198.51.100.9"), "for this account")


async def test_a_success_clears_the_names_failures(auth_client: Client) -> None:
    async with auth_client() as http:
        for _ in range(2):
            for _ in range(4):
                assert (await login(http, WRONG)).status_code == 401
            assert (await login(http, RIGHT)).status_code == 200


async def test_an_address_is_throttled_across_names(auth_client: Client) -> None:
    async with auth_client(login_address_failures=3) as http:
        for index in range(3):
            body = {**WRONG, "username": f"nobody-{index}"}
            assert (await login(http, body, "203.0.113.7")).status_code == 401
        assert_throttled(await login(http, RIGHT, "203.0.113.7"), "from this address")
        assert (await login(http, RIGHT, "203.0.113.8")).status_code == 200


async def test_replicas_share_the_counters(auth_client: Client) -> None:
    async with auth_client() as first, auth_client() as second:
        for http in (first, second, first, second, first):
            assert (await login(http, WRONG)).status_code == 401
        assert_throttled(await login(second, RIGHT), "for this account")


def test_forwarded_for_is_believed_only_from_a_trusted_proxy() -> None:
    trusted = frozenset({"127.0.0.1"})
    assert client_address("127.0.0.1", "10.0.0.1, 192.0.2.4", trusted) == "192.0.2.4"
    assert client_address("192.0.2.50", "192.0.2.4", trusted) == "192.0.2.50"
    assert client_address("127.0.0.1", "not-an-address", trusted) == "127.0.0.1"
    assert client_address(None, None, trusted) == "unknown"


class GatedHasher(PasswordHasher):
    """A real argon2 hasher whose verifications wait for the test to open a gate."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.gate = threading.Event()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.gate.wait(timeout=30)
        return super().verify(hash, password)


async def test_a_full_hashing_queue_answers_busy_with_retry_after() -> None:
    hasher = GatedHasher()
    passwords = await Passwords.create(hasher, max_concurrent=1, max_waiting=1)
    stored = await asyncio.to_thread(hasher.hash, "secret")
    running = asyncio.create_task(passwords.verify(stored, "secret"))
    queued = asyncio.create_task(passwords.verify(stored, "wrong"))
    while passwords.admitted < 2:
        await asyncio.sleep(0.01)
    with pytest.raises(PasswordsBusyError) as busy:
        await passwords.verify(stored, "secret")
    assert busy.value.retry_after >= 1
    assert busy.value.headers == {"Retry-After": str(busy.value.retry_after)}
    hasher.gate.set()
    assert await running is True and await queued is False
    assert passwords.admitted == 0
    assert await passwords.verify(stored, "secret") is True
