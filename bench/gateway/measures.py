"""What the benchmark measures through one path (direct, the gateway or nginx), as a client would.

- per-event latency: the upstream stamps each paced event with CLOCK_MONOTONIC (comparable across
  processes on one machine); this client subtracts it from the time it read the event;
- proxy CPU per event: the proxy's user+system time over a burst of events, divided by them;
- open streams: the proxy's RSS before and with N streams open (each has sent its first event and
  waits for heartbeats), and a fresh request's round trip (new connection, GET a small JSON
  answer) while they stay open.
"""

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiohttp
import psutil
from bench.gateway.processes import cpu_seconds, rss


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


async def paced_latencies(
    session: aiohttp.ClientSession, url: str, n: int, headers: dict[str, str]
) -> list[float]:
    """Milliseconds from the upstream's write to this client's read, per event."""
    latencies: list[float] = []
    buffer = b""
    async with session.get(f"{url}?n={n}&every=0.005", headers=headers) as response:
        async for chunk in response.content.iter_any():
            now = time.monotonic_ns()
            buffer += chunk
            *events, buffer = buffer.split(b"\n\n")
            for event in events:
                if event.startswith(b'data: {"t":'):
                    latencies.append((now - int(event[11:-1])) / 1e6)
    return latencies


async def burst_events(
    session: aiohttp.ClientSession, url: str, n: int, headers: dict[str, str]
) -> int:
    count = 0
    async with session.get(f"{url}?n={n}&size=200", headers=headers) as response:
        async for chunk in response.content.iter_any():
            count += chunk.count(b"\n\n")
    return count - 1  # the closing [DONE]


async def event_latencies(
    bases: dict[str, str], rounds: int, events: int, headers: dict[str, str]
) -> dict[str, list[float]]:
    """Paced-event latencies per path, the paths taking turns so that noise hits them alike."""
    found: dict[str, list[float]] = {name: [] for name in bases}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        for base in bases.values():
            await paced_latencies(session, base + "/aura/bench/paced", 20, headers)  # warm-up
        for _ in range(rounds):
            for name, base in bases.items():
                url = base + "/aura/bench/paced"
                found[name] += await paced_latencies(session, url, events, headers)
    return found


async def cpu_per_event(
    base: str, processes: list[psutil.Process], burst: int, parallel: int, headers: dict[str, str]
) -> float:
    """Microseconds of the proxy's CPU per event: one stream, then `parallel` at once."""
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        url = base + "/aura/bench/burst"
        await burst_events(session, url, 1000, headers)  # warm-up
        before = cpu_seconds(processes)
        events = await burst_events(session, url, burst, headers)
        counts = await asyncio.gather(
            *(burst_events(session, url, burst // parallel, headers) for _ in range(parallel))
        )
        used = cpu_seconds(processes) - before
    return used * 1e6 / (events + sum(counts))


@dataclass
class StreamFigures:
    opened: int
    kib_per_stream: float
    fresh_p50_ms: float
    fresh_p99_ms: float
    idle_fresh_p50_ms: float


async def fresh_request_latencies(base: str, count: int) -> list[float]:
    """A new connection per request, as a new browser tab would open."""
    latencies = []
    for _ in range(count):
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as fresh:
            started = time.perf_counter()
            async with fresh.get(base + "/aura/health") as response:
                await response.read()
                if response.status != 200:
                    raise RuntimeError(f"a fresh request got {response.status}")
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


async def hold_streams(
    base: str, n: int, headers: dict[str, str], then: Callable[[], Awaitable[None]]
) -> int:
    """Open `n` streams, wait for each one's first event, run `then`, close them all."""
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=30)
    opened = 0
    gate = asyncio.Semaphore(200)  # bound the connect burst, not the number held
    ready = asyncio.Event()
    release = asyncio.Event()

    async def one(session: aiohttp.ClientSession) -> None:
        nonlocal opened
        async with gate:
            response = await session.get(base + "/aura/bench/hold", headers=headers)
            await response.content.readuntil(b"\n\n")
        opened += 1
        if opened == n:
            ready.set()
        try:
            await release.wait()
        finally:
            response.close()

    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        tasks = [asyncio.create_task(one(session)) for _ in range(n)]
        waiter = asyncio.create_task(ready.wait())
        done, _ = await asyncio.wait([waiter, *tasks], return_when=asyncio.FIRST_COMPLETED)
        failed = [task for task in done if task is not waiter]
        if not failed:
            await then()
        release.set()
        waiter.cancel()
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    if failed:
        errors = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
        raise RuntimeError(
            f"{len(errors)} of {n} streams failed with {opened} open; first: {errors[0]!r}"
        )
    return opened


async def measure_streams(
    base: str, processes: list[psutil.Process], n: int, headers: dict[str, str], fresh: int
) -> StreamFigures:
    idle = await fresh_request_latencies(base, 50)
    await asyncio.sleep(0.5)
    before = rss(processes)
    figures: dict[str, float] = {}

    async def while_open() -> None:
        await asyncio.sleep(2.0)  # let both sides settle
        figures["after"] = rss(processes)
        latencies = await fresh_request_latencies(base, fresh)
        figures["p50"] = statistics.median(latencies)
        figures["p99"] = percentile(latencies, 99)

    opened = await hold_streams(base, n, headers, while_open)
    return StreamFigures(
        opened=opened,
        kib_per_stream=(figures["after"] - before) / n / 1024,
        fresh_p50_ms=figures["p50"],
        fresh_p99_ms=figures["p99"],
        idle_fresh_p50_ms=statistics.median(idle),
    )
