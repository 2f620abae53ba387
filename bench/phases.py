"""The comparison's phases, each run the same way against Aura and against the floor.

- `one_client`: runs one after another, approved the moment `hitl` arrives, plus the proxy's plain
  round trip between runs (target 1 with one client, and target 5).
- `waiting_gate`: N runs paused at the gate at once, then approved at a fixed rate (target 1 under
  load: 500 waiting, 50 approvals per second). A `hitl` event reaching the client does not mean
  that its run waits yet (Aura's run checkpoints its state after sending it, and only then
  starts waiting), so approvals start once the site's own count of waiting runs (Aura: the
  agent's `aura_agent_runs_paused` gauge) holds every run whose `hitl` arrived.
- `throughput`: C clients, each running whole scenarios back to back for a while (target 2).

Each returns a flat dict of figures (seconds, counts); `ms()` and `percentile()` format them.
"""

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import aiohttp

from bench.scenario import Scenario, Site, approve, drive, ping

Figures = dict[str, Any]
WaitingCount = Callable[[], Awaitable[float]]
"""Reads how many runs a site holds waiting at its gate right now."""
GATE_OPEN_TIMEOUT_SECONDS = 300.0
GATE_COUNT_TIMEOUT_SECONDS = 60.0
GATE_COUNT_POLL_SECONDS = 0.1
DRAIN_TIMEOUT_SECONDS = 120.0
WARMUP_MIN_SECONDS = 2.0
WARMUP_LIMIT_SECONDS = 60.0
WINDOW_LIMIT_SECONDS = 120.0


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1); NaN when there are no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def latencies(scenarios: Sequence[Scenario]) -> Figures:
    """p50/p99 of every step of the completed scenarios, and how many completed or failed."""
    done = [s for s in scenarios if s.complete and s.next_event]
    steps: dict[str, Callable[[Scenario], float]] = {
        "approve_to_next_event": lambda s: s.next_event - s.approve_sent,
        "approve_answer": lambda s: s.approve_answered - s.approve_sent,
        "post_to_first_event": lambda s: s.first_event - s.posted,
        "post_to_hitl": lambda s: s.hitl - s.posted,
        "post_to_done": lambda s: s.done - s.posted,
    }
    figures: Figures = {}
    for step, value in steps.items():
        values = [value(s) for s in done]
        figures[f"{step}_p50"] = percentile(values, 0.5)
        figures[f"{step}_p99"] = percentile(values, 0.99)
    figures["completed"] = len(done)
    figures["errors"] = len(scenarios) - len(done)
    figures["events_per_run"] = statistics.median(s.events for s in done) if done else 0
    return figures


def first_errors(scenarios: Sequence[Scenario], limit: int = 3) -> list[str]:
    return sorted({s.error for s in scenarios if s.error})[:limit]


class ClientCpu:
    """This process's CPU share while a phase ran: the client shares the machine too."""

    def __enter__(self) -> "ClientCpu":
        self.cpu, self.wall = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.share = (time.process_time() - self.cpu) / (time.perf_counter() - self.wall)


async def warm_up(session: aiohttp.ClientSession, site: Site, runs: int = 3) -> None:
    """A few whole scenarios first (connections, caches, lazy imports); any failure stops here."""

    async def at_once(scenario: Scenario) -> None:
        await approve(session, site, scenario)

    for _ in range(runs):
        scenario = await drive(session, site, at_once)
        if not scenario.complete:
            raise RuntimeError(f"{site.name}: a warm-up scenario failed: {scenario.error}")


async def one_client(session: aiohttp.ClientSession, site: Site, runs: int) -> Figures:
    async def at_once(scenario: Scenario) -> None:
        await approve(session, site, scenario)

    scenarios: list[Scenario] = []
    round_trips: list[float] = []
    for _ in range(runs):
        round_trips.append(await ping(session, site))
        scenarios.append(await drive(session, site, at_once))
        await asyncio.sleep(0.02)  # the run's own after-work is not the next run's latency
    figures = latencies(scenarios)
    figures["plain_round_trip_p50"] = percentile(round_trips, 0.5)
    figures["plain_round_trip_p99"] = percentile(round_trips, 0.99)
    figures["first_errors"] = first_errors(scenarios)
    return figures


class GateNotReached(RuntimeError):
    """The site never counted as waiting every run whose `hitl` the client received."""


async def until_counted(
    count_waiting: WaitingCount, wanted: float, timeout: float = GATE_COUNT_TIMEOUT_SECONDS
) -> float:
    """Poll `count_waiting` until it reads at least `wanted`; the last reading.
    Raises `GateNotReached` when it still reads less after `timeout` seconds."""
    deadline = time.perf_counter() + timeout
    while (counted := await count_waiting()) < wanted:
        if time.perf_counter() > deadline:
            raise GateNotReached(
                f"{counted:g} runs counted waiting at the gate, {wanted:g} expected, "
                f"{timeout:g} s after every `hitl` arrived"
            )
        await asyncio.sleep(GATE_COUNT_POLL_SECONDS)
    return counted


