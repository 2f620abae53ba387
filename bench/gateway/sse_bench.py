"""SSE through the gateway against nginx in front of the same upstream (issue 12, target 4).

    .venv/bin/python -m bench.gateway.sse_bench [--quick] [--streams 9000] [--rounds 3]

One command does it all, on loopback, each piece in its own process: installs nginx from Debian's
packages when it is missing (`apt-get install -y nginx-light`, else `nginx`; needs root), starts
the SSE upstream (uvicorn, raw ASGI), the gateway (as `aura serve gateway` runs it: uvloop +
httptools, one process) and nginx (one worker, `proxy_buffering off`, its own config in a temp
dir), and drives them with this client (aiohttp). The gateway verifies a JWT on every stream;
nginx verifies nothing.

It measures per-event latency (p50, p99) direct and through each proxy, the latency each proxy
adds (proxied minus direct), each proxy's CPU per event, its memory per open stream with
`--streams` open, and a fresh request's round trip (new connection) while they are open. Each
proxy is restarted for the open-stream figures so that its memory starts from a fresh process.
It prints a table with the ratio against nginx and whether each target is met, then one JSON line.
"""

import argparse
import asyncio
import json
import os
import platform
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from dataclasses import asdict, dataclass

import psutil
from bench.gateway.measures import (
    StreamFigures,
    cpu_per_event,
    event_latencies,
    measure_streams,
    percentile,
)
from bench.gateway.nginx import ensure_nginx, nginx_server, version
from bench.gateway.processes import gateway_server, raise_file_limit, upstream_server

from aura.kit.settings import ServiceSettings
from aura.kit.tokens import encode_token, issue_claims

COMMAND = ".venv/bin/python -m bench.gateway.sse_bench"
# The secret the gateway resolves too: JWT_SECRET, or this checkout's generated one under var/.
TOKEN = encode_token(issue_claims("bench", "tenant1", "user", 3600), ServiceSettings().jwt_secret)
AUTH = {"Authorization": f"Bearer {TOKEN}", "X-Tenant-ID": "tenant1"}

# Issue 12, target 4: ratios of the gateway's figure to nginx's, measured in the same run.
ADDED_LATENCY_RATIO = 1.5
FRESH_REQUEST_RATIO = 2.0
KIB_PER_STREAM = 25.0

Proxy = Callable[[int], AbstractContextManager[tuple[int, list[psutil.Process]]]]


@dataclass
class PathFigures:
    p50_ms: float
    p99_ms: float
    added_p50_ms: float | None = None
    added_p99_ms: float | None = None
    cpu_us_per_event: float | None = None
    streams: StreamFigures | None = None


@dataclass
class Row:
    measure: str
    gateway: float
    nginx: float | None
    direct: float | None
    limit: str
    met: bool | None


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: small and short")
    parser.add_argument("--streams", type=int, help="open SSE streams (default 9000; quick 500)")
    parser.add_argument("--rounds", type=int, help="latency rounds per path (6; quick 1)")
    parser.add_argument("--events", type=int, help="paced events per round (300; quick 100)")
    parser.add_argument("--burst", type=int, help="events per CPU burst (20000; quick 4000)")
    parser.add_argument("--parallel", type=int, default=20, help="concurrent burst streams")
    parser.add_argument("--fresh", type=int, help="fresh requests while open (300; quick 50)")
    parser.add_argument("--no-nginx", action="store_true", help="measure the gateway alone")
    args = parser.parse_args()
    defaults = (
        {"streams": 500, "rounds": 1, "events": 100, "burst": 4000, "fresh": 50}
        if args.quick
        else {"streams": 9000, "rounds": 6, "events": 300, "burst": 20000, "fresh": 300}
    )
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    return args


def measure(args: argparse.Namespace, files: int) -> dict[str, PathFigures]:
    proxies: dict[str, Proxy] = {"gateway": gateway_server}
    if not args.no_nginx:
        proxies["nginx"] = lambda upstream: nginx_server(upstream, files)
    with upstream_server() as upstream:
        direct = f"http://127.0.0.1:{upstream}"
        # (a) per event: every proxy up at once, the paths taking turns.
        with ExitStack() as stack:
            running = {name: stack.enter_context(up(upstream)) for name, up in proxies.items()}
            bases = {"direct": direct} | {
                name: f"http://127.0.0.1:{port}/api" for name, (port, _) in running.items()
            }
            latencies = asyncio.run(event_latencies(bases, args.rounds, args.events, AUTH))
            cpu = {
                name: asyncio.run(
                    cpu_per_event(bases[name], processes, args.burst, args.parallel, AUTH)
                )
                for name, (_, processes) in running.items()
            }
        figures = {
            name: PathFigures(statistics.median(values), percentile(values, 99))
            for name, values in latencies.items()
        }
        base = figures["direct"]
        for name in proxies:
            path = figures[name]
            path.added_p50_ms = path.p50_ms - base.p50_ms
            path.added_p99_ms = path.p99_ms - base.p99_ms
            path.cpu_us_per_event = cpu[name]
        # (b) open streams: each proxy from a fresh process.
        for name, start in proxies.items():
            time.sleep(3)  # the upstream may still be closing the previous round's streams
            with start(upstream) as (port, processes):
                url = f"http://127.0.0.1:{port}/api"
                figures[name].streams = asyncio.run(
                    measure_streams(url, processes, args.streams, AUTH, args.fresh)
                )
    return figures


