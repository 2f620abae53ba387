"""Where the memory of a paused run goes: tracemalloc and live-object counts of an agent process
before and after N runs pause at its gate, divided by N.

Starts the whole system (`./dev up`, as `bench.capacity` does, on a private redis-server of its own
unless `--redis-url URL`), then a second agent beside it, `bench.heap_agent` (the same service,
tracemalloc on, a heap dump on SIGUSR1), against the same Redis, mail service and main service. N
send-mail runs are opened straight at that agent (no gateway: its streams are the agent's own
uvicorn connections, as behind the gateway), a dump is taken with none and with N paused, and the
difference is printed per paused run: by line of code (the innermost Aura or library frame that
allocated), by file, and by type of live object. Then every run is approved through the gateway and
must reach `[DONE]`.

tracemalloc sees Python's allocations (objects, and buffers allocated through Python's
allocators); the RSS difference beside it also holds the allocator's slack and C libraries' own
buffers (uvloop's per-connection transports, SQLite's page cache).

A dump stops the agent's event loop for seconds (gc.get_objects and a snapshot of every traced
block), and tracing slows it several times over: runs resumed around a dump may fail with
"No connection available" (the Redis pool's 10 s wait). The figures are the dumps' difference,
taken while every run waited; the approvals afterwards only clean up.

Reproduce:  .venv/bin/python -m bench.paused_heap [--runs 1000] [--top 30] [--redis-url URL]
"""

import argparse
import asyncio
import json
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil
import uvloop
from tests.support.backends import database_for_tests
from tests.support.ports import free_port
from tests.support.system import REPO_ROOT, RunningSystem, start_system

from bench.backends import add_redis_option, redis_described, redis_for_bench, redis_option
from bench.capacity import raise_file_limit, system_env
from bench.phases import first_errors
from bench.scenario import Scenario, Site, approve, aura_site, aura_token, client_session, drive

SETTLE_SECONDS = 3.0


def say(text: str) -> None:
    print(text, flush=True)


