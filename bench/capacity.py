"""Waiting capacity (issue 12, target 3): how many runs one agent process holds paused at the
approval gate, each with its SSE stream open through a gateway, and what each one costs.

Starts the whole system (`./dev up` on free ports, one agent process, SQLite, offline planner, a
private redis-server of its own or `--redis-url URL`, as `bench.compare` does), lifts the
descriptor limits first (the services inherit them), and with `--gateways N` starts N − 1 more
gateway processes beside the system's own (`bench.extra_gateways`: `aura serve gateway` on a free
port, the system's environment, the same agent behind every one).

Why several gateways: the descriptor limit F is per process, and only root (CAP_SYS_RESOURCE) may
raise the hard one (20,000 on the machine this was written on). The agent holds one socket per
open stream, so one agent process can hold about F − 200 streams; a gateway holds two (the
client's and its own to the agent), so one gateway process carries about (F − 200) / 2 = 9,900.
10,000 streams to one agent therefore need two gateways, as a real deployment at that scale runs
several gateway processes behind a load balancer. The client spreads its streams round-robin over
the gateways (each stream's POST goes to one of them; approvals go round-robin too, through any);
it holds one socket per stream itself and lifts its own soft limit to the hard one. The bench caps
the runs at N × (F − 200) / 2 (and at F − 200 for the agent), and says how many gateways the runs
asked for would need.

It opens the send-mail runs (each with a prompt of its own) a window at a time, each read by one
asyncio client until it pauses at the gate (`hitl`). At each level (0, 1k, 2.5k, 5k, 10k paused)
it waits until the agent's `aura_agent_runs_paused` gauge counts every run whose `hitl` arrived,
lets the system settle and samples:

  - the agent's RSS, and per paused run (RSS_N − RSS_0) / N; the agent's descriptors;
  - the gateways' RSS summed over every gateway process, and per open stream (that sum's
    difference ÷ N); the descriptors of the busiest gateway; each gateway's open-stream gauge;
  - the agent's Redis connections (`CLIENT LIST`, by the client name the agent gives its pools:
    `aura-agent-<pid>` for the command pool, `…-pubsub` for the hub's one connection);
  - the agent's CPU share while the runs only wait (HITL polls, SSE heartbeats, the sweeper).

Then it approves every run through the gateways' main-service route at a bounded rate and
checks that every stream reached `[DONE]` with no error, and that the mail service stored one
sent mail per run. Prints a table, then one JSON line.

Target 3: 10,000 paused runs in one process, a constant number of Redis connections,
≤ 50 KiB of agent memory per paused run, zero errors when they are all approved.

Reproduce:   .venv/bin/python -m bench.capacity --gateways 2    (10,000 runs, about 15 minutes)
Smoke run:   .venv/bin/python -m bench.capacity --quick         (1,000 runs, about 2 minutes)
Options:     --runs N --gateways N --window W --approve-rate R --poll-seconds S
             --heartbeat-seconds S --redis-url URL
"""

import argparse
import asyncio
import json
import os
import resource
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import psutil
import uvloop
from redis.asyncio import Redis
from tests.support.backends import database_for_tests
from tests.support.system import SERVICE_NAMES, RunningSystem, start_system

from bench.backends import (
    add_redis_option,
    redis_described,
    redis_for_bench,
    redis_option,
    redis_shown,
)
from bench.compare import machine
from bench.extra_gateways import Gateway, extra_gateways
from bench.phases import (
    GATE_COUNT_TIMEOUT_SECONDS,
    first_errors,
    percentile,
    until_counted,
    warm_up,
)
from bench.probes import service_pids
from bench.scenario import Scenario, Site, approve, aura_site, aura_token, client_session, drive
from bench.service_metrics import gauges, runs_paused, scrape