def rows(figures: dict[str, PathFigures], streams: int) -> Iterator[Row]:
    gateway, nginx, direct = figures["gateway"], figures.get("nginx"), figures["direct"]
    assert gateway.streams is not None
    open_ = f"{streams:,} open"

    def row(measure: str, pick: Callable[[PathFigures], float | None], ratio: float | None,
            with_direct: bool = False) -> Row:  # fmt: skip
        gw, ng = pick(gateway), pick(nginx) if nginx else None
        assert gw is not None
        met = None if ratio is None or ng is None else gw <= ratio * ng
        limit = "-" if ratio is None else f"≤ {ratio:g}× nginx"
        return Row(measure, gw, ng, pick(direct) if with_direct else None, limit, met)

    def streams_of(path: PathFigures) -> StreamFigures:
        assert path.streams is not None
        return path.streams

    yield row("per-event latency p50, ms", lambda p: p.p50_ms, None, with_direct=True)
    yield row("per-event latency p99, ms", lambda p: p.p99_ms, None, with_direct=True)
    yield row("added latency p50, ms", lambda p: p.added_p50_ms, ADDED_LATENCY_RATIO)
    yield row("added latency p99, ms", lambda p: p.added_p99_ms, ADDED_LATENCY_RATIO)
    yield row("proxy CPU per event, µs", lambda p: p.cpu_us_per_event, None)
    memory = row(f"memory per open stream ({open_}), KiB",
                 lambda p: streams_of(p).kib_per_stream, None)  # fmt: skip
    memory.limit, memory.met = f"≤ {KIB_PER_STREAM:g} KiB", memory.gateway <= KIB_PER_STREAM
    yield memory
    yield row(f"fresh request ({open_}) p50, ms", lambda p: streams_of(p).fresh_p50_ms,
              FRESH_REQUEST_RATIO)  # fmt: skip
    yield row(f"fresh request ({open_}) p99, ms", lambda p: streams_of(p).fresh_p99_ms,
              FRESH_REQUEST_RATIO)  # fmt: skip
    yield row("fresh request (none open) p50, ms", lambda p: streams_of(p).idle_fresh_p50_ms, None)


def print_table(table: list[Row]) -> None:
    print("| measure | gateway | nginx | direct | gateway ÷ nginx | target | met |")
    print("|---|---|---|---|---|---|---|")
    for row in table:
        nginx = "-" if row.nginx is None else f"{row.nginx:.3g}"
        direct = "-" if row.direct is None else f"{row.direct:.3g}"
        ratio = "-" if not row.nginx else f"{row.gateway / row.nginx:.2f}×"
        met = "-" if row.met is None else ("yes" if row.met else "**no**")
        print(
            f"| {row.measure} | {row.gateway:.3g} | {nginx} | {direct} | {ratio} "
            f"| {row.limit} | {met} |"
        )


def main() -> None:
    args = parse_args()
    # Stop the servers this script started when it is told to stop, not just on Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    files = raise_file_limit()
    # The gateway holds two descriptors per stream (client and upstream), plus its own.
    if args.streams * 2 + 200 > files:
        sys.exit(f"{args.streams} streams need {args.streams * 2 + 200} descriptors; limit {files}")
    nginx = "-" if args.no_nginx else version(ensure_nginx())
    print(
        f"# {platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"nginx {nginx}, load {os.getloadavg()[0]:.2f}, {time.strftime('%Y-%m-%d %H:%M %Z')}"
    )
    print(f"# {COMMAND} " + " ".join(sys.argv[1:]))
    figures = measure(args, files)
    table = list(rows(figures, args.streams))
    print_table(table)
    targets = [row for row in table if row.limit != "-"]
    summary = {
        "bench": "gateway_sse",
        "streams": args.streams,
        "nginx": nginx,
        "paths": {name: asdict(path) for name, path in figures.items()},
        "targets_met": all(row.met for row in targets),
        "targets": {row.measure: row.met for row in targets},
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
