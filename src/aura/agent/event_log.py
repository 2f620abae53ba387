"""The per-run event log: a Redis stream that a run appends to and any number of readers tail.

Why a log: a run does not belong to its HTTP connection
(docs/contract.md#runs-re-attach-and-cancel). The run's task appends every event with its sequence
number as the stream entry id (`<seq>-0`), so a reader resuming after `Last-Event-ID: <runId>:<seq>`
asks for exactly the entries after `<seq>-0`, and a trimmed or expired log is detected (the first
entry held is not the next one) instead of silently skipped.

Why no blocking XREAD per reader: a blocked XREAD holds a pooled connection for its whole wait,
so 200 streams paused at the approval gate would need 200 connections. Readers instead wait on an
in-process wake-up that `append` fires. A reader on a replica that does not own the run (re-attach
through another instance) has no local wake-up and polls every `poll_seconds`. Either way the
number of Redis connections is the size of the bounded pool, whatever the number of open streams.

Why a local tail: the process that appends a run's events also keeps its last few entries in
memory (`_TAIL_LENGTH`, dropped at `end` or when the run stops here), in the order Redis holds
them, each one only after Redis acknowledged it. A reader of a run driven here takes what
follows its cursor from there (when it starts, and each time `append` wakes it), and when the
tail ends at its cursor it knows nothing more was logged, so it goes back to waiting without
asking Redis, also after a quiet heartbeat interval: only the process driving a run appends to
its log, so while the run is driven here its tail is the log's end (10,000 paused runs' readers
cost Redis nothing while they wait). It reads the log itself (a non-blocking XRANGE, then
XREVRANGE for the head) when the tail does not reach back to its cursor (a re-attach, a reader
that fell behind) and whenever the run is not driven here, so a run taken over by another
process (whose tail this one does not see) is followed from Redis: its local task is stopped by
the next sweep, and from then on every read goes to Redis.

Every follow ends: at the logged `end` (also when the cursor already is that `end`), with
`CursorExpiredError` when the events after the cursor are gone, with `CursorInvalidError` when the
cursor is past the last logged event, and with `RunOrphanedError` when the log is idle and the run
can no longer write to it (its owner stopped without logging `end`). The last check asks the
caller's `is_alive` only while idle, once at first and then once per heartbeat interval.
"""

import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import cast

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from aura.agent.sse import envelope_json
from aura.contracts.events import StreamEvent
from aura.contracts.runs import run_log_key
from aura.kit.wakeups import Wakeup

_BATCH = 200
# Enough for a reader that lags a few events behind (one further back reads Redis); one paused
# run holds at most this many.
_TAIL_LENGTH = 4


# KEYS[1] the log; ARGV: entry id, max entries, retention seconds, type, payload. One command
# instead of a MULTI/XADD/EXPIRE/EXEC pipeline, as atomic; an id not above the last one fails.
_APPEND = """
redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], ARGV[1], 'type', ARGV[4], 'payload', ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
"""


@dataclass(frozen=True)
class LogEntry:
    seq: int
    type: str
    payload: str
    """The SSE `data` line: `{"type","data","timestamp"}` as one line of JSON."""


def first_entry(event: StreamEvent) -> LogEntry:
    """A run's first log entry (seq 1), for `RunLog.queue_first`."""
    return LogEntry(seq=1, type=event.type, payload=envelope_json(event))


@dataclass(frozen=True)
class Heartbeat:
    """Nothing happened for a heartbeat interval: the reader should send `: keep-alive`."""


class CursorExpiredError(Exception):
    """The events after the reader's cursor are no longer held (trimmed or aged out)."""


class CursorInvalidError(Exception):
    """The cursor is past the last event the run has logged: no such event was ever sent."""

    def __init__(self, run_id: str, cursor: int, head: int) -> None:
        super().__init__(f"{run_id}: cursor {cursor} is past the last logged event {head}")
        self.cursor = cursor
        self.head = head


class RunOrphanedError(Exception):
    """The run stopped without logging `end` (its process died): nothing more will be logged."""


class LogWakeups:
    """In-process wake-ups: `append` sets the current `Wakeup` of a run, readers wait on it
    (every paused run's reader waits on one: a `Wakeup`, not an `asyncio.Event`).

    Wake-ups are held weakly so a run nobody is reading leaves nothing behind.
    """

    def __init__(self) -> None:
        self._wakeups: weakref.WeakValueDictionary[str, Wakeup] = weakref.WeakValueDictionary()

    def current(self, run_id: str) -> Wakeup:
        wakeup = self._wakeups.get(run_id)
        if wakeup is None:
            wakeup = Wakeup()
            self._wakeups[run_id] = wakeup
        return wakeup

    def fire(self, run_id: str) -> None:
        wakeup = self._wakeups.pop(run_id, None)
        if wakeup is not None:
            wakeup.set()


