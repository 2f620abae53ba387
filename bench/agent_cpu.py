"""CPU per scenario, service by service: the quick before/after check of a change to the agent.

Throughput on this machine is bounded by the agent's one event loop, so what a change to the agent's
hot path buys shows first as fewer CPU milliseconds per scenario, a figure that moves far less than
scenarios per second when other work shares the two cores. Starts the whole Aura system (as
`bench.compare` does, on a private redis-server of its own unless `--redis-url URL`), warms it up,
then runs `--rounds` rounds of the send-mail scenario with `--clients` concurrent users for
`--seconds` each, and prints per round the scenarios per second and each service's CPU time (user +
system, every thread) divided by the runs the agent ended in that round, with the part of it each
service stood in CPython's garbage collector (`aura_gc_pause_seconds`); last, the median and the
lowest round of each, and one JSON line.

Reproduce:  .venv/bin/python -m bench.agent_cpu [--clients 50] [--seconds 10] [--rounds 3]
            [--redis-url URL]
"""

import argparse
import asyncio
import json
import os
import statistics
import time
from datetime import UTC, datetime
from typing import Any

import psutil
from tests.support.backends import database_for_tests
from tests.support.system import SERVICE_NAMES, RunningSystem, start_system

from bench.backends import add_redis_option, redis_described, redis_for_bench, redis_option
from bench.compare import SYSTEM_ENV, raise_file_limit, say
from bench.phases import throughput, warm_up
from bench.probes import service_pids
from bench.scenario import aura_site, aura_token, client_session
from bench.service_metrics import explain, scrape


def cpu_seconds(processes: dict[str, psutil.Process]) -> dict[str, float]:
    return {name: sum(process.cpu_times()[:2]) for name, process in processes.items()}


async def measure(args: argparse.Namespace, system: RunningSystem) -> list[dict[str, Any]]:
    processes = {name: psutil.Process(pid) for name, pid in service_pids(system).items()}
    urls = {name: system.url(name) for name in SERVICE_NAMES}
    rounds: list[dict[str, Any]] = []
    async with client_session() as session:
        site = aura_site(system.gateway, await aura_token(session, system.gateway))
        await warm_up(session, site, runs=10)
        for number in range(1, args.rounds + 1):
            before, cpu_before, wall = (
                await scrape(session, urls),
                cpu_seconds(processes),
                (time.perf_counter()),
            )
            figures = await throughput(session, site, args.clients, args.seconds)
            cpu_after, elapsed = cpu_seconds(processes), time.perf_counter() - wall
            change = explain(before, await scrape(session, urls))
            runs = change["agent_runs_completed"] + change["agent_runs_failed"]
            used = {name: cpu_after[name] - cpu_before[name] for name in cpu_after}
            result = {
                "scenarios_per_s": figures["scenarios_per_s"],
                "runs": runs,
                "errors": figures["errors"],
                "cpu_ms_per_run": {name: 1000 * used[name] / runs for name in used},
                "gc_ms_per_run": {
                    name: 1000 * seconds / runs for name, seconds in change["gc_pause_s"].items()
                },
                "agent_core_share": used["agent"] / elapsed,
                "load_avg": os.getloadavg()[0],
            }
            rounds.append(result)
            per = ", ".join(f"{k} {v:.1f}" for k, v in result["cpu_ms_per_run"].items())
            collector = ", ".join(f"{k} {v:.2f}" for k, v in result["gc_ms_per_run"].items())
            say(
                f"round {number}: {result['scenarios_per_s']:.1f} scenarios/s, {runs:.0f} runs, "
                f"errors {result['errors']}; agent at {result['agent_core_share']:.0%} of a core; "
                f"CPU ms per scenario: {per} (of which in the garbage collector: {collector}); "
                f"load {result['load_avg']:.2f}"
            )
    return rounds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3)
    add_redis_option(parser)
    args = parser.parse_args()
    raise_file_limit()
    started = datetime.now(UTC)
    say(
        f"bench.agent_cpu {started:%Y-%m-%d %H:%M} UTC; load average {os.getloadavg()[0]:.2f}; "
        f"{redis_described(args.redis_url)}"
    )
    with (
        redis_for_bench(args.redis_url) as redis_url,
        database_for_tests() as database_url,
        start_system(redis_url, database_url, SYSTEM_ENV) as system,
    ):
        rounds = asyncio.run(measure(args, system))
    agent = [r["cpu_ms_per_run"]["agent"] for r in rounds]
    rates = [r["scenarios_per_s"] for r in rounds]
    say(
        f"agent CPU ms per scenario: median {statistics.median(agent):.1f}, lowest {min(agent):.1f}"
        f"; scenarios/s: median {statistics.median(rates):.1f}, highest {max(rates):.1f}"
    )
    command = (
        f".venv/bin/python -m bench.agent_cpu --clients {args.clients} "
        f"--seconds {args.seconds:g} --rounds {args.rounds}{redis_option(args.redis_url)}"
    )
    say(f"reproduce: {command}")
    say(json.dumps({"bench": "agent_cpu", "date": started.isoformat(), "rounds": rounds}))


if __name__ == "__main__":
    main()
