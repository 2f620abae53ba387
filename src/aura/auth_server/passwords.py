"""Argon2id password hashing, always off the event loop, with bounded concurrency and queue.

Each hash or verification takes a fraction of a second and 64 MiB, so they run in threads and a
semaphore bounds how many run at once. The queue in front of it is bounded too: when it is full,
a login is refused at once with 429 and a `Retry-After` estimated from the queue's length and
the recent time per hash, rather than waiting until the gateway or the client gives up (a burst
of 500 logins on two cores would otherwise end in timeouts).
"""

import asyncio
import math
import os
import secrets
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from aura.contracts.errors import ErrorCode
from aura.kit.errors import DomainError

DEFAULT_QUEUE = 32
_FIRST_GUESS_SECONDS = 0.1
_SMOOTHING = 0.2


class PasswordsBusyError(DomainError):
    code = ErrorCode.RATE_LIMITED

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Too many logins at once; try again in {retry_after} s.",
        )
        self.retry_after = retry_after
        self.headers = {"Retry-After": str(retry_after)}


class Passwords:
    def __init__(
        self,
        dummy_hash: str,
        hasher: PasswordHasher,
        max_concurrent: int,
        max_waiting: int = DEFAULT_QUEUE,
    ) -> None:
        self._hasher = hasher
        self._dummy_hash = dummy_hash
        self._concurrency = max_concurrent
        self._slots = asyncio.Semaphore(max_concurrent)
        self._max_waiting = max_waiting
        self._admitted = 0
        self._seconds_per_hash = _FIRST_GUESS_SECONDS

    @classmethod
    async def create(
        cls,
        hasher: PasswordHasher | None = None,
        max_concurrent: int | None = None,
        max_waiting: int = DEFAULT_QUEUE,
    ) -> "Passwords":
        hasher = hasher or PasswordHasher()
        # Unknown users are checked against this hash, made with the same parameters as real ones,
        # so that a login for a user who does not exist takes as long as one with a wrong password.
        dummy = await asyncio.to_thread(hasher.hash, secrets.token_urlsafe(24))
        concurrency = max_concurrent or max(2, os.cpu_count() or 2)
        return cls(dummy, hasher, concurrency, max_waiting)

    @property
    def admitted(self) -> int:
        """Hashes running or queued right now."""
        return self._admitted

    async def hash(self, password: str) -> str:
        async with self._slot():
            return await asyncio.to_thread(self._hasher.hash, password)

    async def verify(self, password_hash: str, password: str) -> bool:
        async with self._slot():
            return await asyncio.to_thread(self._matches, password_hash, password)

    async def verify_nobody(self, password: str) -> None:
        """Spend the time a real verification takes, for a user who does not exist."""
        await self.verify(self._dummy_hash, password)

    def needs_rehash(self, password_hash: str) -> bool:
        return bool(self._hasher.check_needs_rehash(password_hash))

    def _matches(self, password_hash: str, password: str) -> bool:
        try:
            return bool(self._hasher.verify(password_hash, password))
        except (VerificationError, InvalidHashError):
            return False

    def _slot(self) -> "_Slot":
        if self._admitted >= self._concurrency + self._max_waiting:
            waves = math.ceil((self._admitted + 1) / self._concurrency)
            raise PasswordsBusyError(max(1, math.ceil(waves * self._seconds_per_hash)))
        return _Slot(self)


class _Slot:
    """One admitted hash: counted from admission, timed from when it got a thread."""

    def __init__(self, passwords: Passwords) -> None:
        self._passwords = passwords
        self._started = 0.0
        passwords._admitted += 1

    async def __aenter__(self) -> None:
        try:
            await self._passwords._slots.acquire()
        except BaseException:
            self._passwords._admitted -= 1
            raise
        self._started = time.monotonic()

    async def __aexit__(self, *exc_info: object) -> None:
        passwords = self._passwords
        elapsed = time.monotonic() - self._started
        passwords._seconds_per_hash += _SMOOTHING * (elapsed - passwords._seconds_per_hash)
        passwords._slots.release()
        passwords._admitted -= 1
