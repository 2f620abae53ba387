"""A gateway served by uvicorn in front of four real test upstreams, all on loopback."""

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from aura.gateway.app import create_app
from aura.gateway.routing import Upstream
from aura.gateway.settings import Settings
from tests.gateway.servers import serving
from tests.gateway.upstream import TestUpstream
from tests.support.identity import TEST_JWT_SECRET
from tests.support.ports import free_port


@dataclass
class Stack:
    gateway: str
    upstreams: dict[Upstream, TestUpstream]
    urls: dict[Upstream, str]


def gateway_settings(urls: dict[Upstream, str], **overrides: Any) -> Settings:
    return Settings(
        jwt_secret=TEST_JWT_SECRET,
        auth_url=urls[Upstream.AUTH],
        main_url=urls[Upstream.MAIN],
        mail_url=urls[Upstream.MAIL],
        agent_url=urls[Upstream.AGENT],
        console_dir=Path("/nonexistent/aura-console"),
        **overrides,
    )


@pytest.fixture(scope="module")
async def stack() -> AsyncIterator[Stack]:
    async with AsyncExitStack() as exits:
        upstreams = {role: TestUpstream(role.value) for role in Upstream}
        urls = {
            role: await exits.enter_async_context(serving(app)) for role, app in upstreams.items()
        }
        gateway = await exits.enter_async_context(serving(create_app(gateway_settings(urls))))
        yield Stack(gateway, upstreams, urls)


@pytest.fixture
async def client(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.gateway, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
async def dead_gateway() -> AsyncIterator[str]:
    """A gateway whose upstreams listen nowhere."""
    urls = {role: f"http://127.0.0.1:{free_port()}" for role in Upstream}
    async with serving(create_app(gateway_settings(urls))) as url:
        yield url
