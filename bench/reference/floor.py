"""Start the floor (HITL server + proxy in front of it) as two processes on free loopback ports."""

import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
from tests.support.ports import free_port

START_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class Floor:
    proxy: str  # base URL clients use, as they use Aura's gateway
    server: str
    pids: dict[str, int]


def _spawn(module: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", module, *args], stdout=subprocess.DEVNULL)


def _wait_healthy(url: str, processes: list[subprocess.Popen[bytes]]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while True:
        if any(p.poll() is not None for p in processes):
            raise RuntimeError("a floor process exited while starting")
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the floor never answered {url}")
        time.sleep(0.1)


@contextmanager
def start_floor(redis_url: str) -> Iterator[Floor]:
    server_port, proxy_port = free_port(), free_port()
    channel = f"bench:floor:decisions:{uuid.uuid4().hex[:8]}"
    processes: list[subprocess.Popen[bytes]] = []
    try:
        processes.append(
            _spawn(
                "bench.reference.hitl_server",
                *("--port", str(server_port), "--redis-url", redis_url, "--channel", channel),
            )
        )
        _wait_healthy(f"http://127.0.0.1:{server_port}/health", processes)
        processes.append(
            _spawn(
                "bench.reference.proxy",
                *("--port", str(proxy_port), "--upstream", f"http://127.0.0.1:{server_port}"),
            )
        )
        _wait_healthy(f"http://127.0.0.1:{proxy_port}/health", processes)
        yield Floor(
            proxy=f"http://127.0.0.1:{proxy_port}",
            server=f"http://127.0.0.1:{server_port}",
            pids={"floor-server": processes[0].pid, "floor-proxy": processes[1].pid},
        )
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
