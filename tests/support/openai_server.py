"""A local server speaking the OpenAI chat-completions streaming protocol, scripted per test.

Each POST to `/v1/chat/completions` takes the next scripted reply: a stream of
`chat.completion.chunk` objects sent as SSE `data:` lines (content deltas and/or tool-call
fragments, then `data: [DONE]`), or an HTTP error. Every request body is kept so a test can
check what the client sent (messages, tools, model).
"""

import asyncio
import json
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.support.ports import free_port


@dataclass
class ErrorReply:
    status: int
    body: dict[str, Any]


@dataclass
class StreamReply:
    chunks: list[dict[str, Any]]
    done: bool = True
    raw_lines: list[str] = field(default_factory=list)
    """Lines sent as they are before the chunks (e.g. a malformed `data:` line)."""
    pause: float = 0.0
    """Seconds between chunks: a model that writes slowly."""
    gate: asyncio.Event | None = None
    gate_after: int = 0
    """With a gate: send this many chunks, then wait until the test opens the gate."""
    sent_at: list[float] = field(default_factory=list)
    """`time.perf_counter()` as each chunk went out (the benchmark's clock for the model)."""


Reply = ErrorReply | StreamReply


def _chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": "scripted",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def text_reply(*pieces: str) -> StreamReply:
    chunks = [_chunk({"role": "assistant", "content": ""})]
    chunks += [_chunk({"content": piece}) for piece in pieces]
    chunks.append(_chunk({}, finish="stop"))
    return StreamReply(chunks)


def tool_call_reply(*calls: tuple[str, str, list[str]]) -> StreamReply:
    """Each call is (id, name, argument fragments); the fragments are sent one chunk each."""
    chunks = [_chunk({"role": "assistant", "content": None})]
    for index, (call_id, name, fragments) in enumerate(calls):
        head = {"index": index, "id": call_id, "type": "function",
                "function": {"name": name, "arguments": ""}}  # fmt: skip
        chunks.append(_chunk({"tool_calls": [head]}))
        for fragment in fragments:
            piece = {"index": index, "function": {"arguments": fragment}}
            chunks.append(_chunk({"tool_calls": [piece]}))
    chunks.append(_chunk({}, finish="tool_calls"))
    return StreamReply(chunks)


def tool_call_with_text_reply(text: str, *calls: tuple[str, str, list[str]]) -> StreamReply:
    """Tool calls whose first delta also carries a sentence (it becomes the turn's thought)."""
    chunks = tool_call_reply(*calls).chunks
    first_call = chunks[1]["choices"][0]["delta"]
    first_call["content"] = text
    return StreamReply(chunks)


def text_then_tool_call_reply(text: list[str], *calls: tuple[str, str, list[str]]) -> StreamReply:
    """Text deltas first, then tool calls in the same reply (as GPT-4o-style models do)."""
    chunks = [_chunk({"role": "assistant", "content": ""})]
    chunks += [_chunk({"content": piece}) for piece in text]
    chunks += tool_call_reply(*calls).chunks[1:]
    return StreamReply(chunks)


@dataclass
class ScriptedOpenAI:
    replies: deque[Reply] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    base_url: str = ""

    def script(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    async def _completions(self, request: Request) -> Response:
        self.requests.append(await request.json())
        self.headers.append(dict(request.headers))
        if not self.replies:
            return JSONResponse({"error": {"message": "no scripted reply left"}}, 500)
        reply = self.replies.popleft()
        if isinstance(reply, ErrorReply):
            return JSONResponse(reply.body, reply.status)

        async def events() -> AsyncIterator[bytes]:
            for line in reply.raw_lines:
                yield f"{line}\n\n".encode()
            for sent, chunk in enumerate(reply.chunks):
                if reply.gate is not None and sent == reply.gate_after:
                    await reply.gate.wait()
                reply.sent_at.append(time.perf_counter())
                yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode()
                await asyncio.sleep(reply.pause)
            if reply.done:
                yield b"data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    def app(self) -> Starlette:
        return Starlette(
            routes=[Route("/v1/chat/completions", self._completions, methods=["POST"])]
        )


@asynccontextmanager
async def scripted_openai() -> AsyncIterator[ScriptedOpenAI]:
    """The scripted server on a free loopback port, for the duration of the block."""
    scripted = ScriptedOpenAI()
    port = free_port()
    config = uvicorn.Config(scripted.app(), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    scripted.base_url = f"http://127.0.0.1:{port}/v1"
    try:
        yield scripted
    finally:
        server.should_exit = True
        await task
