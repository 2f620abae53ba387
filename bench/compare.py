"""Aura against its floor, in one run: resume latency, throughput, time to first event.

Starts the whole Aura system (`./dev up` on free ports, as the e2e tests and `bench.approvals` do,
against a private redis-server of its own and a fresh SQLite database) and the floor
(`bench.reference`: a minimal SSE + Redis pub/sub HITL server behind a minimal aiohttp proxy, on
the same Redis), then measures both, phase by phase, with the same client (the send-mail
scenario, each run with a prompt of its own, approved from the same client session):

  1   one client, runs one after another: approve POST sent → the run's next event, the approve
      call's own answer, POST → [DONE]; the floor of target 1 is the floor's approve → next event
      plus LangGraph's own resume (async SQLite checkpointer) → first update, measured here too;
  1b  N runs paused at the gate at once (500: approvals start once the agent's
      `aura_agent_runs_paused` gauge counts them all), approvals at a fixed rate (50/s);
  2   whole scenarios per second with 50 and 200 concurrent clients;
  5   POST → first SSE event, beside the proxy's plain round trip (GET /api/main/health).

Aura's services' `/metrics` are read around every phase, and the figures that explain it printed.
Prints a table (measure | Aura | floor | ratio | target | met?) and, last, one JSON line.
Figures are only comparable within one run: both sides share this machine and its load.

Redis: a private redis-server the bench starts (empty, removed afterwards; see bench/backends.py),
or `--redis-url URL`.

Reproduce:   .venv/bin/python -m bench.compare            (about 3 minutes)
Smoke run:   .venv/bin/python -m bench.compare --quick    (under 2 minutes)
Options:     --runs N --gate-clients N --gate-rate R --concurrency 50 200 --seconds S
             --langgraph-runs N --redis-url URL
"""

import argparse
import asyncio
import json
import os
import resource
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import psutil
from tests.support.backends import database_for_tests
from tests.support.system import SERVICE_NAMES, RunningSystem, start_system

from bench.backends import (
    add_redis_option,
    redis_described,
    redis_for_bench,
    redis_option,
    redis_shown,
)
from bench.phases import (
    Figures,
    ms,
    one_client,
    percentile,
    throughput,
    waiting_gate,
    warm_up,
)
from bench.probes import service_pids
from bench.reference.floor import Floor, start_floor
from bench.reference.langgraph_resume import measure as langgraph_resume
from bench.scenario import Site, aura_site, aura_token, client_session, floor_site
from bench.service_metrics import Snapshot, describe, explain, gauges, runs_paused, scrape
from bench.targets import plain, print_table, rows

FULL = {"runs": 200, "gate_clients": 500, "seconds": 20.0, "langgraph_runs": 200}
QUICK = {"runs": 20, "gate_clients": 100, "seconds": 6.0, "langgraph_runs": 50}
SYSTEM_ENV = {"HITL_POLL_SECONDS": "2", "LOG_LEVEL": "WARNING"}


def machine() -> dict[str, Any]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown",
    )
    return {"cores": os.cpu_count(), "cpu": model, "load_avg": os.getloadavg()}


def say(text: str) -> None:
    print(text, flush=True)


class Bench:
    """Holds what every phase needs: the client session, both sites, the metrics endpoints."""

    def __init__(
        self, session: aiohttp.ClientSession, aura: Site, floor: Site, system: RunningSystem
    ):
        self.session, self.aura, self.floor = session, aura, floor
        self.metric_urls = {name: system.url(name) for name in SERVICE_NAMES}
        self.processes = {name: psutil.Process(pid) for name, pid in service_pids(system).items()}
        self.metrics: dict[str, Any] = {}

    def cpu_seconds(self) -> dict[str, float]:
        """Each Aura service's CPU time so far (user + system, every thread)."""
        return {name: sum(process.cpu_times()[:2]) for name, process in self.processes.items()}

    async def snapshot(self) -> Snapshot:
        return await scrape(self.session, self.metric_urls)

    async def agent_paused(self) -> float:
        return await runs_paused(self.session, self.metric_urls["agent"])

    async def both(
        self, phase: str, run: Callable[[Site], Awaitable[Figures]]
    ) -> tuple[Figures, Figures]:
        """The phase against Aura (metrics read around it), then against the floor."""
        before, cpu_before = await self.snapshot(), self.cpu_seconds()
        aura = await run(self.aura)
        cpu_after = self.cpu_seconds()
        explained = explain(before, await self.snapshot())
        runs = explained["agent_runs_completed"] + explained["agent_runs_failed"]
        if runs:
            # CPU per scenario: the measure that the agent's single event loop bounds throughput
            # by, and less noisy than scenarios per second on a shared machine.
            explained["cpu_ms_per_run"] = {
                name: 1000 * (cpu_after[name] - cpu_before[name]) / runs for name in cpu_after
            }
        self.metrics[phase] = explained
        floor = await run(self.floor)
        say(f"\n[{phase}] aura: {brief(aura)}\n[{phase}] floor: {brief(floor)}")
        say("    aura /metrics over the phase (p50/p99 are histogram-bucket estimates):")
        for line in describe(explained):
            say(f"      {line}")
        return aura, floor


