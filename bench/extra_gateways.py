"""More gateway processes beside the one `./dev up` started, for `bench.capacity`.

A gateway holds two sockets per open stream (the client's and its own to the agent), so under a
descriptor limit of F one gateway process carries about F / 2 streams; a deployment that holds
more streams than that runs several gateways behind a load balancer. Each extra gateway here is
what `aura up` starts for the gateway (`python -m aura.cli serve gateway --port P`), with the
system's environment and the URLs of the system's own auth, main, mail and agent services, so
that every gateway proxies to the same agent process. They inherit this process's descriptor
limit, like `./dev up` does.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx
from tests.support.ports import free_port
from tests.support.system import REPO_ROOT, RunningSystem

START_TIMEOUT_SECONDS = 90.0
STOP_TIMEOUT_SECONDS = 30.0
UPSTREAMS = {"auth": "AUTH_URL", "main": "MAIN_URL", "mail": "MAIL_URL", "agent": "AGENT_URL"}


@dataclass(frozen=True)
class Gateway:
    url: str
    pid: int


def gateway_env(system: RunningSystem, port: int) -> dict[str, str]:
    """The system's environment (as `./dev up` got it) plus what `aura up` adds for its children:
    the port, and where the other services listen."""
    env = {
        **system.env,
        "PYTHONUNBUFFERED": "1",
        "HOST": "127.0.0.1",
        "GATEWAY_PORT": str(port),
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(REPO_ROOT / "src"), os.environ.get("PYTHONPATH")])
        ),
    }
    for service, variable in UPSTREAMS.items():
        env[variable] = system.url(service)
    return env


def wait_healthy(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    with httpx.Client(timeout=2.0) as client:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the gateway at {url} exited early:\n{log.read_text()}")
            try:
                if client.get(f"{url}/health").status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the gateway at {url} never became healthy:\n{log.read_text()}")
            time.sleep(0.2)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)  # Ctrl-C, as `aura up` stops its services
        try:
            process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def extra_gateways(system: RunningSystem, count: int) -> Iterator[list[Gateway]]:
    """`count` more gateways, healthy when yielded, stopped on the way out. Their output goes to
    a log file in the system's var directory (shown when one fails to start)."""
    started: list[tuple[subprocess.Popen[bytes], IO[bytes]]] = []
    gateways: list[Gateway] = []
    try:
        for index in range(count):
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            log = system.var_dir / f"gateway-extra-{index + 2}.log"
            output = log.open("wb")
            process = subprocess.Popen(
                [sys.executable, "-m", "aura.cli", "serve", "gateway", "--port", str(port)],
                cwd=REPO_ROOT,
                env=gateway_env(system, port),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
            started.append((process, output))
            wait_healthy(process, url, log)
            gateways.append(Gateway(url, process.pid))
        yield gateways
    finally:
        for each, its_log in started:
            stop(each)
            its_log.close()
