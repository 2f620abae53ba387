"""Load: N users at once through the gateway, each logging in, asking to delete 3 mails,
having the request approved from a separate client and reading the stream to `[DONE]`.

Starts every service with `./dev up` (as the e2e tests do) on its own var directory and a private
redis-server of its own (or `--redis-url URL`), creates N accounts with seeded mailboxes, runs every
session concurrently, and prints throughput, latency per phase, every answer by status (429/409 are
the allowed refusals, honoured with Retry-After), errors, memory/fds/connections per service (idle,
peak, after) and Redis clients. Each session asks in words of its own (`bench.prompts`), so the
planner parses every prompt afresh.

Reproduce:  .venv/bin/python -m bench.load [--users 500] [--redis-url URL]
"""

import argparse
import asyncio
import contextlib
import os
import time

import httpx
from redis.asyncio import Redis
from tests.support.backends import database_for_tests
from tests.support.system import RunningSystem, start_system

from bench.accounts import create_accounts
from bench.backends import add_redis_option, redis_described, redis_for_bench, redis_option
from bench.flows import Stats, percentiles, session
from bench.probes import ServiceSample, redis_clients, sample_services, service_pids

TENANT = "loadtest"


def database_urls(system: RunningSystem) -> tuple[str, str]:
    shared = system.env.get("DATABASE_URL")
    if shared:
        return shared, shared
    return (
        f"sqlite+aiosqlite:///{system.var_dir / 'auth.db'}",
        f"sqlite+aiosqlite:///{system.var_dir / 'mail.db'}",
    )


class Watcher:
    """Samples every service and Redis once a second; keeps the peaks."""

    def __init__(self, system: RunningSystem, redis: Redis) -> None:
        self.system = system
        self.redis = redis
        self.pids = service_pids(system)
        self.peak_rss: dict[str, float] = {}
        self.peak_fds: dict[str, int] = {}
        self.peak_close_wait: dict[str, int] = {}
        self.peak_redis: dict[str, int] = {}

    async def sample(self) -> dict[str, ServiceSample]:
        found = await asyncio.to_thread(sample_services, self.system, self.pids)
        for name, sample in found.items():
            self.peak_rss[name] = max(self.peak_rss.get(name, 0.0), sample.rss_mib)
            self.peak_fds[name] = max(self.peak_fds.get(name, 0), sample.fds)
            self.peak_close_wait[name] = max(self.peak_close_wait.get(name, 0), sample.close_wait)
        for name, count in (await redis_clients(self.redis)).items():
            self.peak_redis[name] = max(self.peak_redis.get(name, 0), count)
        return found

    async def run(self) -> None:
        while True:
            await self.sample()
            await asyncio.sleep(1.0)


def print_services(
    idle: dict[str, ServiceSample], after: dict[str, ServiceSample], watcher: Watcher
) -> None:
    print(
        "\nper service         RSS MiB idle / peak / after     fds idle / peak / after   "
        "CLOSE-WAIT peak / after"
    )
    for name in idle:
        print(
            f"  {name:<8} {idle[name].rss_mib:8.1f} / {watcher.peak_rss[name]:7.1f} / "
            f"{after[name].rss_mib:7.1f}      {idle[name].fds:5d} / {watcher.peak_fds[name]:5d} / "
            f"{after[name].fds:5d}        {watcher.peak_close_wait[name]:4d} / "
            f"{after[name].close_wait:4d} {after[name].close_wait_to or ''}"
        )


async def run_load(system: RunningSystem, users: int) -> Stats:
    auth_url, mail_url = database_urls(system)
    started = time.perf_counter()
    names = await create_accounts(auth_url, mail_url, TENANT, users)
    print(
        f"created {users} accounts with seeded mailboxes in {time.perf_counter() - started:.1f} s"
    )
    redis = Redis.from_url(system.env["REDIS_URL"], decode_responses=True)
    watcher = Watcher(system, redis)
    idle = await watcher.sample()
    idle_redis = await redis_clients(redis)
    stats = Stats()
    limits = httpx.Limits(max_connections=users + 50, max_keepalive_connections=users + 50)
    timeout = httpx.Timeout(600.0, connect=30.0)
    sampler = asyncio.create_task(watcher.run())
    async with (
        httpx.AsyncClient(limits=limits, timeout=timeout) as http,
        httpx.AsyncClient(limits=limits, timeout=timeout) as approver,
    ):
        began = time.perf_counter()
        await asyncio.gather(
            *(session(http, approver, system.gateway, TENANT, name, stats) for name in names)
        )
        elapsed = time.perf_counter() - began
    sampler.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await sampler
    await asyncio.sleep(5)  # let keep-alive and run bookkeeping settle before "after"
    after = await watcher.sample()
    after_redis = await redis_clients(redis)
    await redis.aclose()

    requests = sum(stats.answers.values())
    print(
        f"\n{users} concurrent users, {stats.completed} sessions reached [DONE] after approval "
        f"in {elapsed:.1f} s"
    )
    print(
        f"throughput: {stats.completed / elapsed:.1f} sessions/s, {requests / elapsed:.1f} "
        f"requests/s ({requests} requests)"
    )
    print("\nlatency per phase")
    for phase, values in stats.phases.items():
        print(f"  {phase:<32} {percentiles(values)}")
    print("\nanswers: " + ", ".join(f"{key}: {n}" for key, n in sorted(stats.answers.items())))
    print(f"5xx answers: {stats.server_errors}; other errors: {len(stats.errors)}")
    for error in sorted(set(stats.errors))[:10]:
        print(f"  {error}")
    print_services(idle, after, watcher)
    print(f"\nRedis clients: idle {idle_redis}, peak {watcher.peak_redis}, after {after_redis}")
    return stats


async def main(args: argparse.Namespace) -> None:
    print(f"machine: {os.cpu_count()} cores; {redis_described(args.redis_url)}")
    env = {"LOG_LEVEL": "WARNING", "HITL_POLL_SECONDS": "2"}
    with (
        redis_for_bench(args.redis_url) as redis_url,
        database_for_tests() as database_url,
        start_system(redis_url, database_url, env) as system,
    ):
        await run_load(system, args.users)
    print(
        f"\nreproduce: .venv/bin/python -m bench.load --users {args.users}"
        f"{redis_option(args.redis_url)}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=500)
    add_redis_option(parser)
    asyncio.run(main(parser.parse_args()))
