"""Login throttling in Redis, so that the limits hold across every auth server replica.

Two counters of failed logins, each in a fixed window that starts at its first failure:
per login name (whatever tenant it is tried in) and per client address. While either counter
is at its limit, every login it covers is refused with 429 and `Retry-After` (the window's
remaining seconds) before any password is hashed, the right password included. A successful
login clears its name's counter, never the address's.

The client address is the peer's, or, when the peer is a trusted proxy (the gateway), the last
address it appended to `X-Forwarded-For`: the one the gateway itself saw.
"""

import hashlib
import ipaddress
import math
from dataclasses import dataclass

from redis.asyncio import Redis

from aura.contracts.errors import ErrorCode
from aura.kit.errors import DomainError


@dataclass(frozen=True)
class ThrottleRules:
    account_failures: int
    address_failures: int
    window_seconds: int
    namespace: str


class TooManyLoginsError(DomainError):
    code = ErrorCode.RATE_LIMITED

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)
        self.headers = {"Retry-After": str(self.retry_after)}


def _digest(text: str) -> str:
    # Keys never hold a login name or address in clear, and stay short whatever was typed.
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class LoginThrottle:
    def __init__(self, redis: Redis, rules: ThrottleRules) -> None:
        self._redis = redis
        self._rules = rules

    def _keys(self, name: str, address: str) -> tuple[str, str]:
        prefix = self._rules.namespace
        return (
            f"{prefix}:failures:name:{_digest(name.strip().casefold())}",
            f"{prefix}:failures:address:{_digest(address)}",
        )

    async def check(self, name: str, address: str) -> None:
        """Refuse (429) a login that either counter has used up; cheap, and before any hashing."""
        name_key, address_key = self._keys(name, address)
        async with self._redis.pipeline(transaction=False) as pipe:
            for key in (name_key, address_key):
                pipe.get(key)
                pipe.ttl(key)
            name_count, name_ttl, address_count, address_ttl = await pipe.execute()
        window = self._rules.window_seconds
        if int(name_count or 0) >= self._rules.account_failures:
            seconds = _seconds(name_ttl, window)
            raise TooManyLoginsError(
                f"Too many failed logins for this account; try again in {_wait(seconds)}.",
                seconds,
            )
        if int(address_count or 0) >= self._rules.address_failures:
            seconds = _seconds(address_ttl, window)
            raise TooManyLoginsError(
                f"Too many failed logins from this address; try again in {_wait(seconds)}.",
                seconds,
            )

    async def failed(self, name: str, address: str) -> None:
        window = self._rules.window_seconds
        async with self._redis.pipeline(transaction=True) as pipe:
            for key in self._keys(name, address):
                pipe.incr(key)
                pipe.expire(key, window, nx=True)
            await pipe.execute()

    async def succeeded(self, name: str, address: str) -> None:
        await self._redis.delete(self._keys(name, address)[0])


def _seconds(ttl: int | None, window: int) -> int:
    # -1 (no expiry: a key someone else wrote) or a race with expiry: assume a whole window.
    return int(ttl) if ttl is not None and int(ttl) > 0 else window


def _wait(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} s"
    return f"{math.ceil(seconds / 60)} min"


def client_address(peer: str | None, forwarded_for: str | None, trusted: frozenset[str]) -> str:
    """The address to throttle: the peer, or the one a trusted proxy says it served."""
    address = peer or "unknown"
    if address in trusted and forwarded_for:
        last = forwarded_for.rsplit(",", 1)[-1].strip()
        if _is_ip(last):
            return last
    return address


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