LEVELS = (0, 1000, 2500, 5000, 10_000)
QUICK_RUNS = 1000
SETTLE_SECONDS = 3.0
CPU_WINDOW_SECONDS = 10.0
OPEN_TIMEOUT_SECONDS = 120.0
DRAIN_TIMEOUT_SECONDS = 900.0
TARGET_KIB_PER_RUN = 50.0
FILES_SPARE = 200  # a service's own files besides its streams' sockets
REDIS_POOL_SIZE = 32  # the agent's REDIS_MAX_CONNECTIONS default


def say(text: str) -> None:
    print(text, flush=True)


def raise_file_limit(wanted: int) -> int:
    """Lift the descriptor limit of this process and of everything it starts (`./dev up` and
    its services inherit it): to `wanted` when allowed to raise the hard limit (root), else to
    the hard limit. Returns the limit set."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = max(soft, hard)
    if wanted > hard:
        ceiling = int(Path("/proc/sys/fs/nr_open").read_text())
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, ceiling),) * 2)
            return min(wanted, ceiling)
        except (ValueError, OSError):
            pass  # not allowed: the hard limit is the most we get
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, target))
    return target


@dataclass
class Level:
    paused: int
    agent_rss_mib: float
    gateway_rss_mib: float
    """Every gateway process's RSS, summed."""
    main_rss_mib: float
    agent_fds: int
    gateway_fds: int
    """The busiest gateway's descriptors."""
    gateway_streams: list[int]
    """Each gateway's open streams (its `aura_gateway_open_streams` gauge), the system's first."""
    redis_pool: int
    redis_pubsub: int
    agent_cpu_share: float
    gauges: dict[str, float]
    open_seconds: float = 0.0
    per_run_kib: float = 0.0
    per_stream_kib: float = 0.0
    marginal_kib: float = 0.0
    """(RSS − RSS at the previous level) / (runs added since): the steady cost of one more."""


@dataclass
class Capacity:
    """The client side: every stream's scenario, and the runs paused so far. Streams go to the
    gateways in `sites` in turn, as a round-robin load balancer would send them."""

    session: aiohttp.ClientSession
    sites: list[Site]
    window: asyncio.Semaphore
    paused: list[Scenario] = field(default_factory=list)
    streams: list["asyncio.Task[Scenario]"] = field(default_factory=list)

    def launch(self) -> None:
        site = self.sites[len(self.streams) % len(self.sites)]
        self.streams.append(asyncio.create_task(self._open_one(site)))

    async def _open_one(self, site: Site) -> Scenario:
        """One run, opened while fewer than `window` others are still on their way to the gate;
        its stream is then read to the end (the approval comes later, from `approve_all`)."""
        reached = asyncio.Event()

        async def at_gate(scenario: Scenario) -> None:
            self.paused.append(scenario)
            reached.set()

        async with self.window:
            task = asyncio.create_task(drive(self.session, site, at_gate))
            task.add_done_callback(lambda _task: reached.set())
            await reached.wait()
        return await task

    def settled(self) -> int:
        """Runs paused, plus streams that ended before pausing (failures)."""
        return len(self.paused) + sum(1 for s in self.streams if s.done() and not self._paused(s))

    def _paused(self, stream: "asyncio.Task[Scenario]") -> bool:
        return not stream.cancelled() and bool(stream.result().hitl)


def rss_mib(pid: int) -> float:
    return float(psutil.Process(pid).memory_info().rss) / 2**20


async def agent_redis_connections(redis: Redis, agent_pid: int) -> tuple[int, int]:
    """(command pool, pub/sub) connections the agent holds, by the names it gives them."""
    name = f"aura-agent-{agent_pid}"
    pool = pubsub = 0
    for client in await redis.client_list():
        client_name = str(client.get("name") or "")
        if client_name == name:
            pool += 1
        elif client_name == f"{name}-pubsub":
            pubsub += 1
    return pool, pubsub


async def cpu_share(pid: int, seconds: float) -> float:
    process = psutil.Process(pid)
    before, started = process.cpu_times(), time.perf_counter()
    await asyncio.sleep(seconds)
    after = process.cpu_times()
    used = float(after.user - before.user) + float(after.system - before.system)
    return used / (time.perf_counter() - started)