@contextmanager
def heap_agent(
    system: RunningSystem, directory: Path
) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = free_port()
    env = {
        **system.env,
        "AGENT_PORT": str(port),
        "MAIL_URL": system.url("mail"),
        "HEAP_DIR": str(directory),
        "PYTHONPATH": f"{REPO_ROOT / 'src'}:{REPO_ROOT}",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.heap_agent", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        yield process, port
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def wait_healthy(session: Any, base: str) -> None:
    deadline = time.monotonic() + 180
    while True:
        try:
            async with session.get(f"{base}/health") as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the heap agent never became healthy")
        await asyncio.sleep(0.2)


async def dump(process: subprocess.Popen[bytes], directory: Path, index: int) -> None:
    process.send_signal(signal.SIGUSR1)
    while not (directory / f"heap-{index}.done").exists():
        await asyncio.sleep(0.2)


async def drive_runs(
    args: argparse.Namespace, system: RunningSystem, directory: Path
) -> dict[str, Any]:
    with heap_agent(system, directory) as (process, port):
        agent = psutil.Process(process.pid)
        async with client_session() as session:
            await wait_healthy(session, f"http://127.0.0.1:{port}")
            gateway = aura_site(system.gateway, await aura_token(session, system.gateway))
            direct = Site(
                name="heap-agent",
                base=f"http://127.0.0.1:{port}",
                stream_path="/aura/test/stream",
                approve_path=gateway.approve_path,
                ping_path="/health",
                headers=gateway.headers,
            )
            paused: list[Scenario] = []
            window = asyncio.Semaphore(32)

            async def approve_now(scenario: Scenario) -> None:
                await approve(session, gateway, scenario)

            for _ in range(3):  # lazy imports, pooled connections: not per run
                await drive(session, direct, approve_now)
            await asyncio.sleep(SETTLE_SECONDS)
            await dump(process, directory, 0)
            rss_before = agent.memory_info().rss

            async def open_one() -> Scenario:
                reached = asyncio.Event()

                async def at_gate(scenario: Scenario) -> None:
                    paused.append(scenario)
                    reached.set()

                async with window:
                    task = asyncio.create_task(drive(session, direct, at_gate))
                    task.add_done_callback(lambda _task: reached.set())
                    await reached.wait()
                return await task

            streams = [asyncio.create_task(open_one()) for _ in range(args.runs)]
            while len(paused) + sum(1 for s in streams if s.done()) < args.runs:
                await asyncio.sleep(0.1)
            await asyncio.sleep(SETTLE_SECONDS)
            await dump(process, directory, 1)
            rss_after = agent.memory_info().rss
            for scenario in paused:
                await approve(session, gateway, scenario)
            scenarios = await asyncio.gather(*streams)
    return {
        "paused": len(paused),
        "rss_kib_per_run": (rss_after - rss_before) / 1024 / max(1, len(paused)),
        "completed": sum(1 for s in scenarios if s.complete),
        "first_errors": first_errors(scenarios),
    }


def innermost(trace: tracemalloc.Traceback) -> str:
    """The frame to charge: the innermost one outside the standard library's plumbing."""
    frames = list(trace)  # oldest call first (tracemalloc's order since Python 3.7)
    for frame in reversed(frames):
        name = frame.filename
        if "/aura/" in name or "site-packages" in name:
            return f"{short(name)}:{frame.lineno}"
    return f"{short(frames[-1].filename)}:{frames[-1].lineno}"


def short(filename: str) -> str:
    for marker in ("site-packages/", "/src/", "/lib/python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def report(directory: Path, runs: int, top: int) -> None:
    before = tracemalloc.Snapshot.load(str(directory / "heap-0.snapshot"))
    after = tracemalloc.Snapshot.load(str(directory / "heap-1.snapshot"))
    ignore = [tracemalloc.Filter(False, tracemalloc.__file__)]
    before, after = before.filter_traces(ignore), after.filter_traces(ignore)
    diffs = after.compare_to(before, "traceback")
    total = sum(d.size_diff for d in diffs)
    say(f"\ntracemalloc: {total / 1024 / runs:.1f} KiB per paused run (Python allocations)")
    by_line: dict[str, int] = {}
    by_file: dict[str, int] = {}
    for diff in diffs:
        where = innermost(diff.traceback)
        by_line[where] = by_line.get(where, 0) + diff.size_diff
        file = where.rsplit(":", 1)[0]
        by_file[file] = by_file.get(file, 0) + diff.size_diff
    say(f"\nby file (KiB per paused run), top {top}:")
    for file, size in sorted(by_file.items(), key=lambda item: -item[1])[:top]:
        say(f"  {size / 1024 / runs:7.2f}  {file}")
    say(f"\nby line (innermost Aura or library frame), top {top}:")
    for line, size in sorted(by_line.items(), key=lambda item: -item[1])[:top]:
        say(f"  {size / 1024 / runs:7.2f}  {line}")
    types_before = json.loads((directory / "heap-0.types.json").read_text())
    types_after = json.loads((directory / "heap-1.types.json").read_text())
    grown = {
        name: (
            count - types_before["counts"].get(name, 0),
            types_after["bytes"][name] - types_before["bytes"].get(name, 0),
        )
        for name, count in types_after["counts"].items()
    }
    total_objects = sum(size for _count, size in grown.values())
    say(
        f"\nlive objects gc tracks (sys.getsizeof, shallow): {total_objects / 1024 / runs:.1f} KiB "
        f"per paused run; by type, top {top} (objects, bytes per paused run):"
    )
    for name, (count, size) in sorted(grown.items(), key=lambda item: -item[1][1])[:top]:
        say(f"  {count / runs:7.2f}  {size / runs:8.0f} B  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--poll-seconds", type=float, default=20.0)
    add_redis_option(parser)
    args = parser.parse_args()
    args.heartbeat_seconds = 15.0
    raise_file_limit(3 * args.runs + 4096)
    directory = Path(tempfile.mkdtemp(prefix="aura-paused-heap-"))
    say(f"bench.paused_heap: {redis_described(args.redis_url)}")
    with (
        redis_for_bench(args.redis_url) as redis_url,
        database_for_tests() as database_url,
        start_system(redis_url, database_url, system_env(args)) as system,
    ):
        figures = uvloop.run(drive_runs(args, system, directory))
    say(json.dumps(figures))
    report(directory, figures["paused"], args.top)
    say(
        f"\nreproduce: .venv/bin/python -m bench.paused_heap --runs {args.runs} --top {args.top}"
        f"{redis_option(args.redis_url)}"
    )


if __name__ == "__main__":
    main()