def brief(figures: Figures) -> str:
    parts = []
    for key in ("approve_to_next_event_p50", "approve_to_next_event_p99", "post_to_done_p50"):
        parts.append(f"{key} {ms(figures[key])}")
    if "scenarios_per_s" in figures:
        parts.append(f"scenarios/s {figures['scenarios_per_s']:.1f}")
    if "client_cpu_share" in figures:
        parts.append(f"client CPU {figures['client_cpu_share']:.0%}")
    parts.append(
        f"completed {figures['completed']} ({figures['events_per_run']:g} events each), "
        f"errors {figures['errors']}"
    )
    if "all_counted_after_s" in figures:
        parts.append(
            f"{figures['counted_waiting']:g} counted waiting at the gate "
            f"{figures['all_counted_after_s']:.1f} s after opening (every hitl in "
            f"{figures['all_paused_after_s']:.1f} s)"
        )
    if figures.get("warmup_s"):
        parts.append(
            f"warm-up {figures['warmup_s']:.1f} s, window {figures['window_s']:.1f} s, "
            f"unfinished {figures['unfinished']}"
        )
    if figures.get("first_errors"):
        parts.append(f"first errors {figures['first_errors']}")
    return "; ".join(parts)


async def measure(args: argparse.Namespace, system: RunningSystem, floor: Floor) -> dict[str, Any]:
    async with client_session() as session:
        token = await aura_token(session, system.gateway)
        bench = Bench(session, aura_site(system.gateway, token), floor_site(floor.proxy), system)
        await warm_up(session, bench.aura)
        await warm_up(session, bench.floor)
        say("warmed up (3 scenarios on each side)")

        graph = await langgraph_resume(args.langgraph_runs)
        langgraph = {
            "resume_to_first_update_p50": percentile(graph.first_update, 0.5),
            "resume_to_first_update_p99": percentile(graph.first_update, 0.99),
            "resume_to_finish_p50": percentile(graph.finished, 0.5),
        }
        say(
            f"\n[langgraph] resume → first update p50 "
            f"{ms(langgraph['resume_to_first_update_p50'])}, → finish p50 "
            f"{ms(langgraph['resume_to_finish_p50'])} ({args.langgraph_runs} runs)"
        )

        results: dict[str, dict[str, Figures]] = {"aura": {}, "floor": {}}

        def keep(phase: str, pair: tuple[Figures, Figures]) -> None:
            results["aura"][phase], results["floor"][phase] = pair

        keep(
            "one_client",
            await bench.both("one_client", lambda s: one_client(session, s, args.runs)),
        )

        paused_levels: dict[str, float] = {}

        async def record_levels() -> None:
            paused_levels.update(gauges(await bench.snapshot()))

        async def gate(site: Site) -> Figures:
            if site is bench.aura:
                return await waiting_gate(
                    session,
                    site,
                    args.gate_clients,
                    args.gate_rate,
                    on_all_paused=record_levels,
                    count_waiting=bench.agent_paused,
                )
            return await waiting_gate(session, site, args.gate_clients, args.gate_rate)

        keep("waiting_gate", await bench.both("waiting_gate", gate))
        say(f"    aura levels with all paused: {paused_levels}")
        bench.metrics["waiting_gate_levels"] = paused_levels

        for clients in args.concurrency:
            phase = f"throughput_{clients}"
            keep(phase, await bench.both(phase, under_load(session, clients, args.seconds)))
        return {"langgraph": langgraph, **results, "metrics": bench.metrics}


def under_load(
    session: aiohttp.ClientSession, clients: int, seconds: float
) -> Callable[[Site], Awaitable[Figures]]:
    async def run(site: Site) -> Figures:
        return await throughput(session, site, clients, seconds)

    return run


def raise_file_limit() -> None:
    """Many open streams: lift the descriptor limit for this process and those it starts."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run: every phase shortened")
    parser.add_argument("--runs", type=int, help="one-client runs (200; quick 20)")
    parser.add_argument("--gate-clients", type=int, help="runs paused at once (500; quick 100)")
    parser.add_argument("--gate-rate", type=float, default=50.0, help="approvals per second")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--seconds", type=float, help="each throughput window (20; quick 6)")
    parser.add_argument("--langgraph-runs", type=int, help="LangGraph resumes (200; quick 50)")
    add_redis_option(parser)
    args = parser.parse_args()
    for key, value in (QUICK if args.quick else FULL).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


def command(args: argparse.Namespace) -> str:
    return (
        ".venv/bin/python -m bench.compare "
        f"--runs {args.runs} --gate-clients {args.gate_clients} --gate-rate {args.gate_rate:g} "
        f"--concurrency {' '.join(map(str, args.concurrency))} --seconds {args.seconds:g} "
        f"--langgraph-runs {args.langgraph_runs}" + redis_option(args.redis_url)
    )


def main() -> None:
    args = parse_args()
    raise_file_limit()
    started = datetime.now(UTC)
    host = machine()
    host["redis"] = redis_shown(args.redis_url) if args.redis_url else "private"
    say(
        f"bench.compare {started:%Y-%m-%d %H:%M} UTC; {host['cores']} cores, {host['cpu']}; "
        f"load average {host['load_avg'][0]:.2f}; {redis_described(args.redis_url)}"
    )
    clock = time.perf_counter()
    with (
        redis_for_bench(args.redis_url) as redis_url,
        database_for_tests() as database_url,
        start_system(redis_url, database_url, SYSTEM_ENV) as system,
        start_floor(redis_url) as floor,
    ):
        say(f"Aura up (gateway {system.gateway}); floor up (proxy {floor.proxy})")
        result = asyncio.run(measure(args, system, floor))
    table, targets = rows(result, args)
    say("")
    print_table(table)
    host["load_avg_after"] = os.getloadavg()
    say(f"\nreproduce: {command(args)}   ({time.perf_counter() - clock:.0f} s)")
    say(
        json.dumps(
            plain(
                {
                    "bench": "compare",
                    "date": started.isoformat(timespec="seconds"),
                    "machine": host,
                    "command": command(args),
                    "targets_met": targets,
                    **result,
                }
            ),
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
