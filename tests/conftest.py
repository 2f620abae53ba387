"""Fixtures shared by every test tier: real Redis, a real database, test identities."""

from collections.abc import AsyncIterator, Iterator

import pytest
from redis.asyncio import Redis

from aura.kit.redis import open_redis
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
    async with open_redis(redis_url) as client:
        yield client


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    with database_for_tests() as url:
        yield url
