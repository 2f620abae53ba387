"""`aura chat` re-attaches when the connection drops in the middle of a run
(docs/contract.md#runs-re-attach-and-cancel).

The running system cannot be told to cut one connection mid-stream, so a scripted gateway on
loopback does it: the POST stream stops after three events without `[DONE]`, and the re-attach
endpoint answers from the event after the `Last-Event-ID` it receives.
"""

import io
import json
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import uvicorn
from rich.console import Console
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from aura.cli.chat import RunView, stream_run
from aura.cli.client import GatewayClient
from aura.cli.logins import Login
from tests.support.identity import token_for
from tests.support.ports import free_port

RUN = "run_0123456789abcdefabcdef01"
EVENTS: list[tuple[str, dict[str, Any]]] = [
    ("start", {"runId": RUN, "sessionId": "sess_1", "threadId": "thread_1", "model": "offline"}),
    ("plan_step", {"id": "s1", "title": "메일 찾기", "description": "", "order": 0}),
    ("plan_step_update", {"id": "s1", "status": "executing"}),
    ("plan_step_update", {"id": "s1", "status": "completed"}),
    ("content", {"content": "다시 연결되어 ", "chunk": True}),
    ("content", {"content": "끝까지 받았습니다.", "chunk": True}),
    ("end", {"status": "completed"}),
]
CUT_AFTER = 3


def frame(seq: int) -> bytes:
    kind, data = EVENTS[seq - 1]
    body = json.dumps({"type": kind, "data": data, "timestamp": 1706152860}, ensure_ascii=False)
    return f"id: {RUN}:{seq}\nevent: {kind}\ndata: {body}\n\n".encode()


class ScriptedGateway:
    def __init__(self) -> None:
        self.cursors: list[str | None] = []
        routes = [
            Route("/api/aura/test/stream", self.start, methods=["POST"]),
            Route("/api/aura/runs/{run_id}/stream", self.attach, methods=["GET"]),
        ]
        self.app = Starlette(routes=routes)

    async def start(self, request: Request) -> StreamingResponse:
        async def cut_short() -> AsyncIterator[bytes]:
            for seq in range(1, CUT_AFTER + 1):
                yield frame(seq)
            raise ConnectionResetError("the connection drops here")

        headers = {"X-Aura-Run-ID": RUN, "X-Aura-Session-ID": "sess_1"}
        return StreamingResponse(cut_short(), media_type="text/event-stream", headers=headers)

    async def attach(self, request: Request) -> StreamingResponse:
        cursor = request.headers.get("last-event-id")
        self.cursors.append(cursor)
        after = int(cursor.rsplit(":", 1)[1]) if cursor else 0

        async def rest() -> AsyncIterator[bytes]:
            yield b": keep-alive\n\n"
            for seq in range(after + 1, len(EVENTS) + 1):
                yield frame(seq)
            yield b"data: [DONE]\n\n"

        return StreamingResponse(rest(), media_type="text/event-stream")


@pytest.fixture
def gateway() -> Iterator[tuple[str, ScriptedGateway]]:
    scripted = ScriptedGateway()
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(scripted.app, host="127.0.0.1", port=port, log_level="critical")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}", scripted
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.parametrize("as_json", [False, True], ids=["rendered", "json"])
def test_a_dropped_stream_is_reattached_after_the_last_event_seen(
    gateway: tuple[str, ScriptedGateway], as_json: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    url, scripted = gateway
    console = Console(file=io.StringIO(), record=True, width=100, color_system=None)
    view = RunView()
    with GatewayClient(url, Login.from_token(token_for("alice", "acme"))) as client:
        status = stream_run(console, client, "메일 찾아줘", view, as_json)
    assert status == "completed"
    # Exactly one re-attach, from the third event: nothing replayed twice, nothing lost.
    assert scripted.cursors == [f"{RUN}:{CUT_AFTER}"]
    assert view.answer == "다시 연결되어 끝까지 받았습니다."
    assert view.plan["s1"]["status"] == "completed"
    assert "re-attaching" in console.export_text()
    if as_json:
        lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert [line["type"] for line in lines] == [kind for kind, _ in EVENTS]