async def open_streams(session: aiohttp.ClientSession, gateway: Gateway) -> int:
    snapshot = await scrape(session, {"gateway": gateway.url})
    return int(snapshot.value("gateway", "aura_gateway_open_streams"))


async def sample(
    system: RunningSystem,
    pids: dict[str, int],
    gateways: list[Gateway],
    redis: Redis,
    session: aiohttp.ClientSession,
    paused: int,
    cpu_window: float,
) -> Level:
    await asyncio.sleep(SETTLE_SECONDS)
    share = await cpu_share(pids["agent"], cpu_window)
    pool, pubsub = await agent_redis_connections(redis, pids["agent"])
    services = {name: system.url(name) for name in SERVICE_NAMES if name != "gateway"}
    levels = gauges(await scrape(session, services))
    streams = [await open_streams(session, gateway) for gateway in gateways]
    levels["gateway_open_streams"] = float(sum(streams))  # every gateway's, not only the first's
    return Level(
        paused=paused,
        agent_rss_mib=rss_mib(pids["agent"]),
        gateway_rss_mib=sum(rss_mib(gateway.pid) for gateway in gateways),
        main_rss_mib=rss_mib(pids["main"]),
        agent_fds=psutil.Process(pids["agent"]).num_fds(),
        gateway_fds=max(psutil.Process(gateway.pid).num_fds() for gateway in gateways),
        gateway_streams=streams,
        redis_pool=pool,
        redis_pubsub=pubsub,
        agent_cpu_share=share,
        gauges=levels,
    )


def sent_mails(system: RunningSystem) -> int | None:
    """Sent mails in the mail service's SQLite database; None when it is not SQLite."""
    path = system.var_dir / "mail.db"
    if not path.exists():
        return None
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        row = connection.execute(
            "SELECT count(*) FROM mail_messages WHERE folder = 'sent'"
        ).fetchone()
    return int(row[0])


async def approve_all(capacity: Capacity, rate: float) -> dict[str, Any]:
    """Approve every paused run at `rate` per second, then wait for every stream to end. Any
    gateway takes any approval (they go to the main service): they are spread in turn."""
    started = time.perf_counter()
    approvals = []
    sites = capacity.sites
    for index, scenario in enumerate(list(capacity.paused)):
        await asyncio.sleep(max(0.0, started + index / rate - time.perf_counter()))
        site = sites[index % len(sites)]
        approvals.append(asyncio.create_task(approve(capacity.session, site, scenario)))
    await asyncio.gather(*approvals)
    sent_for = time.perf_counter() - started
    done, pending = await asyncio.wait(capacity.streams, timeout=DRAIN_TIMEOUT_SECONDS)
    for task in pending:
        task.cancel()
    scenarios = [task.result() for task in done]
    finished = [s for s in scenarios if s.complete]
    return {
        "approved": len(approvals),
        "approvals_sent_in_s": sent_for,
        "approve_rate_sent": len(approvals) / max(sent_for, 1e-9),
        "all_finished_after_s": time.perf_counter() - started,
        "completed": len(finished),
        "errors": len(scenarios) - len(finished) + len(pending),
        "unfinished": len(pending),
        "first_errors": first_errors(scenarios),
        "approve_to_done_p50": percentile([s.done - s.approve_sent for s in finished], 0.5),
        "approve_to_done_p99": percentile([s.done - s.approve_sent for s in finished], 0.99),
    }


async def open_level(capacity: Capacity, level: int, window: int) -> float:
    """Open runs until `level` have been opened and have paused (or failed); the seconds it took."""
    opened = time.perf_counter()
    while len(capacity.streams) < level:
        capacity.launch()
        if len(capacity.streams) % window == 0:
            await asyncio.sleep(0)  # let the window fill and drain as it goes
    deadline = opened + OPEN_TIMEOUT_SECONDS + level / 10
    while capacity.settled() < level and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    return time.perf_counter() - opened


