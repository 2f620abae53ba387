"""The one encoder that turns run events into SSE frames (docs/stream.md#framing).

Each frame is returned as its own string so that the response writes it as its own chunk: the
original frontend drops whatever follows a `hitl` event in the same network chunk.
"""

import json
from typing import Any

from aura.contracts.clock import unix_now
from aura.contracts.events import DONE_LINE, HEARTBEAT_COMMENT, StreamEvent
from aura.contracts.sse import event_id

__all__ = ["DONE_LINE", "HEARTBEAT_COMMENT", "envelope_json", "frame"]


def envelope_json(event: StreamEvent, timestamp: int | None = None) -> str:
    """`{"type","data","timestamp"}` as one line of UTF-8 JSON, Korean not escaped; `data` is
    the event's fields without its `type` tag."""
    data = event.to_wire()
    body: dict[str, Any] = {
        "type": data.pop("type"),
        "data": data,
        "timestamp": timestamp if timestamp is not None else unix_now(),
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def frame(event_type: str, data_json: str, *, run_id: str | None = None, seq: int = 0) -> str:
    """One SSE frame. Events that are not part of a run's log (a reader's own error) carry no id,
    so that a client re-attaching with its last id never skips a logged event."""
    head = f"id: {event_id(run_id, seq)}\n" if run_id is not None else ""
    return f"{head}event: {event_type}\ndata: {data_json}\n\n"
