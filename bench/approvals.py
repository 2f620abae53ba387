"""How fast a paused run resumes after a person approves, through the whole system.

Starts every service with `./dev up` (as the e2e tests do; a private redis-server of its own, or
`--redis-url URL`), then:
  1. sequential runs: time from the prompt to the `hitl` event, and from the approve call's
     answer to the run's next event (`plan_step_update approved`) and to `[DONE]`;
  2. CONCURRENT runs paused at the gate at once: memory of the agent and gateway processes and
     the agent's Redis connections while they wait, then the time to approve and finish them all.
Each run asks to send a mail (approval-gated), so the demo mailboxes are not used up, in words
of its own (`bench.prompts`), so the planner parses every prompt afresh.

Reproduce:  .venv/bin/python -m bench.approvals [--runs 30] [--concurrent 200] [--redis-url URL]
"""

import argparse
import asyncio
import itertools
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

import httpx
from redis.asyncio import Redis
from tests.support.backends import database_for_tests
from tests.support.processes import children_of
from tests.support.system import RunningSystem, start_system

from bench.backends import add_redis_option, redis_described, redis_for_bench, redis_option
from bench.prompts import send_mail_prompt

_serials = itertools.count()


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def service_pid(system: RunningSystem, name: str) -> int:
    for pid in children_of(system.process.pid):
        if f"serve\x00{name}" in Path(f"/proc/{pid}/cmdline").read_text():
            return pid
    raise LookupError(name)


async def login(http: httpx.AsyncClient, system: RunningSystem) -> dict[str, str]:
    answer = await http.post(
        f"{system.gateway}/api/auth/login",
        json={"username": "user123", "password": "aura1234", "tenantId": "tenant1"},
    )
    token = answer.json()["data"]["accessToken"]
    return {"Authorization": f"Bearer {token}", "X-Tenant-ID": "tenant1", "X-User-ID": "user123"}


class Run:
    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.hitl_at = 0.0
        self.request_id = ""
        self.approve_sent_at = 0.0
        self.approved_at = 0.0
        self.resumed_at = 0.0
        self.done_at = 0.0
        self.hitl_seen = asyncio.Event()


async def drive(
    http: httpx.AsyncClient, system: RunningSystem, who: dict[str, str], run: Run
) -> None:
    async with http.stream(
        "POST",
        f"{system.gateway}/api/aura/test/stream",
        headers=who,
        json={"prompt": send_mail_prompt(next(_serials))},
    ) as response:
        async for line in response.aiter_lines():
            if not line.startswith("data:"):
                continue
            text = line[5:].strip()
            if text == "[DONE]":
                run.done_at = time.perf_counter()
                return
            event: dict[str, Any] = json.loads(text)
            if event["type"] == "hitl":
                run.hitl_at = time.perf_counter()
                run.request_id = event["data"]["requestId"]
                run.hitl_seen.set()
            elif (
                event["type"] == "plan_step_update"
                and event["data"]["status"] == "approved"
                and not run.resumed_at
            ):
                run.resumed_at = time.perf_counter()


async def approve(
    http: httpx.AsyncClient, system: RunningSystem, who: dict[str, str], run: Run
) -> None:
    run.approve_sent_at = time.perf_counter()
    answer = await http.post(
        f"{system.gateway}/api/aura/hitl/approve/{run.request_id}",
        headers=who,
        json={"userId": "user123"},
    )
    answer.raise_for_status()
    run.approved_at = time.perf_counter()


def summary(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"{label:<44} p50 {statistics.median(ordered) * 1000:7.1f} ms   "
        f"p95 {p95 * 1000:7.1f} ms   max {ordered[-1] * 1000:7.1f} ms"
    )


async def sequential(system: RunningSystem, runs: int) -> None:
    async with httpx.AsyncClient(timeout=120) as http:
        who = await login(http, system)
        done: list[Run] = []
        for _ in range(runs):
            run = Run()
            task = asyncio.create_task(drive(http, system, who, run))
            await run.hitl_seen.wait()
            await approve(http, system, who, run)
            await task
            done.append(run)
    print(f"sequential runs: {runs}")
    print(summary("prompt -> hitl event", [r.hitl_at - r.started for r in done]))
    print(
        summary(
            "approve sent -> approve answered", [r.approved_at - r.approve_sent_at for r in done]
        )
    )
    print(
        summary(
            "approve sent -> run resumed (next event)",
            [r.resumed_at - r.approve_sent_at for r in done],
        )
    )
    print(summary("approve sent -> [DONE]", [r.done_at - r.approve_sent_at for r in done]))


async def concurrent(system: RunningSystem, count: int) -> None:
    agent, gateway = service_pid(system, "agent"), service_pid(system, "gateway")
    idle_agent, idle_gateway = rss_mib(agent), rss_mib(gateway)
    limits = httpx.Limits(max_connections=count * 2 + 10)
    async with httpx.AsyncClient(timeout=300, limits=limits) as http:
        who = await login(http, system)
        runs = [Run() for _ in range(count)]
        started = time.perf_counter()
        tasks = [asyncio.create_task(drive(http, system, who, run)) for run in runs]
        await asyncio.gather(*(run.hitl_seen.wait() for run in runs))
        paused_after = time.perf_counter() - started
        redis = Redis.from_url(system.env["REDIS_URL"], decode_responses=True)
        clients = await redis.client_list()
        await redis.aclose()
        agent_conns = sum(1 for c in clients if c.get("name", "").startswith("aura-agent"))
        print(
            f"\n{count} runs paused at the gate at once "
            f"(all paused {paused_after:.1f} s after the first prompt)"
        )
        print(
            f"  agent RSS    {idle_agent:7.1f} MiB idle -> {rss_mib(agent):7.1f} MiB "
            f"({(rss_mib(agent) - idle_agent) * 1024 / count:.0f} KiB per paused run)"
        )
        print(
            f"  gateway RSS  {idle_gateway:7.1f} MiB idle -> {rss_mib(gateway):7.1f} MiB "
            f"({(rss_mib(gateway) - idle_gateway) * 1024 / count:.0f} KiB per open stream)"
        )
        print(f"  agent Redis connections: {agent_conns}")
        approving = time.perf_counter()
        await asyncio.gather(*(approve(http, system, who, run) for run in runs))
        await asyncio.gather(*tasks)
        finished = time.perf_counter() - approving
        print(
            f"  approve all {count} and finish every run: {finished:.2f} s "
            f"({count / finished:.0f} runs/s)"
        )


async def main(args: argparse.Namespace) -> None:
    print(
        f"machine: {os.cpu_count()} cores; HITL_POLL_SECONDS=2 (pub/sub wakes runs first); "
        f"{redis_described(args.redis_url)}"
    )
    with (
        redis_for_bench(args.redis_url) as redis_url,
        database_for_tests() as database_url,
        start_system(
            redis_url, database_url, {"HITL_POLL_SECONDS": "2", "LOG_LEVEL": "WARNING"}
        ) as system,
    ):
        await sequential(system, args.runs)
        await concurrent(system, args.concurrent)
    print(
        "\nreproduce: .venv/bin/python -m bench.approvals "
        f"--runs {args.runs} --concurrent {args.concurrent}{redis_option(args.redis_url)}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--concurrent", type=int, default=200)
    add_redis_option(parser)
    asyncio.run(main(parser.parse_args()))
