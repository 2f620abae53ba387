"""The polling fallback of every approval a process waits on, in one task.

A waiting approval wakes on its channel's message (the hub), on the hub's reconnect, and at its
deadline. The poll covers a decision whose message never arrived: every `poll_seconds` one
pipelined `MGET` reads the records of all waiting requests, and only a waiter whose record is no
longer what it last saw is woken (it then reads and checks the record itself, as for a message).
With thousands of runs paused that is one round trip per interval instead of one per run, and
no timer per run firing every interval. The task runs only while some approval waits.
"""

import asyncio
import logging

from redis.exceptions import RedisError

from aura.agent.approvals.hub import Subscription
from aura.agent.approvals.records import ApprovalRecords, RequestId

logger = logging.getLogger("aura.agent.approvals")

_BATCH = 500
"""Keys per `MGET`: Redis serves other clients between the commands of one pipeline."""


def record_fingerprint(raw: str | None) -> int:
    """What a waiter remembers of the record it last read: enough to tell that it changed."""
    return hash(raw)


class DecisionPoller:
    def __init__(self, store: ApprovalRecords, poll_seconds: float) -> None:
        self._store = store
        self._poll_seconds = poll_seconds
        self._watched: dict[RequestId, tuple[int, Subscription]] = {}
        self._task: asyncio.Task[None] | None = None
        self._reading = False

    @property
    def watched(self) -> int:
        return len(self._watched)

    @property
    def polling(self) -> bool:
        """Whether the poller's task is running (only while some approval waits)."""
        return self._task is not None and not self._task.done()

    def watch(self, request_id: RequestId, seen: int, subscription: Subscription) -> None:
        """Wake `subscription` once the request's record differs from the one `seen`."""
        self._watched[request_id] = (seen, subscription)
        if self._task is None:
            self._task = asyncio.create_task(self._poll_while_watched(), name="hitl-poller")

    def unwatch(self, request_id: RequestId) -> None:
        self._watched.pop(request_id, None)
        if not self._watched and self._task is not None and not self._reading:
            # Asleep between polls: stop now. Mid-read it stops by itself after the read.
            self._task.cancel()
            self._task = None

    async def poll_once(self) -> int:
        """Read every watched record once and wake the waiters whose record changed; how many."""
        request_ids = list(self._watched)
        if not request_ids:
            return 0
        self._reading = True
        try:
            records = await self._store.raw_requests(request_ids, batch=_BATCH)
        finally:
            self._reading = False
        woken = 0
        for request_id, raw in zip(request_ids, records, strict=True):
            watch = self._watched.get(request_id)
            if watch is not None and record_fingerprint(raw) != watch[0]:
                watch[1].wake()
                woken += 1
        return woken

    async def _poll_while_watched(self) -> None:
        try:
            while self._watched:
                await asyncio.sleep(self._poll_seconds)
                try:
                    await self.poll_once()
                except (RedisError, OSError) as exc:
                    # Each waiter still wakes on messages, on reconnects and at its deadline.
                    logger.warning("could not poll the waiting requests (%r)", exc)
        finally:
            if self._task is asyncio.current_task():
                self._task = None