def per_run(level: Level, samples: list[Level]) -> None:
    """Fill in the level's costs per paused run, against the first sample and the previous one."""
    if not samples or not level.paused:
        return
    base, previous = samples[0], samples[-1]
    level.per_run_kib = (level.agent_rss_mib - base.agent_rss_mib) * 1024 / level.paused
    # Summed over every gateway: what the streams cost the gateway tier, whatever its size.
    level.per_stream_kib = (level.gateway_rss_mib - base.gateway_rss_mib) * 1024 / level.paused
    if level.paused > previous.paused:
        added = level.paused - previous.paused
        level.marginal_kib = (level.agent_rss_mib - previous.agent_rss_mib) * 1024 / added


async def measure(
    args: argparse.Namespace, system: RunningSystem, extra: list[Gateway]
) -> dict[str, Any]:
    pids = service_pids(system)
    gateways = [Gateway(system.gateway, pids["gateway"]), *extra]
    levels = sorted({level for level in LEVELS if level < args.runs} | {0, args.runs})
    if args.quick:
        levels = sorted({0, args.runs // 4, args.runs // 2, args.runs})
    cpu_window = CPU_WINDOW_SECONDS / 2 if args.quick else CPU_WINDOW_SECONDS
    redis = Redis.from_url(system.env["REDIS_URL"], decode_responses=True)
    samples: list[Level] = []
    try:
        async with client_session() as session:
            token = await aura_token(session, system.gateway)  # every gateway takes it
            sites = [aura_site(gateway.url, token) for gateway in gateways]
            for site in sites:
                await warm_up(session, site)  # lazy imports, pooled connections: not per run
            mails_before = sent_mails(system)
            capacity = Capacity(session, sites, asyncio.Semaphore(args.window))

            async def agent_paused() -> float:
                return await runs_paused(session, system.url("agent"))

            already = await agent_paused()
            try:
                for level in levels:
                    open_seconds = await open_level(capacity, level, args.window)
                    paused = len(capacity.paused)
                    # A `hitl` received is not yet a run waiting: sample once the agent counts
                    # every one of them at its gate.
                    await until_counted(
                        agent_paused, already + paused, GATE_COUNT_TIMEOUT_SECONDS + paused / 100
                    )
                    level_sample = await sample(
                        system, pids, gateways, redis, session, paused, cpu_window
                    )
                    level_sample.open_seconds = open_seconds
                    per_run(level_sample, samples)
                    samples.append(level_sample)
                    say(describe_level(level_sample))
                    if paused < level:
                        say(f"  only {paused} of {level} runs reached the gate; approving those")
                        break
                say(f"approving {len(capacity.paused):,} runs at {args.approve_rate:g}/s ...")
                finish = await approve_all(capacity, args.approve_rate)
            finally:
                for stream in capacity.streams:
                    stream.cancel()  # interrupted: let the session close
            after = await sample(system, pids, gateways, redis, session, 0, cpu_window / 2)
    finally:
        await redis.aclose()
    mails_after = sent_mails(system)
    finish["mails_sent"] = (
        None if mails_before is None or mails_after is None else mails_after - mails_before
    )
    return {"levels": samples, "finish": finish, "after": after}


def streams_per_gateway(level: Level) -> str:
    return "+".join(str(streams) for streams in level.gateway_streams)


def describe_level(level: Level) -> str:
    return (
        f"  {level.paused:>6} paused: agent {level.agent_rss_mib:7.1f} MiB "
        f"({level.per_run_kib:5.1f} KiB/run, marginal {level.marginal_kib:5.1f}, "
        f"{level.agent_fds} fds, CPU "
        f"{level.agent_cpu_share:.0%}), gateways {level.gateway_rss_mib:7.1f} MiB "
        f"({level.per_stream_kib:5.1f} KiB/stream, busiest {level.gateway_fds} fds, streams "
        f"{streams_per_gateway(level)}), agent Redis "
        f"{level.redis_pool}+{level.redis_pubsub}, opened in {level.open_seconds:.1f} s"
    )


def print_table(result: dict[str, Any]) -> None:
    header = (
        "| paused runs | agent RSS | KiB per paused run (marginal) | agent Redis connections "
        "(pool + pub/sub) | agent CPU while waiting | gateway RSS (all gateways) "
        "| KiB per open stream | open streams per gateway |"
    )
    say(header)
    say("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for level in result["levels"]:
        per_run = f"{level.per_run_kib:.1f} ({level.marginal_kib:.1f})" if level.paused else "—"
        per_stream = f"{level.per_stream_kib:.1f}" if level.paused else "—"
        say(
            f"| {level.paused:,} | {level.agent_rss_mib:.1f} MiB | {per_run} | "
            f"{level.redis_pool} + {level.redis_pubsub} | {level.agent_cpu_share:.0%} | "
            f"{level.gateway_rss_mib:.1f} MiB | {per_stream} | {streams_per_gateway(level)} |"
        )
    finish, after = result["finish"], result["after"]
    say(
        f"\napproved {finish['approved']:,} at {finish['approve_rate_sent']:.0f}/s: "
        f"{finish['completed']:,} streams reached [DONE], errors {finish['errors']}, "
        f"unfinished {finish['unfinished']}, mails sent {finish['mails_sent']}; all finished "
        f"{finish['all_finished_after_s']:.1f} s after the first approval; approve → [DONE] "
        f"p50 {finish['approve_to_done_p50'] * 1000:.0f} ms, "
        f"p99 {finish['approve_to_done_p99'] * 1000:.0f} ms"
    )
    if finish["first_errors"]:
        say(f"first errors: {finish['first_errors']}")
    say(
        f"after: agent {after.agent_rss_mib:.1f} MiB, gateways {after.gateway_rss_mib:.1f} MiB, "
        f"agent Redis {after.redis_pool} + {after.redis_pubsub}, gauges {after.gauges}"
    )


def verdict(result: dict[str, Any], runs: int, pool_size: int) -> dict[str, bool]:
    levels, finish = result["levels"], result["finish"]
    top = levels[-1]
    return {
        "all_paused": top.paused == runs,
        # At most the bounded pool plus the hub's one connection, whatever the number of runs.
        "redis_connections_bounded": all(
            level.redis_pool <= pool_size and level.redis_pubsub == 1 for level in levels
        ),
        "le_50_kib_per_paused_run": top.per_run_kib <= TARGET_KIB_PER_RUN,
        "all_finished_without_errors": finish["completed"] == runs and finish["errors"] == 0,
        "one_mail_per_run": finish["mails_sent"] in (None, runs),
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_RUNS} runs, shorter windows")
    parser.add_argument("--runs", type=int, help="runs paused at once (10000; quick 1000)")
    parser.add_argument(
        "--gateways",
        type=int,
        default=1,
        help="gateway processes the streams are spread over (1: only the system's own)",
    )
    parser.add_argument("--window", type=int, default=32, help="runs on their way to the gate")
    parser.add_argument("--approve-rate", type=float, default=50.0, help="approvals per second")
    parser.add_argument(
        "--poll-seconds", type=float, default=2.0, help="HITL_POLL_SECONDS (2, the default)"
    )
    parser.add_argument(
        "--heartbeat-seconds",
        type=float,
        default=15.0,
        help="SSE_HEARTBEAT_SECONDS (15, the default)",
    )
    add_redis_option(parser)
    args = parser.parse_args()
    if args.runs is None:
        args.runs = QUICK_RUNS if args.quick else LEVELS[-1]
    if args.gateways < 1:
        parser.error("--gateways must be at least 1")
    return args


def command(args: argparse.Namespace) -> str:
    return (
        f".venv/bin/python -m bench.capacity --runs {args.runs} --gateways {args.gateways} "
        f"--window {args.window} "
        f"--approve-rate {args.approve_rate:g} --poll-seconds {args.poll_seconds:g} "
        f"--heartbeat-seconds {args.heartbeat_seconds:g}"
        + (" --quick" if args.quick else "")
        + redis_option(args.redis_url)
    )


def system_env(args: argparse.Namespace) -> dict[str, str]:
    return {
        "LOG_LEVEL": "WARNING",
        "HITL_POLL_SECONDS": f"{args.poll_seconds:g}",
        "SSE_HEARTBEAT_SECONDS": f"{args.heartbeat_seconds:g}",
        "MAX_CONCURRENT_RUNS": str(args.runs + 100),
        # Opening and approving 10,000 runs takes minutes: none may expire on the way.
        "HITL_TIMEOUT_SECONDS": "1700",
        # The sweeper runs every HITL_POLL_SECONDS and renews a lease that must outlast it.
        "RUN_OWNER_LEASE_SECONDS": f"{max(15.0, 3 * args.poll_seconds):g}",
        "RUN_LOG_RETENTION_SECONDS": "3600",
    }


def cap_runs(args: argparse.Namespace, files: int) -> None:
    """Lower `args.runs` to what the processes may hold under a limit of `files` descriptors each:
    a gateway two sockets per open stream (client and agent side), the agent and this client one."""
    per_gateway = (files - FILES_SPARE) // 2
    if args.runs > args.gateways * per_gateway:
        needed = -(-args.runs // per_gateway)
        most = args.gateways * per_gateway
        say(
            f"a gateway holds two sockets per open stream (client and agent side) and may open "
            f"{files} files here (a hard limit only root with CAP_SYS_RESOURCE may raise): "
            f"{per_gateway:,} streams per gateway, so {args.runs:,} runs need {needed} gateways "
            f"(--gateways {needed}); with {args.gateways}, measuring {most:,} runs"
        )
        args.runs = most
    per_process = files - FILES_SPARE
    if args.runs > per_process:
        say(
            f"the agent (and this client) hold one socket per open stream and may open {files} "
            f"files: measuring {per_process:,} runs instead of {args.runs:,}"
        )
        args.runs = per_process


def main() -> None:
    args = parse_args()
    files = raise_file_limit(3 * args.runs + 4096)
    cap_runs(args, files)
    started = datetime.now(UTC)
    host = machine()
    host["redis"] = redis_shown(args.redis_url) if args.redis_url else "private"
    say(
        f"bench.capacity {started:%Y-%m-%d %H:%M} UTC; {host['cores']} cores, {host['cpu']}; "
        f"load average {host['load_avg'][0]:.2f}; descriptor limit {files}; "
        f"{args.gateways} gateway process{'es' if args.gateways > 1 else ''}; "
        f"{redis_described(args.redis_url)}"
    )
    clock = time.perf_counter()
    with (
        redis_for_bench(args.redis_url) as redis_url,
        database_for_tests() as database_url,
        start_system(redis_url, database_url, system_env(args)) as system,
        extra_gateways(system, args.gateways - 1) as extra,
    ):
        urls = ", ".join([system.gateway, *(gateway.url for gateway in extra)])
        say(f"Aura up (gateways {urls}); opening {args.runs:,} runs, {args.window} at once")
        result = uvloop.run(measure(args, system, extra))
    say("")
    print_table(result)
    met = verdict(result, args.runs, REDIS_POOL_SIZE)
    host["load_avg_after"] = os.getloadavg()
    say(f"\ntarget 3: {met}")
    say(f"reproduce: {command(args)}   ({time.perf_counter() - clock:.0f} s)")
    say(
        json.dumps(
            {
                "bench": "capacity",
                "date": started.isoformat(timespec="seconds"),
                "machine": host,
                "gateways": args.gateways,
                "command": command(args),
                "targets_met": met,
                "levels": [vars(level) for level in result["levels"]],
                "finish": result["finish"],
                "after": vars(result["after"]),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
