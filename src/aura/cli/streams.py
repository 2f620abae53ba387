"""A run's event stream as the `aura` command reads it: SSE messages become run events.

Frames are parsed by `aura.contracts.sse`; this module reads what they carry (docs/stream.md),
accepting the event names earlier clients used.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from aura.contracts.sse import SseMessage, SseParser

# Names earlier clients used for the canonical event types (docs/stream.md#events).
EVENT_ALIASES = {
    "thinking": "thought",
    "action": "tool_execution",
    "approval_required": "hitl",
    "message": "content",
}


@dataclass(frozen=True)
class RunEvent:
    """One event of a run: its canonical type, its `data` object and its `<runId>:<seq>` id."""

    type: str
    data: dict[str, Any]
    id: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)


def run_event(message: SseMessage) -> RunEvent | None:
    """The run event an SSE message carries; None for `[DONE]` and for data that is not JSON."""
    if message.done:
        return None
    try:
        body = json.loads(message.data)
    except json.JSONDecodeError:
        return None
    if not isinstance(body, dict):
        return None
    kind = str(body.get("type") or message.event or "message")
    payload = body.get("data")
    # `payload = json.data || json` is how every event is read (docs/stream.md#framing).
    data = payload if isinstance(payload, dict) else body
    return RunEvent(EVENT_ALIASES.get(kind, kind), data, message.id, body)


@dataclass
class RunStream:
    """An open run stream: the run's ids from the response headers, and its events as they come."""

    response: httpx.Response
    run_id: str | None
    session_id: str | None
    last_event_id: str | None = None
    done: bool = False

    def events(self) -> Iterator[RunEvent]:
        """The events until `[DONE]`; a dropped connection just ends them with `done` False."""
        parser = SseParser()
        try:
            for chunk in self.response.iter_bytes():
                for message in parser.feed(chunk):
                    if message.done:
                        self.done = True
                        return
                    event = run_event(message)
                    if event is None:
                        continue
                    if event.id:
                        self.last_event_id = event.id
                    if event.type == "start":
                        self.run_id = event.data.get("runId") or self.run_id
                        self.session_id = event.data.get("sessionId") or self.session_id
                    yield event
        except httpx.TransportError:
            return
