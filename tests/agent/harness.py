"""The agent on uvicorn on a loopback port, an SSE reader, and decisions written as the main
service writes them (status change, signal key, PUBLISH)."""

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI
from redis.asyncio import Redis

from aura.agent.app import ModelFactory, create_app
from aura.agent.approvals.hub import SubscriptionHub
from aura.agent.runtime.acting import ToolLookup
from aura.agent.settings import Settings
from aura.contracts.clock import unix_now
from aura.contracts.hitl import (
    SIGNAL_TTL_SECONDS,
    Decision,
    HitlRequest,
    channel_name,
    decision_signal,
    dump_record,
    dump_signal,
    load_request,
    request_key,
    signal_key,
)
from aura.contracts.sse import SseComment, SseMessage, SseParser
from tests.support.identity import TEST_JWT_SECRET
from tests.support.ports import free_port
from tests.support.signing import TEST_APPROVAL_SIGNING_KEY, test_signer


def agent_settings(redis_url: str, database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "jwt_secret": TEST_JWT_SECRET,
        "approval_signing_key": TEST_APPROVAL_SIGNING_KEY,
        "redis_url": redis_url,
        "database_url": database_url,
        "redis_client_name": f"aura-agent-test-{uuid.uuid4().hex[:8]}",
        "hitl_poll_seconds": 0.5,
        "run_sweep_seconds": 0.5,
        "sse_heartbeat_seconds": 15,
        "run_log_poll_seconds": 0.2,
    }
    values.update(overrides)
    return Settings(**values)


@dataclass
class AgentServer:
    url: str
    settings: Settings
    app: FastAPI

    @property
    def hub(self) -> SubscriptionHub:
        hub: SubscriptionHub = self.app.state.resources.hub
        return hub


@asynccontextmanager
async def running_agent(
    settings: Settings, model_factory: ModelFactory, tools: ToolLookup | None
) -> AsyncIterator[AgentServer]:
    """The agent; `tools=None` gives it the tools of its own apps (`aura.agent.tools.apps`)."""
    port = free_port()
    app = create_app(settings, model_factory=model_factory, tools=tools)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                task.result()
                raise RuntimeError("the agent server stopped during start-up")
            await asyncio.sleep(0.02)
        yield AgentServer(url=f"http://127.0.0.1:{port}", settings=settings, app=app)
    finally:
        server.should_exit = True
        await task


@dataclass
class SseEvent:
    id: str | None
    event: str | None
    data: Any
    raw: str

    @property
    def type(self) -> str:
        return str(self.data["type"])

    @property
    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = self.data["data"]
        return data

    @property
    def seq(self) -> int:
        assert self.id is not None
        return int(self.id.rsplit(":", 1)[1])


@dataclass
class SseTranscript:
    events: list[SseEvent] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    done: bool = False
    chunks: list[bytes] = field(default_factory=list)
    parser: SseParser = field(default_factory=SseParser)
    parsed: list[SseMessage | SseComment] = field(default_factory=list)
    """Parsed but not yet taken: a chunk may complete more than `read_stream` was asked for."""
    source: AsyncIterator[bytes] | None = None

    def types(self) -> list[str]:
        return [event.type for event in self.events]

    def of(self, kind: str) -> list[SseEvent]:
        return [event for event in self.events if event.type == kind]


def _event(message: SseMessage) -> SseEvent | None:
    """A parsed message as an event; None for `[DONE]`."""
    if message.done:
        return None
    raw = f"id: {message.id}\nevent: {message.event}\ndata: {message.data}"
    return SseEvent(message.id, message.event, json.loads(message.data), raw)


async def read_stream(
    response: httpx.Response,
    transcript: SseTranscript,
    *,
    until: Callable[[SseEvent], bool] | None = None,
    until_comment: bool = False,
) -> SseTranscript:
    """Read frames into `transcript` until `[DONE]` (or until `until(event)` is true)."""
    if transcript.source is None:
        transcript.source = response.aiter_bytes()
    while True:
        while transcript.parsed:
            item = transcript.parsed.pop(0)
            if isinstance(item, SseComment):
                transcript.comments.append(item.text)
                if until_comment:
                    return transcript
                continue
            event = _event(item)
            if event is None:
                transcript.done = True
                return transcript
            transcript.events.append(event)
            if until is not None and until(event):
                return transcript
        try:
            chunk = await anext(transcript.source)
        except StopAsyncIteration:
            return transcript
        transcript.chunks.append(chunk)
        transcript.parsed.extend(transcript.parser.feed_all(chunk))


async def decide(
    redis: Redis,
    request_id: str,
    status: Decision,
    *,
    reason: str | None = None,
    edited: dict[str, Any] | None = None,
    decided_by: str = "approver1",
    publish: bool = True,
) -> HitlRequest:
    """Decide a request exactly as the main service does: record (signed with the tests' key),
    then signal, then PUBLISH."""
    raw = await redis.get(request_key(request_id))
    assert raw is not None, f"no request record for {request_id}"
    record = load_request(raw)
    now = unix_now()
    updates: dict[str, Any] = {"status": status, "decided_by": decided_by, "decided_at": now}
    if reason is not None:
        updates["reason"] = reason
    if edited is not None:
        updates["edited_params"] = edited
    record = record.model_copy(update=updates)
    signature = test_signer.sign_decision(
        record.to_wire(),
        decision=status,
        decided_by=decided_by,
        decided_at=now,
        arguments=record.params_to_run if status == "approved" else None,
    )
    record = record.model_copy(update={"decision_signature": signature})
    await redis.set(request_key(request_id), dump_record(record), keepttl=True)
    signal = decision_signal(request_id, status, now, reason=reason, params=edited)
    text = dump_signal(signal)
    await redis.set(signal_key(record.session_id), text, ex=SIGNAL_TTL_SECONDS)
    if publish:
        await redis.publish(channel_name(record.session_id), text)
    return record
