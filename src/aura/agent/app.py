"""Aura-Platform's app factory: the lifespan opens Redis, the pub/sub hub, the checkpointer and the
apps the tools act on (their clients, `tools/apps.py`), and owns the run supervisor whose tasks
outlive any one HTTP connection."""

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from redis.asyncio import Redis

from aura.agent.approvals.gate import ApprovalGate
from aura.agent.approvals.hub import SubscriptionHub
from aura.agent.approvals.records import ApprovalRecords
from aura.agent.checkpoints import checkpoint_store_id, open_checkpointer
from aura.agent.event_log import RunLog
from aura.agent.llm.base import ChatModel
from aura.agent.llm.language import detect_language
from aura.agent.llm.providers import create_model
from aura.agent.metrics import AgentMetrics
from aura.agent.resources import AgentResources
from aura.agent.routes import router
from aura.agent.runs.records import RunStore
from aura.agent.runs.supervisor import RunSupervisor
from aura.agent.runs.threads import ThreadStore
from aura.agent.runtime.acting import ToolLookup
from aura.agent.runtime.runner import AgentRuntime
from aura.agent.service import AgentService
from aura.agent.settings import Settings
from aura.agent.tools.apps import open_apps
from aura.agent.tools.credentials import CallerTokens
from aura.agent.tools.registry import ToolRegistry
from aura.contracts.runs import hub_control_channel
from aura.kit.approval_signatures import ApprovalSigner
from aura.kit.metrics import registry_of
from aura.kit.redis import open_redis
from aura.kit.service import build_app
from aura.kit.settings import ConfigurationError
from aura.kit.stream_handoff import HandoffFastAPI

# Commands of the hub's own connection never go through the shared pool.
_PUBSUB_POOL_SIZE = 1

ModelFactory = Callable[[Settings, ToolLookup, httpx.AsyncClient], ChatModel]


def default_model(settings: Settings, tools: ToolLookup, http: httpx.AsyncClient) -> ChatModel:
    """The provider `LLM_PROVIDER` names, over the apps' tools."""
    if not isinstance(tools, ToolRegistry):
        raise ConfigurationError("the configured chat model needs the agent's ToolRegistry")
    return create_model(
        settings.llm_provider,
        tools=tools,
        openai_base_url=settings.openai_base_url,
        openai_api_key=settings.openai_api_key,
        openai_model=settings.openai_model,
        http=http,
    )


def _name_connections(redis: Redis, name: str) -> None:
    """Every connection of this pool introduces itself (`CLIENT SETNAME`), so `CLIENT LIST` shows
    how many connections this process holds."""
    redis.connection_pool.connection_kwargs["client_name"] = name


def create_app(
    settings: Settings,
    *,
    model_factory: ModelFactory = default_model,
    tools: ToolLookup | None = None,
) -> FastAPI:
    """The agent service. `tools` replaces the apps' tools (`tools/apps.py`) with ready-built
    ones, for tests whose tools need no app."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        name = settings.redis_client_name
        async with (
            open_apps(settings) as apps,
            open_redis(settings.redis_url, settings.redis_max_connections) as redis,
            # The hub notices a dropped connection itself and wakes its waiters to re-read.
            open_redis(settings.redis_url, _PUBSUB_POOL_SIZE, reconnect=False) as pubsub_redis,
            open_checkpointer(settings.database_url, settings.checkpoint_pool_size) as checkpointer,
            httpx.AsyncClient(timeout=httpx.Timeout(60.0, connect=10.0)) as model_http,
        ):
            registry = tools if tools is not None else apps
            _name_connections(redis, name)
            _name_connections(pubsub_redis, f"{name}-pubsub")
            control = hub_control_channel(name, os.getpid())
            async with SubscriptionHub(pubsub_redis, control, metrics=metrics) as hub:
                gate = ApprovalGate(
                    ApprovalRecords(redis),
                    hub,
                    signer=ApprovalSigner(settings.approval_signing_key),
                    timeout_seconds=settings.hitl_timeout_seconds,
                    poll_seconds=settings.hitl_poll_seconds,
                    outage_seconds=settings.store_outage_seconds,
                    metrics=metrics,
                )
                runtime = AgentRuntime(
                    model=model_factory(settings, registry, model_http),
                    tools=registry,
                    gate=gate,
                    checkpointer=checkpointer,
                    detect_language=detect_language,
                    max_turns=settings.max_model_turns,
                    tokens=CallerTokens(settings.jwt_secret),
                )
                log = RunLog(
                    redis,
                    retention_seconds=settings.run_log_retention_seconds,
                    max_events=settings.run_log_max_events,
                    poll_seconds=settings.run_log_poll_seconds,
                    heartbeat_seconds=settings.sse_heartbeat_seconds,
                )
                store = RunStore(redis, settings.run_log_retention_seconds)
                threads = ThreadStore(redis, settings.run_log_retention_seconds)
                async with RunSupervisor(
                    runtime,
                    log,
                    store,
                    threads,
                    max_runs=settings.max_concurrent_runs,
                    sweep_seconds=settings.run_sweep_seconds,
                    lease_seconds=settings.run_owner_lease_seconds,
                    checkpoints=checkpoint_store_id(settings.database_url),
                    metrics=metrics,
                ) as supervisor:
                    app.state.resources = AgentResources(
                        settings=settings,
                        service=AgentService(supervisor, store, threads, log),
                        supervisor=supervisor,
                        log=log,
                        hub=hub,
                    )
                    yield

    app = build_app("Aura-Platform", settings.jwt_secret, lifespan, app_class=HandoffFastAPI)
    metrics = AgentMetrics(registry_of(app))
    app.include_router(router)
    return app
