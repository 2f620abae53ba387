"""The agent on uvicorn on a loopback port, an SSE reader, and decisions written as the main
service writes them (status change, signal key, PUBLISH)."""

import asyncio
import json
import time
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
from aura.contracts.hitl import HitlRequest, channel_name, request_key, signal_key
from tests.support.identity import TEST_JWT_SECRET
from tests.support.ports import free_port


def agent_settings(redis_url: str, database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "jwt_secret": TEST_JWT_SECRET,
        "redis_url": redis_url,
        "database_url": database_url,
        "redis_client_name": f"aura-agent-test-{uuid.uuid4().hex[:8]}",
        "hitl_poll_seconds": 0.5,
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
    settings: Settings, model_factory: ModelFactory, tools: ToolLookup
) -> AsyncIterator[AgentServer]:
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
    buffer: str = ""
    source: AsyncIterator[bytes] | None = None

    def types(self) -> list[str]:
        return [event.type for event in self.events]

    def of(self, kind: str) -> list[SseEvent]:
        return [event for event in self.events if event.type == kind]


def parse_frame(block: str) -> SseEvent | str | None:
    """One SSE block → an event, a comment string, or None for `[DONE]`."""
    fields: dict[str, str] = {}
    comment = None
    for line in block.split("\n"):
        if line.startswith(":"):
            comment = line[1:].strip()
            continue
        name, _, value = line.partition(": ")
        fields[name] = value
    if "data" not in fields:
        return comment or ""
    if fields["data"] == "[DONE]":
        return None
    return SseEvent(fields.get("id"), fields.get("event"), json.loads(fields["data"]), block)


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
        while "\n\n" in transcript.buffer:
            block, transcript.buffer = transcript.buffer.split("\n\n", 1)
            parsed = parse_frame(block)
            if parsed is None:
                transcript.done = True
                return transcript
            if isinstance(parsed, str):
                transcript.comments.append(parsed)
                if until_comment:
                    return transcript
                continue
            transcript.events.append(parsed)
            if until is not None and until(parsed):
                return transcript
        try:
            chunk = await anext(transcript.source)
        except StopAsyncIteration:
            return transcript
        transcript.chunks.append(chunk)
        transcript.buffer += chunk.decode("utf-8")


async def decide(
    redis: Redis,
    request_id: str,
    status: str,
    *,
    reason: str | None = None,
    edited: dict[str, Any] | None = None,
    decided_by: str = "approver1",
    publish: bool = True,
) -> HitlRequest:
    """Decide a request exactly as the main service does: record, then signal, then PUBLISH."""
    raw = await redis.get(request_key(request_id))
    assert raw is not None, f"no request record for {request_id}"
    record = HitlRequest.model_validate_json(raw)
    now = int(time.time())
    updates: dict[str, Any] = {"status": status, "decided_by": decided_by, "decided_at": now}
    if reason is not None:
        updates["reason"] = reason
    if edited is not None:
        updates["edited_params"] = edited
    record = record.model_copy(update=updates)
    await redis.set(
        request_key(request_id), json.dumps(record.to_wire(), ensure_ascii=False), keepttl=True
    )
    signal: dict[str, Any] = {
        "type": "approval" if status == "approved" else "rejection",
        "requestId": request_id,
        "status": status,
        "timestamp": now,
    }
    if reason is not None:
        signal["reason"] = reason
    if edited is not None:
        signal["params"] = edited
    text = json.dumps(signal, ensure_ascii=False)
    await redis.set(signal_key(record.session_id), text, ex=300)
    if publish:
        await redis.publish(channel_name(record.session_id), text)
    return record
