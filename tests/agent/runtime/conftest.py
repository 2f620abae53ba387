"""The runtime in-process: real Redis, the real approval gate, the real mail service (its app over
an in-process ASGI transport), LangGraph's in-memory checkpointer, and a scripted chat model.

`make_runtime` is the one place that knows how an `AgentRuntime` is put together; every test builds
its runtimes through it. Its tools are the mail tools over that mail service, built as the agent's
lifespan builds them, unless a test gives its own (`tools=`).
"""

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack

import httpx
import pytest
from fastapi import FastAPI
from langgraph.checkpoint.memory import InMemorySaver
from redis.asyncio import Redis

from aura.agent.approvals.gate import ApprovalGate
from aura.agent.approvals.hub import SubscriptionHub
from aura.agent.approvals.records import ApprovalRecords
from aura.agent.llm.base import ChatModel
from aura.agent.llm.language import detect_language
from aura.agent.runtime.acting import ToolLookup
from aura.agent.runtime.runner import AgentRuntime
from aura.agent.tools.apps import mail_tools
from aura.agent.tools.credentials import CallerTokens
from aura.agent.tools.mail_api import MailClient
from aura.agent.tools.registry import ToolRegistry
from aura.kit.redis import redis_client
from aura.mail_service.app import create_app
from aura.mail_service.settings import Settings as MailSettings
from tests.agent.runtime.mailbox import Mailbox, seeded_mailbox
from tests.support.apps import asgi_client, started
from tests.support.identity import TEST_JWT_SECRET
from tests.support.signing import test_signer

# Long enough never to lapse in a test that decides; the expiry test asks for a short one.
APPROVAL_TIMEOUT_SECONDS = 60.0
POLL_SECONDS = 0.1

MakeRuntime = Callable[..., Awaitable[AgentRuntime]]


@pytest.fixture(scope="module")
async def mail_app(database_url: str) -> AsyncIterator[FastAPI]:
    settings = MailSettings(
        jwt_secret=TEST_JWT_SECRET, database_url=database_url, seed_demo_mail=False
    )
    async with started(create_app(settings)) as app:
        yield app


@pytest.fixture
async def mail_http(mail_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(mail_app, "http://mail.test") as http:
        yield http


@pytest.fixture
async def mailbox(mail_app: FastAPI) -> Mailbox:
    return await seeded_mailbox(mail_app)


@pytest.fixture
async def resources() -> AsyncIterator[AsyncExitStack]:
    """Closes what `make_runtime` opened (the gates' pub/sub hubs) when the test ends."""
    async with AsyncExitStack() as stack:
        yield stack


@pytest.fixture
def make_runtime(
    redis: Redis, redis_url: str, mail_http: httpx.AsyncClient, resources: AsyncExitStack
) -> MakeRuntime:
    """`await make_runtime(model, checkpointer=..., approval_timeout=..., tools=..., records=...)`:
    a runtime as one agent process builds it (its own pub/sub hub and gate), on this test's Redis
    and, unless `tools` says otherwise, the mail tools over this test's mail service; `records`
    replaces the gate's approval records (on the same Redis). Two runtimes built on one
    checkpointer are two processes sharing the run store."""

    async def make(
        model: ChatModel,
        *,
        checkpointer: InMemorySaver | None = None,
        approval_timeout: float = APPROVAL_TIMEOUT_SECONDS,
        tools: ToolLookup | None = None,
        records: ApprovalRecords | None = None,
    ) -> AgentRuntime:
        name = f"aura-runtime-test-{uuid.uuid4().hex[:8]}"
        pubsub = redis_client(redis_url, max_connections=1, reconnect=False)
        resources.push_async_callback(pubsub.aclose)
        hub = await resources.enter_async_context(SubscriptionHub(pubsub, f"aura:agent:hub:{name}"))
        gate = ApprovalGate(
            records if records is not None else ApprovalRecords(redis),
            hub,
            signer=test_signer,
            timeout_seconds=approval_timeout,
            poll_seconds=POLL_SECONDS,
        )
        return AgentRuntime(
            model=model,
            tools=tools if tools is not None else ToolRegistry(mail_tools(MailClient(mail_http))),
            gate=gate,
            checkpointer=checkpointer if checkpointer is not None else InMemorySaver(),
            detect_language=detect_language,
            tokens=CallerTokens(TEST_JWT_SECRET),
        )

    return make
