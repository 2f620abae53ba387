"""The benchmark's server processes: free ports, start and stop, file limits, RSS and CPU time."""

import os
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PYTHON = sys.executable


def raise_file_limit() -> int:
    """Lift this process's descriptor limit to its hard limit; the servers started after it
    inherit it. Returns the limit."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


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
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
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


def rss(processes: list[psutil.Process]) -> int:
    return sum(process.memory_info().rss for process in processes)


def cpu_seconds(processes: list[psutil.Process]) -> float:
    return sum(sum(process.cpu_times()[:2]) for process in processes)