async def waiting_gate(
    session: aiohttp.ClientSession,
    site: Site,
    clients: int,
    rate: float,
    on_all_paused: Callable[[], Awaitable[None]] | None = None,
    count_waiting: WaitingCount | None = None,
) -> Figures:
    """Open `clients` runs, wait until they all wait at the gate, approve them at `rate`/s.

    Waiting means counted by `count_waiting` (read once before the runs open, and then until it
    has grown by as many runs as sent `hitl`); without it, every `hitl` received counts (the
    floor registers its waiter before it writes `hitl`). A count that never gets there raises
    `GateNotReached` after `GATE_COUNT_TIMEOUT_SECONDS`."""
    paused: list[Scenario] = []

    async def wait_for_scheduler(scenario: Scenario) -> None:
        paused.append(scenario)

    figures: Figures = {}
    with ClientCpu() as cpu:
        already = await count_waiting() if count_waiting is not None else 0.0
        opened = time.perf_counter()
        runs = [
            asyncio.create_task(drive(session, site, wait_for_scheduler)) for _ in range(clients)
        ]
        deadline = opened + GATE_OPEN_TIMEOUT_SECONDS
        while len(paused) + sum(1 for r in runs if r.done()) < clients:
            if time.perf_counter() > deadline:
                break
            await asyncio.sleep(0.05)
        figures["all_paused_after_s"] = time.perf_counter() - opened
        figures["paused"] = len(paused)
        figures["counted_waiting"] = float(len(paused))
        if count_waiting is not None:
            try:
                counted = await until_counted(count_waiting, already + len(paused))
            except GateNotReached as exc:
                for run in runs:
                    run.cancel()
                await asyncio.gather(*runs, return_exceptions=True)
                raise GateNotReached(f"{site.name}: {exc}") from None
            figures["counted_waiting"] = counted - already
        figures["all_counted_after_s"] = time.perf_counter() - opened
        if on_all_paused is not None:
            await on_all_paused()
        started = time.perf_counter()
        approvals = []
        for index, scenario in enumerate(list(paused)):
            await asyncio.sleep(max(0.0, started + index / rate - time.perf_counter()))
            approvals.append(asyncio.create_task(approve(session, site, scenario)))
        await asyncio.gather(*approvals)
        figures["approval_rate_sent"] = len(approvals) / max(1e-9, time.perf_counter() - started)
        done, pending = await asyncio.wait(runs, timeout=DRAIN_TIMEOUT_SECONDS)
    for task in pending:
        task.cancel()
    scenarios = [task.result() for task in done]
    figures |= latencies(scenarios)
    figures["errors"] += clients - len(scenarios)
    figures["client_cpu_share"] = cpu.share
    figures["first_errors"] = first_errors(scenarios)
    return figures


async def throughput(
    session: aiohttp.ClientSession,
    site: Site,
    clients: int,
    seconds: float,
    drain_seconds: float = DRAIN_TIMEOUT_SECONDS,
) -> Figures:
    """Whole scenarios per second, `clients` users running them back to back.

    Steady state only: the window opens once as many scenarios as there are users have finished
    (at least `WARMUP_MIN_SECONDS`, at most `WARMUP_LIMIT_SECONDS` after the start), lasts at
    least `seconds` and at least as long as `clients` scenarios take to finish (capped at
    `WINDOW_LIMIT_SECONDS`); only scenarios that end inside it count.
    Scenarios still running `drain_seconds` after the window closed are counted as unfinished."""
    finished: list[Scenario] = []
    stop = asyncio.Event()

    async def at_once(scenario: Scenario) -> None:
        await approve(session, site, scenario)

    async def user() -> None:
        while not stop.is_set():
            finished.append(await drive(session, site, at_once))

    with ClientCpu() as cpu:
        started = time.perf_counter()
        users = [asyncio.create_task(user()) for _ in range(clients)]
        while len(finished) < clients and time.perf_counter() - started < WARMUP_LIMIT_SECONDS:
            await asyncio.sleep(0.05)
        await asyncio.sleep(max(0.0, WARMUP_MIN_SECONDS - (time.perf_counter() - started)))
        window_start = time.perf_counter()
        await asyncio.sleep(seconds)
        # A slow system moves in waves (every user's run finishing together): the window then
        # spans at least one whole wave, as many scenarios as users.
        while (
            sum(1 for s in finished if s.done >= window_start) < clients
            and time.perf_counter() - window_start < WINDOW_LIMIT_SECONDS
        ):
            await asyncio.sleep(0.05)
        window_end = time.perf_counter()
        stop.set()
        _done, unfinished = await asyncio.wait(users, timeout=drain_seconds)
    for task in unfinished:
        task.cancel()
    in_window = [s for s in finished if window_start <= s.done <= window_end]
    figures = latencies(in_window)
    figures["warmup_s"] = window_start - started
    figures["window_s"] = window_end - window_start
    figures["scenarios_per_s"] = sum(1 for s in in_window if s.complete) / figures["window_s"]
    figures["errors"] = sum(1 for s in finished if not s.complete) + len(unfinished)
    figures["unfinished"] = len(unfinished)
    figures["client_cpu_share"] = cpu.share
    figures["first_errors"] = first_errors(finished)
    return figures


def ms(seconds: float) -> str:
    return "—" if seconds != seconds else f"{seconds * 1000:.1f} ms"
