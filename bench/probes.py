"""What the load and soak benchmarks watch in a running system: per-service memory, open file
descriptors and TCP connections (CLOSE-WAIT included, per peer service), and Redis clients."""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psutil
from redis.asyncio import Redis
from tests.support.processes import children_of
from tests.support.system import SERVICE_NAMES, RunningSystem


def service_pids(system: RunningSystem) -> dict[str, int]:
    found: dict[str, int] = {}
    for pid in children_of(system.process.pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_text()
        except OSError:
            continue
        for name in SERVICE_NAMES:
            if f"serve\x00{name}" in cmdline:
                found[name] = pid
    return found


@dataclass(frozen=True)
class ServiceSample:
    rss_mib: float
    fds: int
    established: int
    close_wait: int
    close_wait_to: dict[str, int]


def sample_service(pid: int, ports: dict[str, int]) -> ServiceSample:
    """`ports`: the peers to name CLOSE-WAIT sockets by (services, and "redis")."""
    process = psutil.Process(pid)
    by_port = {port: name for name, port in ports.items()}
    established = close_wait = 0
    close_wait_to: dict[str, int] = {}
    for conn in process.net_connections(kind="tcp"):
        if conn.status == psutil.CONN_ESTABLISHED:
            established += 1
        elif conn.status == psutil.CONN_CLOSE_WAIT:
            close_wait += 1
            peer = by_port.get(conn.raddr.port, "other")
            close_wait_to[peer] = close_wait_to.get(peer, 0) + 1
    return ServiceSample(
        rss_mib=process.memory_info().rss / 2**20,
        fds=process.num_fds(),
        established=established,
        close_wait=close_wait,
        close_wait_to=close_wait_to,
    )


def sample_services(system: RunningSystem, pids: dict[str, int]) -> dict[str, ServiceSample]:
    # The system's Redis: a private server listens on a free port, not on 6379.
    peers = system.ports | {"redis": urlsplit(system.env["REDIS_URL"]).port or 6379}
    return {name: sample_service(pid, peers) for name, pid in pids.items()}


async def redis_clients(redis: Redis) -> dict[str, int]:
    """Connected Redis clients by name (unnamed ones as "unnamed"), and the total."""
    counts: dict[str, int] = {}
    for client in await redis.client_list():
        name = str(client.get("name") or "unnamed")
        key = "aura-agent" if name.startswith("aura-agent") else name
        counts[key] = counts.get(key, 0) + 1
    counts["total"] = sum(counts.values())
    return counts
