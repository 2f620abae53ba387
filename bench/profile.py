"""Where every service's CPU goes under the throughput load: py-spy on each process at once.

Starts the whole Aura system (as `bench.compare` does, on a private redis-server of its own unless
`--redis-url URL`), drives the send-mail scenario with `--clients` concurrent users (stream →
`hitl` → approve → `[DONE]`), and after `--warmup` seconds records every service process with
`py-spy record` for `--seconds` at `--rate` Hz. Writes, per service, under
`var/bench/profiles/<UTC stamp>/`:
  <service>.txt               py-spy's raw collapsed stacks (`--format raw`, by function)
  <service>.svg               a flame graph of them (hover a frame for its samples)
  <service>.speedscope.json   the same for https://www.speedscope.app
and prints, per service, its CPU share over the window and the top functions by own and by
cumulative samples, and own samples by package.

py-spy samples without pausing the processes (`--nonblocking`: some torn stacks, but it tells
idle threads from busy ones by their OS state); `--blocking` gives exact stacks, but then counts
threads waiting for work as busy. Either way, samples whose innermost frame is a known wait (a
worker thread's queue or condition) are dropped as idle. A thread still counts as busy while it
is blocked in I/O such as SQLite's fsync, so busy shares can add up to more than the CPU share.

Reproduce:  .venv/bin/python -m bench.profile [--clients 50] [--seconds 20] [--rate 100]
            [--redis-url URL]
(needs py-spy: `pip install -e '.[bench]'`, and ptrace rights over the services: same user, or
root, or kernel.yama.ptrace_scope=0)
"""

import argparse
import asyncio
import json
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil
from tests.support.backends import database_for_tests
from tests.support.system import RunningSystem, start_system

from bench.backends import add_redis_option, redis_described, redis_for_bench, redis_option
from bench.compare import SYSTEM_ENV, raise_file_limit, say
from bench.flamegraph import write_speedscope, write_svg
from bench.phases import Figures, throughput, warm_up
from bench.probes import service_pids
from bench.scenario import aura_site, aura_token, client_session
from bench.stacks import read_raw, top_table

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "var" / "bench" / "profiles"


def py_spy() -> str:
    beside_python = Path(sys.executable).parent / "py-spy"
    found = str(beside_python) if beside_python.exists() else shutil.which("py-spy")
    if found is None:
        raise SystemExit("py-spy is not installed: .venv/bin/pip install -e '.[bench]'")
    return found


async def record(pid: int, output: Path, args: argparse.Namespace) -> int:
    command = [
        py_spy(),
        "record",
        *("--pid", str(pid), "--duration", str(args.seconds), "--rate", str(args.rate)),
        *("--format", "raw", "--function", "--threads", "--output", str(output)),
    ]
    if not args.blocking:
        command.append("--nonblocking")
    process = await asyncio.create_subprocess_exec(
        *command, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    _, errors = await process.communicate()
    if process.returncode:
        say(f"py-spy on pid {pid} failed: {errors.decode()[-400:]}")
    return process.returncode or 0


def cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


async def profile(
    system: RunningSystem, args: argparse.Namespace, directory: Path
) -> tuple[Figures, dict[str, float]]:
    pids = service_pids(system)
    async with client_session() as session:
        site = aura_site(system.gateway, await aura_token(session, system.gateway))
        await warm_up(session, site)
        load = asyncio.create_task(
            throughput(session, site, args.clients, args.seconds + args.warmup)
        )
        await asyncio.sleep(args.warmup)
        before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        started = time.perf_counter()
        say(f"recording {', '.join(f'{n} (pid {p})' for n, p in pids.items())} ...")
        await asyncio.gather(
            *(record(pid, directory / f"{name}.txt", args) for name, pid in pids.items())
        )
        wall = time.perf_counter() - started
        shares = {name: (cpu_seconds(pid) - before[name]) / wall for name, pid in pids.items()}
        figures = await load
    return figures, shares


def report(
    directory: Path, shares: dict[str, float], args: argparse.Namespace
) -> dict[str, object]:
    summary: dict[str, object] = {}
    for name in sorted(shares, key=lambda n: -shares[n]):
        raw = directory / f"{name}.txt"
        if not raw.exists():
            say(f"\n== {name}: no profile written")
            continue
        stacks = read_raw(raw)
        title = f"{name} under {args.clients} clients ({args.seconds} s at {args.rate} Hz)"
        write_svg(stacks, title, directory / f"{name}.svg")
        write_speedscope(stacks, title, directory / f"{name}.speedscope.json")
        possible = args.rate * args.seconds
        say(
            f"\n== {name}: {shares[name]:.0%} of one core (CPU time over the window); "
            f"{stacks.samples} busy samples over its threads"
        )
        for line in top_table(stacks, possible, args.top):
            say(line)
        own = stacks.own()
        summary[name] = {
            "cpu_share": round(shares[name], 3),
            "samples": stacks.samples,
            "top_own": [[frame, count] for frame, count in own.most_common(args.top)],
            "threads": dict(stacks.threads().most_common(6)),
            "by_package": dict(stacks.own_by_package().most_common(12)),
        }
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20, help="how long py-spy records")
    parser.add_argument("--warmup", type=float, default=5.0, help="load before recording")
    parser.add_argument("--rate", type=int, default=100, help="samples per second")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument(
        "--blocking", action="store_true", help="pause each process per sample (exact stacks)"
    )
    add_redis_option(parser)
    args = parser.parse_args()
    raise_file_limit()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    directory = OUTPUT / stamp
    directory.mkdir(parents=True, exist_ok=True)
    py_spy()
    say(f"bench.profile {stamp}; {redis_described(args.redis_url)}")
    with (
        redis_for_bench(args.redis_url) as redis_url,
        database_for_tests() as database_url,
        start_system(redis_url, database_url, SYSTEM_ENV) as system,
    ):
        figures, shares = asyncio.run(profile(system, args, directory))
    say(
        f"\nload: {args.clients} clients, {figures['scenarios_per_s']:.1f} scenarios/s while "
        f"profiled, approve → next event p50 {figures['approve_to_next_event_p50'] * 1000:.0f} ms, "
        f"errors {figures['errors']}, client CPU {figures['client_cpu_share']:.0%}"
    )
    summary = report(directory, shares, args)
    command = (
        f".venv/bin/python -m bench.profile --clients {args.clients} --seconds {args.seconds} "
        f"--rate {args.rate}{' --blocking' if args.blocking else ''}"
        f"{redis_option(args.redis_url)}"
    )
    say(f"\nprofiles: {directory}\nreproduce: {command}")
    say(
        json.dumps(
            {
                "bench": "profile",
                "date": stamp,
                "command": command,
                "scenarios_per_s": round(figures["scenarios_per_s"], 2),
                "services": summary,
            }
        )
    )


if __name__ == "__main__":
    main()
