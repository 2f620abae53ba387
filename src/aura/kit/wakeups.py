"""`Wakeup`: an `asyncio.Event` cut down for many thousands of waiters.

Every paused run holds one or two of these while it waits (its approval's subscription, its
stream's log reader), so a wait costs one future and one timer: no `asyncio.Event` (its waiter
deque alone is 760 bytes), no `asyncio.wait_for` (a task per wait). Each waiter awaits a future
of its own, so cancelling one waiter never disturbs another.
"""

import asyncio


class Wakeup:
    __slots__ = ("__weakref__", "_set", "_waiters")

    def __init__(self) -> None:
        self._set = False
        self._waiters: list[asyncio.Future[None]] | None = None

    def set(self) -> None:
        self._set = True
        waiters, self._waiters = self._waiters, None
        for waiter in waiters or ():
            _resolve(waiter)

    def clear(self) -> None:
        self._set = False

    def is_set(self) -> bool:
        return self._set

    async def wait(self, seconds: float) -> bool:
        """True when set, now or before `seconds` passed."""
        if self._set:
            return True
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        if self._waiters is None:
            self._waiters = []
        self._waiters.append(waiter)
        timer = loop.call_later(seconds, _resolve, waiter)
        try:
            await waiter
        finally:
            timer.cancel()
            if self._waiters is not None and waiter in self._waiters:
                self._waiters.remove(waiter)
                if not self._waiters:
                    self._waiters = None
        return self._set


def _resolve(waiter: "asyncio.Future[None]") -> None:
    if not waiter.done():
        waiter.set_result(None)
