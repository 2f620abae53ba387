"""The mail service under test: the real app and lifespan on the test database."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from aura.mail_service.app import create_app
from aura.mail_service.demo_mail import DemoMailbox
from aura.mail_service.settings import Settings
from tests.mail_service.mailboxes import fresh_mailbox
from tests.support.apps import asgi_client, started


@pytest.fixture
async def mail_app(database_url: str, jwt_secret: str) -> AsyncIterator[FastAPI]:
    settings = Settings(jwt_secret=jwt_secret, database_url=database_url)
    async with started(create_app(settings)) as app:
        yield app


@pytest.fixture
async def client(mail_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(mail_app, "http://mail.test") as http:
        yield http


@pytest.fixture
async def mailbox(mail_app: FastAPI) -> DemoMailbox:
    """A mailbox of its own for each test (random tenant and user), seeded with demo mail."""
    return await fresh_mailbox(mail_app)


@pytest.fixture
async def other_mailbox(mail_app: FastAPI) -> DemoMailbox:
    return await fresh_mailbox(mail_app)
