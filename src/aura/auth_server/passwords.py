"""Argon2id password hashing, always off the event loop.

Each hash or verification takes a fraction of a second and 64 MiB, so they run in threads and a
semaphore bounds how many run at once: a burst of logins queues instead of exhausting memory.
"""

import asyncio
import os
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


class Passwords:
    def __init__(self, dummy_hash: str, hasher: PasswordHasher, max_concurrent: int) -> None:
        self._hasher = hasher
        self._dummy_hash = dummy_hash
        self._slots = asyncio.Semaphore(max_concurrent)

    @classmethod
    async def create(
        cls, hasher: PasswordHasher | None = None, max_concurrent: int | None = None
    ) -> "Passwords":
        hasher = hasher or PasswordHasher()
        # Unknown users are checked against this hash, made with the same parameters as real ones,
        # so that a login for a user who does not exist takes as long as one with a wrong password.
        dummy = await asyncio.to_thread(hasher.hash, secrets.token_urlsafe(24))
        return cls(dummy, hasher, max_concurrent or max(2, os.cpu_count() or 2))

    async def hash(self, password: str) -> str:
        async with self._slots:
            return await asyncio.to_thread(self._hasher.hash, password)

    async def verify(self, password_hash: str, password: str) -> bool:
        async with self._slots:
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
