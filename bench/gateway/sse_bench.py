"""SSE through the gateway vs direct vs nginx: per-event cost, memory per open stream, and the
latency of a fresh request while thousands of streams are open.

    .venv/bin/python bench/gateway/sse_bench.py [--streams 2000,5000] [--burst 20000] [--no-nginx]

Everything runs on loopback, in separate processes: the SSE upstream (uvicorn, raw ASGI), the
gateway (as `aura serve gateway` runs it: uvloop + httptools, one process), nginx (one worker,
`proxy_buffering off`, stripping `/api` like the gateway) and this client (aiohttp). The gateway
also verifies a JWT on every stream; nginx does not. Proxies are restarted for every stream count
so that each memory figure starts from a fresh process.
"""

import argparse
import asyncio
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import psutil

from aura.kit.settings import ServiceSettings
from aura.kit.tokens import encode_token, issue_claims

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
# The secret the gateway resolves too: JWT_SECRET, or this checkout's generated one under var/.
TOKEN = encode_token(issue_claims("bench", "tenant1", "user", 3600), ServiceSettings().jwt_secret)
AUTH = {"Authorization": f"Bearer {TOKEN}", "X-Tenant-ID": "tenant1"}

NGINX_CONF = """
worker_processes 1;
worker_rlimit_nofile 60000;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 30000; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi; uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  upstream aura {{ server 127.0.0.1:{upstream}; keepalive 64; }}
  server {{
    listen 127.0.0.1:{port} backlog=8192;
    client_max_body_size 256k;
    location /api/ {{
      proxy_pass http://aura/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_read_timeout 360s;
    }}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process on port {port} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


@contextmanager
def running(command: list[str], port: int) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "PYTHONPATH": str(HERE.parent.parent / "src")}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        wait_for_port(port, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def upstream_server() -> Iterator[int]:
    port = free_port()
    with running([PYTHON, str(HERE / "upstream.py"), str(port)], port):
        yield port


@contextmanager
def gateway_server(upstream: int) -> Iterator[tuple[int, list[psutil.Process]]]:
    port = free_port()
    command = [PYTHON, str(HERE / "run_gateway.py"), str(port), f"http://127.0.0.1:{upstream}"]
    with running(command, port) as process:
        yield port, [psutil.Process(process.pid)]


@contextmanager
def nginx_server(upstream: int) -> Iterator[tuple[int, list[psutil.Process]]]:
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="aura-bench-nginx-"))
    # Started by root, nginx's worker runs as `nobody` and must still reach its temp dirs.
    os.chmod(workdir, 0o777)  # noqa: S103
    conf = workdir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=workdir, upstream=upstream, port=port))
    try:
        with running(["nginx", "-c", str(conf), "-p", str(workdir)], port) as master:
            workers = psutil.Process(master.pid).children()
            yield port, [psutil.Process(master.pid), *workers]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def rss(processes: list[psutil.Process]) -> int:
    return sum(process.memory_info().rss for process in processes)


def cpu_seconds(processes: list[psutil.Process]) -> float:
    return sum(sum(process.cpu_times()[:2]) for process in processes)


# --- (a) per-event latency and throughput --------------------------------------------------


async def paced_latencies(session: aiohttp.ClientSession, url: str, n: int) -> list[float]:
    """Milliseconds from the upstream's write to this client's read, per event."""
    latencies: list[float] = []
    buffer = b""
    async with session.get(f"{url}?n={n}&every=0.005", headers=AUTH) as response:
        async for chunk in response.content.iter_any():
            now = time.monotonic_ns()
            buffer += chunk
            *events, buffer = buffer.split(b"\n\n")
            for event in events:
                if event.startswith(b'data: {"t":'):
                    latencies.append((now - int(event[11:-1])) / 1e6)
    return latencies


async def burst_events(session: aiohttp.ClientSession, url: str, n: int) -> int:
    count = 0
    async with session.get(f"{url}?n={n}&size=200", headers=AUTH) as response:
        async for chunk in response.content.iter_any():
            count += chunk.count(b"\n\n")
    return count - 1  # the closing [DONE]


@dataclass
class EventFigures:
    p50_ms: float
    p99_ms: float
    single_eps: float
    parallel_eps: float
    cpu_us_per_event: float | None


async def measure_events(
    base: str, processes: list[psutil.Process], burst: int, parallel: int
) -> EventFigures:
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        await paced_latencies(session, base + "/aura/bench/paced", 20)  # warm-up
        latencies = await paced_latencies(session, base + "/aura/bench/paced", 400)
        cpu_before = cpu_seconds(processes) if processes else 0.0
        started = time.perf_counter()
        events = await burst_events(session, base + "/aura/bench/burst", burst)
        single = events / (time.perf_counter() - started)
        started = time.perf_counter()
        counts = await asyncio.gather(
            *(
                burst_events(session, base + "/aura/bench/burst", burst // parallel)
                for _ in range(parallel)
            )
        )
        elapsed = time.perf_counter() - started
        cpu = (cpu_seconds(processes) - cpu_before) if processes else None
    quantiles = statistics.quantiles(latencies, n=100)
    total = events + sum(counts)
    return EventFigures(
        p50_ms=statistics.median(latencies),
        p99_ms=quantiles[98],
        single_eps=single,
        parallel_eps=sum(counts) / elapsed,
        cpu_us_per_event=cpu * 1e6 / total if cpu is not None else None,
    )


# --- (b) memory per open stream, fresh-request latency while they are open ------------------


@dataclass
class StreamFigures:
    opened: int
    kib_per_stream: float
    fresh_p50_ms: float
    fresh_p99_ms: float
    idle_fresh_p50_ms: float


async def fresh_request_latencies(base: str, count: int = 100) -> list[float]:
    """A new connection per request, as a new browser tab would open."""
    latencies = []
    for _ in range(count):
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as fresh:
            started = time.perf_counter()
            async with fresh.get(base + "/aura/health") as response:
                await response.read()
                assert response.status == 200, response.status
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


async def hold_streams(base: str, n: int, then: Callable[[], Awaitable[None]]) -> int:
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=30)
    opened = 0
    gate = asyncio.Semaphore(200)  # bound the connect burst, not the number held
    ready = asyncio.Event()
    release = asyncio.Event()

    async def one(session: aiohttp.ClientSession) -> None:
        nonlocal opened
        async with gate:
            response = await session.get(base + "/aura/bench/hold", headers=AUTH)
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
        for task in done:
            if task is not waiter:
                task.result()  # a holder that ends before the release has failed
                raise RuntimeError("a held stream ended early")
        await then()
        release.set()
        await asyncio.gather(*tasks, return_exceptions=True)
    return opened


async def measure_streams(base: str, processes: list[psutil.Process], n: int) -> StreamFigures:
    await asyncio.sleep(3)  # the shared upstream may still be closing the previous round's streams
    idle = await fresh_request_latencies(base, 50)
    await asyncio.sleep(0.5)
    before = rss(processes)
    figures: dict[str, float] = {}

    async def while_open() -> None:
        await asyncio.sleep(1.0)  # let both sides settle
        figures["after"] = rss(processes)
        fresh = await fresh_request_latencies(base, 100)
        figures["p50"] = statistics.median(fresh)
        figures["p99"] = statistics.quantiles(fresh, n=100)[98]

    opened = await hold_streams(base, n, while_open)
    return StreamFigures(
        opened=opened,
        kib_per_stream=(figures["after"] - before) / n / 1024,
        fresh_p50_ms=figures["p50"],
        fresh_p99_ms=figures["p99"],
        idle_fresh_p50_ms=statistics.median(idle),
    )


# --- orchestration --------------------------------------------------------------------------


def raise_file_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--streams", default="2000,5000", help="open-stream counts, comma-separated"
    )
    parser.add_argument("--burst", type=int, default=20000, help="events per throughput burst")
    parser.add_argument("--parallel", type=int, default=20, help="concurrent burst streams")
    parser.add_argument("--no-nginx", action="store_true", help="skip nginx even if installed")
    args = parser.parse_args()
    # Stop the servers this script started when it is told to stop, not just on Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    raise_file_limit()
    counts = [int(part) for part in args.streams.split(",") if part]
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if max(counts) * 2 + 100 > limit:
        sys.exit(
            f"{max(counts)} streams need {max(counts) * 2 + 100} descriptors; the limit is {limit}"
        )
    proxies: dict[str, Callable[[int], object]] = {"gateway": gateway_server}
    if not args.no_nginx and shutil.which("nginx"):
        proxies["nginx"] = nginx_server
    elif not args.no_nginx:
        print("nginx not found (apt-get install -y nginx); measuring the gateway alone")

    print(f"# machine: {os.cpu_count()} CPUs, python {sys.version.split()[0]}, loopback")
    print("# command: .venv/bin/python bench/gateway/sse_bench.py " + " ".join(sys.argv[1:]))
    with upstream_server() as upstream:
        print(f"\n## (a) per event: {args.burst} events of ~230 B, 400 paced events for latency")
        print(
            f"{'path':<8} {'p50 ms':>8} {'p99 ms':>8} {'1 stream ev/s':>14} "
            f"{str(args.parallel) + ' streams ev/s':>16} {'proxy CPU µs/ev':>16}"
        )
        rows: list[tuple[str, EventFigures]] = []
        rows.append(
            (
                "direct",
                asyncio.run(
                    measure_events(f"http://127.0.0.1:{upstream}", [], args.burst, args.parallel)
                ),
            )
        )
        for name, start in proxies.items():
            with start(upstream) as (port, processes):  # type: ignore[attr-defined]
                rows.append(
                    (
                        name,
                        asyncio.run(
                            measure_events(
                                f"http://127.0.0.1:{port}/api", processes, args.burst, args.parallel
                            )
                        ),
                    )
                )
        for name, row in rows:
            cpu = f"{row.cpu_us_per_event:.1f}" if row.cpu_us_per_event is not None else "-"
            print(
                f"{name:<8} {row.p50_ms:>8.2f} {row.p99_ms:>8.2f} {row.single_eps:>14,.0f} "
                f"{row.parallel_eps:>16,.0f} {cpu:>16}"
            )

        print("\n## (b) open SSE streams: proxy memory per stream, fresh-request latency meanwhile")
        print(
            f"{'proxy':<8} {'streams':>8} {'KiB/stream':>11} {'fresh p50 ms':>13} "
            f"{'fresh p99 ms':>13} {'idle p50 ms':>12}"
        )
        for n in counts:
            for name, start in proxies.items():
                with start(upstream) as (port, processes):  # type: ignore[attr-defined]
                    figures = asyncio.run(
                        measure_streams(f"http://127.0.0.1:{port}/api", processes, n)
                    )
                print(
                    f"{name:<8} {figures.opened:>8} {figures.kib_per_stream:>11.1f} "
                    f"{figures.fresh_p50_ms:>13.2f} {figures.fresh_p99_ms:>13.2f} "
                    f"{figures.idle_fresh_p50_ms:>12.2f}"
                )


if __name__ == "__main__":
    main()
