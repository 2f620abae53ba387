"""The real auth app (create_app + lifespan) on the test database, driven over ASGI."""

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from aura.auth_server.app import create_app
from aura.auth_server.settings import Settings
from aura.kit.database import open_engine
from tests.support.apps import asgi_client, started

TOKEN_TTL_SECONDS = 1800


@pytest.fixture(scope="module")
def auth_settings(database_url: str, jwt_secret: str, redis_url: str) -> Settings:
    return Settings(
        jwt_secret=jwt_secret,
        database_url=database_url,
        redis_url=redis_url,
        token_ttl_seconds=TOKEN_TTL_SECONDS,
        # Throttle counters of their own: other test runs may share this Redis.
        login_throttle_namespace=f"aura:test:login:{uuid.uuid4().hex}",
    )


@pytest.fixture(scope="module")
async def auth_app(auth_settings: Settings) -> AsyncIterator[FastAPI]:
    async with started(create_app(auth_settings)) as app:
        yield app


@pytest.fixture(scope="module")
async def client(auth_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(auth_app, "http://auth.test") as http:
        yield http


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    async with open_engine(database_url) as opened:
        yield opened
