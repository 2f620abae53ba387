"""The main service on real Redis and a real database, driven in-process through ASGI."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from aura.kit.database import open_engine
from aura.main_service.app import create_app
from aura.main_service.repository import AuditRepository
from aura.main_service.settings import Settings
from tests.support.apps import asgi_client, started
from tests.support.signing import TEST_APPROVAL_SIGNING_KEY


@pytest.fixture(scope="session")
def main_settings(jwt_secret: str, redis_url: str, database_url: str) -> Settings:
    return Settings(
        jwt_secret=jwt_secret,
        approval_signing_key=TEST_APPROVAL_SIGNING_KEY,
        redis_url=redis_url,
        database_url=database_url,
    )


@pytest.fixture(scope="session")
async def main_app(main_settings: Settings) -> AsyncIterator[FastAPI]:
    async with started(create_app(main_settings)) as app:
        yield app


@pytest.fixture(scope="session")
async def client(main_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(main_app, "http://main") as http:
        yield http


@pytest.fixture(scope="session")
async def audit_engine(main_app: FastAPI, database_url: str) -> AsyncIterator[AsyncEngine]:
    """A connection of the test's own to the service's database (migrated by the app)."""
    async with open_engine(database_url) as engine:
        yield engine


@pytest.fixture(scope="session")
def audit(audit_engine: AsyncEngine) -> AuditRepository:
    return AuditRepository(audit_engine)
