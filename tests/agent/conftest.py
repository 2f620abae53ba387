"""Fixtures of the runtime tests (the llm/ and tools/ suites below do not use them)."""

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import httpx
import pytest

from aura.agent.llm.scripted import ScriptedCall, ScriptedModel
from tests.agent.harness import AgentServer, agent_settings, running_agent
from tests.agent.items import Journal, tool_registry

StartAgent = Callable[..., AbstractAsyncContextManager[AgentServer]]


@pytest.fixture
def journal() -> Journal:
    return Journal()


@pytest.fixture
def start_agent(redis_url: str, database_url: str, journal: Journal) -> StartAgent:
    """`async with start_agent([[("tool", {...})], ...], **settings) as server:`"""

    def start(
        turns: list[list[ScriptedCall]],
        *,
        fail_on_turn: int | None = None,
        persist_after_rejection: bool = False,
        **overrides: Any,
    ):
        settings = agent_settings(redis_url, database_url, **overrides)
        model = ScriptedModel(
            turns, fail_on_turn=fail_on_turn, persist_after_rejection=persist_after_rejection
        )
        return running_agent(settings, lambda *_: model, tool_registry(journal))

    return start


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=None)
    async with httpx.AsyncClient(timeout=httpx.Timeout(60.0), limits=limits) as client:
        yield client
