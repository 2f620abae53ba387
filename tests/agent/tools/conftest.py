"""The tools under test call the real mail service app (its lifespan, its database)."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from aura.agent.tools.apps import mail_tools
from aura.agent.tools.base import ToolContext
from aura.agent.tools.mail_api import MailClient
from aura.agent.tools.registry import ToolRegistry
from aura.contracts.identity import Caller
from aura.mail_service.app import create_app
from aura.mail_service.demo_mail import DemoMailbox
from aura.mail_service.settings import Settings
from tests.mail_service.mailboxes import fresh_mailbox
from tests.support.apps import asgi_client, started
from tests.support.identity import token_for


@pytest.fixture
async def mail_app(database_url: str, jwt_secret: str) -> AsyncIterator[FastAPI]:
    async with started(
        create_app(Settings(jwt_secret=jwt_secret, database_url=database_url))
    ) as app:
        yield app


@pytest.fixture
async def mail_http(mail_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(mail_app, "http://mail.test") as http:
        yield http


@pytest.fixture
async def mailbox(mail_app: FastAPI) -> DemoMailbox:
    return await fresh_mailbox(mail_app)


def context_for(mailbox: DemoMailbox, **page: object) -> ToolContext:
    caller = Caller(
        user_id=mailbox.user_id,
        tenant_id=mailbox.tenant_id,
        token=token_for(mailbox.user_id, mailbox.tenant_id),
    )
    return ToolContext(caller=caller, request_id="req-tools-test", page=dict(page))


@pytest.fixture
def ctx(mailbox: DemoMailbox) -> ToolContext:
    return context_for(mailbox)


@pytest.fixture
def tools(mail_http: httpx.AsyncClient) -> ToolRegistry:
    """The mail tools as the agent's lifespan builds them, over the mail service's app."""
    return ToolRegistry(mail_tools(MailClient(mail_http)))