class RunLog:
    def __init__(
        self,
        redis: Redis,
        *,
        retention_seconds: int,
        max_events: int,
        poll_seconds: float,
        heartbeat_seconds: float,
    ) -> None:
        self._redis = redis
        self._retention = retention_seconds
        self._max_events = max_events
        self._poll = poll_seconds
        self._heartbeat = heartbeat_seconds
        self._wakeups = LogWakeups()
        # Lists, not deques: a deque's first block is 760 bytes, and every paused run has a tail.
        self._tails: dict[str, list[LogEntry]] = {}
        self._append = redis.register_script(_APPEND)

    async def append(self, run_id: str, seq: int, event: StreamEvent) -> LogEntry:
        entry = LogEntry(seq=seq, type=event.type, payload=envelope_json(event))
        await self._append(
            keys=[run_log_key(run_id)],
            args=[f"{seq}-0", self._max_events, self._retention, entry.type, entry.payload],
        )
        self.logged(run_id, entry)
        return entry

    def queue_first(self, run_id: str, entry: LogEntry, pipe: Pipeline) -> None:
        """Queue a new run's first entry (`first_entry`) into `pipe`, the same writes as
        `append` (a MULTI instead of the script: a pipeline would first ask Redis whether the
        script is loaded); once the pipeline ran, `logged` tells the run's readers."""
        key = run_log_key(run_id)
        pipe.xadd(
            key,
            {"type": entry.type, "payload": entry.payload},
            id="1-0",
            maxlen=self._max_events,
            approximate=False,
        )
        pipe.expire(key, self._retention)

    def logged(self, run_id: str, entry: LogEntry) -> None:
        """Redis holds `entry` now: keep it in the run's tail and wake its readers."""
        seq = entry.seq
        if entry.type == "end":
            self._tails.pop(run_id, None)
        else:
            tail = self._tails.get(run_id)
            if tail is None:
                tail = self._tails[run_id] = []
            elif tail[-1].seq != seq - 1:
                tail.clear()  # logged out of order (a takeover): start the tail afresh
            tail.append(entry)
            if len(tail) > _TAIL_LENGTH:
                del tail[0]
        self._wakeups.fire(run_id)

    def release(self, run_id: str) -> None:
        """The run stopped here: drop the entries kept for its local readers."""
        self._tails.pop(run_id, None)

    def _recent(self, run_id: str, cursor: int) -> list[LogEntry] | None:
        """The entries after `cursor` from the local tail; None when the tail cannot say."""
        tail = self._tails.get(run_id)
        if not tail or tail[0].seq > cursor + 1 or tail[-1].seq < cursor:
            return None
        return [entry for entry in tail if entry.seq > cursor]

    async def read_after(self, run_id: str, after: int, count: int = _BATCH) -> list[LogEntry]:
        low = f"({after}-0" if after > 0 else "-"
        rows = cast(
            list[tuple[str, dict[str, str]]],
            await self._redis.xrange(run_log_key(run_id), min=low, max="+", count=count),
        )
        return [
            LogEntry(
                seq=int(entry_id.split("-", 1)[0]), type=fields["type"], payload=fields["payload"]
            )
            for entry_id, fields in rows
        ]

    async def head(self, run_id: str) -> LogEntry | None:
        """The last logged entry; None when the log is gone."""
        rows = cast(
            list[tuple[str, dict[str, str]]],
            await self._redis.xrevrange(run_log_key(run_id), max="+", min="-", count=1),
        )
        if not rows:
            return None
        entry_id, fields = rows[0]
        return LogEntry(
            seq=int(entry_id.split("-", 1)[0]), type=fields["type"], payload=fields["payload"]
        )

    async def follow(
        self,
        run_id: str,
        after: int,
        *,
        is_local: Callable[[], bool],
        is_alive: Callable[[], Awaitable[bool]] | None = None,
    ) -> AsyncIterator[LogEntry | Heartbeat]:
        """Every entry after `after`, then live ones, until `end`; heartbeats while idle.

        Raises CursorExpiredError when the entry right after the cursor is no longer held,
        CursorInvalidError when the cursor is past the last logged entry, and RunOrphanedError
        when the log is idle and `is_alive` (asked only for a run this process does not run)
        says the run will log nothing more.
        """
        cursor = after
        last_sent = time.monotonic()
        owner_check_due = True
        while True:
            wakeup = self._wakeups.current(run_id)
            # While the run is driven here, its tail answers instead of Redis (see the module).
            recent = self._recent(run_id, cursor) if is_local() else None
            entries = recent if recent is not None else await self.read_after(run_id, cursor)
            if entries:
                if entries[0].seq != cursor + 1:
                    raise CursorExpiredError(run_id)
                for entry in entries:
                    yield entry
                    cursor = entry.seq
                    if entry.type == "end":
                        return
                last_sent = time.monotonic()
                continue
            if recent is None:
                head = await self.head(run_id)
                if head is None:
                    raise CursorExpiredError(run_id)
                if head.seq < cursor:
                    raise CursorInvalidError(run_id, cursor, head.seq)
                if head.seq > cursor:
                    continue  # appended between the two reads
                if head.type == "end":
                    return  # the cursor is the run's last event: nothing follows
            if owner_check_due:
                owner_check_due = False
                if is_alive is not None and not is_local() and not await is_alive():
                    if await self.read_after(run_id, cursor, count=1):
                        continue  # its last events landed just before it stopped
                    raise RunOrphanedError(run_id)
            remaining = self._heartbeat - (time.monotonic() - last_sent)
            if remaining <= 0:
                yield Heartbeat()
                last_sent = time.monotonic()
                owner_check_due = True
                continue
            wait = remaining if is_local() else min(remaining, self._poll)
            await wakeup.wait(wait)
