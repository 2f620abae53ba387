"""The replicas behind each upstream, and which one gets the next request.

Each upstream (`AGENT_URL`, `MAIN_URL`, … — a comma-separated list of base URLs) is a pool. New
requests go round-robin over the members believed healthy; a member is believed down after a
connection to it is refused, and up again once its `/health` answers (a checker owned by the
gateway's lifespan asks every `GATEWAY_HEALTH_INTERVAL_SECONDS`). When every member is believed
down they are all tried anyway, in order: a belief is not a reason to refuse a request that might
succeed.

A request whose connection could not be opened was never sent, so the next member may take it
whatever its method (failover). A request sent on a pooled connection that the upstream had
already closed is resent once on a new connection (`upstreams.py`), only when its method is
idempotent: for a POST nobody can know whether the upstream acted on it. The gateway's idle
connections expire before the services' own keep-alive does, so that case stays rare.
"""

import asyncio
import itertools
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from aura.gateway.routing import Upstream

logger = logging.getLogger("aura.gateway")


@dataclass
class Member:
    base: str
    healthy: bool = True


@dataclass
class UpstreamPool:
    upstream: Upstream
    members: list[Member]
    _turn: Iterator[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.members:
            raise ValueError(f"the {self.upstream} upstream has no URL")
        self._turn = itertools.count()

    @classmethod
    def of(cls, upstream: Upstream, bases: list[str]) -> "UpstreamPool":
        return cls(upstream, [Member(base) for base in bases])

    def candidates(self) -> list[Member]:
        """Members in the order to try them: healthy ones from the next turn on, then the rest."""
        start = next(self._turn) % len(self.members)
        rotated = self.members[start:] + self.members[:start]
        return [m for m in rotated if m.healthy] + [m for m in rotated if not m.healthy]

    def mark(self, member: Member, healthy: bool) -> None:
        if member.healthy != healthy:
            state = "up" if healthy else "down"
            logger.warning("upstream %s replica %s is %s", self.upstream, member.base, state)
        member.healthy = healthy


class HealthProbe(Protocol):
    async def healthy(self, base: str) -> bool: ...


async def check_health_forever(
    probe: HealthProbe, pools: list[UpstreamPool], interval: float
) -> None:
    """Ask every member's `/health` every `interval` seconds and record the answer."""
    limit = max(interval, 0.5)
    while True:
        checks = [_check(probe, pool, member, limit) for pool in pools for member in pool.members]
        await asyncio.gather(*checks)
        await asyncio.sleep(interval)


async def _check(probe: HealthProbe, pool: UpstreamPool, member: Member, limit: float) -> None:
    try:
        async with asyncio.timeout(limit):
            healthy = await probe.healthy(member.base)
    except TimeoutError:
        healthy = False
    pool.mark(member, healthy)
