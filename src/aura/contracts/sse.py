"""Reading SSE as any client does (docs/stream.md#framing): bytes in, messages out; event ids.

The parser follows WHATWG HTML §9.2.6: lines end in LF, CRLF or CR; `:` starts a comment; a
blank line dispatches the message; `data` lines are joined with LF; the last `id` carries over
to later messages. Lines are split on bytes before they are decoded, so a multi-byte UTF-8
character cut between two network chunks is never decoded in halves (LF and CR never occur
inside one). Encoding is the agent's business and stays there.
"""

from dataclasses import dataclass, field

DONE_DATA = "[DONE]"


def event_id(run_id: str, seq: int) -> str:
    """The id of a run's `seq`-th logged event: `<runId>:<seq>`, what `Last-Event-ID` echoes."""
    return f"{run_id}:{seq}"


def parse_event_id(value: str) -> tuple[str, int] | None:
    """`<runId>:<seq>` → (runId, seq); None when it is not of that shape."""
    run_id, sep, seq = value.strip().rpartition(":")
    if not sep or not run_id or not seq.isdigit():
        return None
    return run_id, int(seq)


@dataclass(frozen=True)
class SseMessage:
    """One dispatched SSE message: its data, event name and id (the last one seen)."""

    data: str
    event: str | None = None
    id: str | None = None

    @property
    def done(self) -> bool:
        """`data: [DONE]`, the end of a run's stream."""
        return self.data.strip() == DONE_DATA


@dataclass(frozen=True)
class SseComment:
    """A comment line (`: keep-alive`), without its colon and surrounding blanks."""

    text: str


@dataclass
class SseParser:
    """Incremental SSE parser: feed it bytes as they arrive, get whole messages back."""

    _buffer: bytes = b""
    _data: list[str] = field(default_factory=list)
    _event: str | None = None
    _id: str | None = None
    _pending_cr: bool = False

    def feed(self, chunk: bytes) -> list[SseMessage]:
        """The messages the chunk completes; comments are skipped."""
        return [item for item in self.feed_all(chunk) if isinstance(item, SseMessage)]

    def feed_all(self, chunk: bytes) -> list[SseMessage | SseComment]:
        """The messages and comments the chunk completes, in stream order."""
        # A CR ending the last chunk already ended its line: an LF opening this one is its pair.
        if self._pending_cr and chunk.startswith(b"\n"):
            chunk = chunk[1:]
            self._pending_cr = False
        if chunk:
            self._pending_cr = chunk.endswith(b"\r")
        self._buffer += chunk
        lines = self._buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        self._buffer = lines.pop()
        items: list[SseMessage | SseComment] = []
        for raw in lines:
            item = self._line(raw.decode("utf-8", "replace"))
            if item is not None:
                items.append(item)
        return items

    def _line(self, line: str) -> SseMessage | SseComment | None:
        if line == "":
            return self._dispatch()
        if line.startswith(":"):
            return SseComment(line[1:].strip())
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._id = value
        return None

    def _dispatch(self) -> SseMessage | None:
        data, event = self._data, self._event
        self._data, self._event = [], None
        if not data:
            return None
        return SseMessage(data="\n".join(data), event=event, id=self._id)
