"""A real upstream for gateway tests: raw ASGI, so that every write is its own chunk on the wire.

One app per upstream role; every answer names the role, so a test sees where a request landed.
The app also records what it observed (client disconnects), which tests await, and holds a
gated stream's next event until the test releases it.
"""

import asyncio
import json
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from starlette.types import Receive, Scope, Send

KOREAN = "안녕하세요, 한국어 스트림입니다"


@dataclass
class Observations:
    disconnected: dict[str, asyncio.Event] = field(default_factory=dict)
    released: dict[str, asyncio.Event] = field(default_factory=dict)

    def disconnect_of(self, key: str) -> asyncio.Event:
        return self.disconnected.setdefault(key, asyncio.Event())

    def release_of(self, key: str, seq: int) -> asyncio.Event:
        """Set by a test to let a gated stream write its event number `seq`."""
        return self.released.setdefault(f"{key}:{seq}", asyncio.Event())


# What Aura sends on a stream (docs/stream.md#framing), Connection included: the gateway drops
# that one.
SSE_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
    (b"connection", b"keep-alive"),
    (b"x-accel-buffering", b"no"),
    (b"x-aura-run-id", b"run-test"),
    (b"x-aura-session-id", b"session-test"),
]


class TestUpstream:
    __test__ = False  # not a pytest test class

    def __init__(self, name: str) -> None:
        self.name = name
        self.observations = Observations()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        path: str = scope["path"]
        query = {k: v[0] for k, v in parse_qs(scope["query_string"].decode()).items()}
        if path.endswith("/ticks"):
            await self._ticks(send, int(query.get("count", "3")), float(query.get("every", "1")))
        elif path.endswith("/gated"):
            await self._gated(send, int(query.get("count", "3")), query["key"])
        elif path.endswith("/korean"):
            await self._korean(send)
        elif path.endswith("/heartbeats"):
            await self._heartbeats(send, float(query["seconds"]), float(query["every"]))
        elif path.endswith("/endless"):
            await self._endless(receive, send, query["key"])
        elif path.endswith("/slow"):
            await asyncio.sleep(float(query.get("seconds", "5")))
            await self._json(send, 200, {"service": self.name, "slow": True})
        else:
            await self._echo(scope, receive, send)

    async def _echo(self, scope: Scope, receive: Receive, send: Send) -> None:
        size = 0
        while True:
            message = await receive()
            size += len(message.get("body", b""))
            if not message.get("more_body"):
                break
        headers: dict[str, list[str]] = {}
        for name, value in scope["headers"]:
            headers.setdefault(name.decode("latin-1"), []).append(value.decode("latin-1"))
        await self._json(
            send,
            200,
            {
                "service": self.name,
                "method": scope["method"],
                "path": scope["path"],
                "rawPath": scope["raw_path"].decode("latin-1"),
                "query": scope["query_string"].decode("latin-1"),
                "headers": headers,
                "bodySize": size,
            },
            extra=[(b"x-request-id", b"upstream-made-this-up"), (b"set-cookie", b"a=1")],
        )

    async def _json(
        self,
        send: Send,
        status: int,
        body: object,
        extra: list[tuple[bytes, bytes]] | None = None,
    ) -> None:
        data = json.dumps(body).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(data))]
        await send(
            {"type": "http.response.start", "status": status, "headers": headers + (extra or [])}
        )
        await send({"type": "http.response.body", "body": data})

    async def _ticks(self, send: Send, count: int, every: float) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": SSE_HEADERS})
        for seq in range(1, count + 1):
            if seq > 1:
                await asyncio.sleep(every)
            data = json.dumps({"type": "tick", "data": {"seq": seq}}, separators=(",", ":"))
            event = f"id: run-test:{seq}\nevent: tick\ndata: {data}\n\n"
            await send({"type": "http.response.body", "body": event.encode(), "more_body": True})
        await send({"type": "http.response.body", "body": b"data: [DONE]\n\n"})

    async def _gated(self, send: Send, count: int, key: str) -> None:
        """Ticks as `_ticks` writes them, each after the first held until the test releases it."""
        await send({"type": "http.response.start", "status": 200, "headers": SSE_HEADERS})
        for seq in range(1, count + 1):
            if seq > 1:
                await self.observations.release_of(key, seq).wait()
            data = json.dumps({"type": "tick", "data": {"seq": seq}}, separators=(",", ":"))
            event = f"id: run-test:{seq}\nevent: tick\ndata: {data}\n\n"
            await send({"type": "http.response.body", "body": event.encode(), "more_body": True})
        await send({"type": "http.response.body", "body": b"data: [DONE]\n\n"})

    async def _heartbeats(self, send: Send, seconds: float, every: float) -> None:
        """A run that waits `seconds` (say, for two approvals) with a heartbeat every `every`."""
        await send({"type": "http.response.start", "status": 200, "headers": SSE_HEADERS})
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        while loop.time() < end:
            await send(
                {"type": "http.response.body", "body": b": keep-alive\n\n", "more_body": True}
            )
            await asyncio.sleep(every)
        data = json.dumps({"type": "final", "data": {"waited": seconds}}, separators=(",", ":"))
        event = f"id: run-test:1\nevent: final\ndata: {data}\n\n"
        await send({"type": "http.response.body", "body": event.encode(), "more_body": True})
        await send({"type": "http.response.body", "body": b"data: [DONE]\n\n"})

    async def _korean(self, send: Send) -> None:
        """The whole text, written so that one syllable's three bytes span two writes."""
        await send({"type": "http.response.start", "status": 200, "headers": SSE_HEADERS})
        event = f'data: {{"type":"content","data":{{"content":"{KOREAN}"}}}}\n\n'.encode()
        cut = event.index("한".encode()) + 1  # after the first of the syllable's three bytes
        await send({"type": "http.response.body", "body": event[:cut], "more_body": True})
        await asyncio.sleep(0.5)
        await send({"type": "http.response.body", "body": event[cut:], "more_body": True})
        await send({"type": "http.response.body", "body": b"data: [DONE]\n\n"})

    async def _endless(self, receive: Receive, send: Send, key: str) -> None:
        """One event, then silence until the client goes away, which is recorded."""
        await send({"type": "http.response.start", "status": 200, "headers": SSE_HEADERS})
        await send({"type": "http.response.body", "body": b": connected\n\n", "more_body": True})
        while (await receive())["type"] != "http.disconnect":
            pass
        self.observations.disconnect_of(key).set()
