"""Soak: sessions at a moderate, steady rate for a bounded time (30 minutes by default), with
memory, file descriptors and TCP connections of every service and Redis clients sampled
throughout, to show whether they stay flat.

Each session is the load test's (log in, delete 3 mails, approve from a second client, read to
`[DONE]`), for users of its own with seeded mailboxes, against a private redis-server of its own (or
`--redis-url URL`). The run stops by itself after --minutes; CLOSE-WAIT sockets are listed per
service and per peer (e.g. agent -> mail).

Reproduce:  .venv/bin/python -m bench.soak [--minutes 30] [--rate 30] [--sample-seconds 60]
            [--redis-url URL]
"""

import argparse
import asyncio
import math
import os
import time

import httpx
from redis.asyncio import Redis
from tests.support.backends import database_for_tests
from tests.support.system import RunningSystem, start_system

from bench.accounts import create_accounts
from bench.backends import add_redis_option, redis_described, redis_for_bench, redis_option
from bench.flows import Stats, percentiles, session
from bench.load import database_urls
from bench.probes import ServiceSample, redis_clients, sample_services, service_pids

TENANT = "soaktest"
SESSIONS_PER_MAILBOX = 5  # a seeded inbox holds enough for this many "delete 3" sessions


def row(elapsed: float, stats: Stats, samples: dict[str, ServiceSample], redis: int) -> str:
    cells = "  ".join(
        f"{name} {s.rss_mib:5.0f}M {s.fds:3d}fd {s.established:3d}est {s.close_wait:2d}cw"
        for name, s in samples.items()
    )
    return (
        f"{elapsed / 60:5.1f} min  done {stats.completed:5d}  5xx {stats.server_errors}  "
        f"err {len(stats.errors):3d}  redis {redis:3d}  |  {cells}"
    )


async def soak(system: RunningSystem, args: argparse.Namespace) -> None:
    total = math.ceil(args.minutes * args.rate)
    users = await create_accounts(
        *database_urls(system), TENANT, max(20, math.ceil(total / SESSIONS_PER_MAILBOX))
    )
    pids = service_pids(system)
    redis = Redis.from_url(system.env["REDIS_URL"], decode_responses=True)
    stats = Stats()
    history: list[tuple[float, dict[str, ServiceSample], int]] = []
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
    timeout = httpx.Timeout(300.0, connect=30.0)
    started = time.monotonic()
    deadline = started + args.minutes * 60
    next_sample = started
    in_flight: set[asyncio.Task[None]] = set()
    index = 0
    async with (
        httpx.AsyncClient(limits=limits, timeout=timeout) as http,
        httpx.AsyncClient(limits=limits, timeout=timeout) as approver,
    ):
        while (now := time.monotonic()) < deadline:
            if now >= next_sample:
                samples = await asyncio.to_thread(sample_services, system, pids)
                clients = (await redis_clients(redis))["total"]
                history.append((now - started, samples, clients))
                print(row(now - started, stats, samples, clients), flush=True)
                next_sample += args.sample_seconds
            user = users[index % len(users)]
            index += 1
            task = asyncio.create_task(session(http, approver, system.gateway, TENANT, user, stats))
            in_flight.add(task)
            task.add_done_callback(in_flight.discard)
            await asyncio.sleep(60 / args.rate)
        await asyncio.gather(*in_flight)
    await asyncio.sleep(5)
    samples = await asyncio.to_thread(sample_services, system, pids)
    clients = (await redis_clients(redis))["total"]
    history.append((time.monotonic() - started, samples, clients))
    print(row(time.monotonic() - started, stats, samples, clients))
    await redis.aclose()
    report(history, stats, index)


def report(
    history: list[tuple[float, dict[str, ServiceSample], int]], stats: Stats, started: int
) -> None:
    first, last = history[min(1, len(history) - 1)], history[-1]
    print(
        f"\n{started} sessions started, {stats.completed} reached [DONE] after approval; "
        f"5xx {stats.server_errors}; other errors {len(stats.errors)}"
    )
    for error in sorted(set(stats.errors))[:10]:
        print(f"  {error}")
    print(
        "latency: "
        + "; ".join(
            f"{p} {percentiles(v)}"
            for p, v in stats.phases.items()
            if p.startswith("whole") or p.startswith("login")
        )
    )
    print(
        f"\ndrift from the first loaded sample ({first[0] / 60:.1f} min) to the end "
        f"({last[0] / 60:.1f} min):"
    )
    for name, end in last[1].items():
        begin = first[1][name]
        print(
            f"  {name:<8} RSS {begin.rss_mib:6.1f} -> {end.rss_mib:6.1f} MiB   "
            f"fds {begin.fds:4d} -> {end.fds:4d}   established {begin.established:4d} -> "
            f"{end.established:4d}   CLOSE-WAIT max {max(h[1][name].close_wait for h in history)}"
            f" {end.close_wait_to or ''}"
        )
    print(f"  Redis clients {first[2]} -> {last[2]}")


async def main(args: argparse.Namespace) -> None:
    print(
        f"machine: {os.cpu_count()} cores; {args.rate} sessions/min for {args.minutes} min; "
        f"{redis_described(args.redis_url)}"
    )
    env = {"LOG_LEVEL": "WARNING", "HITL_POLL_SECONDS": "2"}
    with (
        redis_for_bench(args.redis_url) as redis_url,
        database_for_tests() as database_url,
        start_system(redis_url, database_url, env) as system,
    ):
        await soak(system, args)
    print(
        f"\nreproduce: .venv/bin/python -m bench.soak --minutes {args.minutes} --rate {args.rate} "
        f"--sample-seconds {args.sample_seconds}{redis_option(args.redis_url)}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--rate", type=float, default=30, help="sessions started per minute")
    parser.add_argument("--sample-seconds", type=float, default=60)
    add_redis_option(parser)
    asyncio.run(main(parser.parse_args()))
