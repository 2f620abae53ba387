"""Fixtures shared by every test tier: real Redis, a real database, test identities."""

from collections.abc import AsyncIterator, Iterator

import pytest
from redis.asyncio import Redis

from aura.kit.redis import redis_client
from tests.support.backends import database_for_tests, redis_for_tests
from tests.support.identity import TEST_JWT_SECRET


@pytest.fixture(scope="session")
def jwt_secret() -> str:
    return TEST_JWT_SECRET


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with redis_for_tests() as url:
        yield url


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[Redis]:
    client = redis_client(redis_url)
    try:
        yield client
    finally:
        await client.aclose()


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    with database_for_tests() as url:
        yield url
