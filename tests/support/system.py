"""The whole system started with the README's run command (`./dev up`), as a user would.

`start_system()` runs `./dev up` as a real subprocess on free loopback ports, against the test
Redis and database, and waits until every service is healthy. `stop()` sends SIGINT (Ctrl-C)
and waits for the group to exit.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from tests.support.identity import TEST_JWT_SECRET
from tests.support.ports import free_port
from tests.support.signing import TEST_APPROVAL_SIGNING_KEY

REPO_ROOT = Path(__file__).resolve().parents[2]
SERVICE_NAMES = ("auth", "main", "mail", "agent", "gateway")
START_TIMEOUT_SECONDS = 90.0


@dataclass
class RunningSystem:
    process: subprocess.Popen[bytes]
    ports: dict[str, int]
    env: dict[str, str]
    var_dir: Path
    output: list[str] = field(default_factory=list)

    @property
    def gateway(self) -> str:
        return f"http://127.0.0.1:{self.ports['gateway']}"

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def log_text(self) -> str:
        return "".join(self.output)

    def stop(self, timeout: float = 30.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.var_dir, ignore_errors=True)
        return int(self.process.returncode)


def _collect(stream: IO[bytes], sink: list[str]) -> None:
    # Closed here, at end of output: the pipe is this thread's, and an unclosed one is a
    # ResourceWarning (an error in the suite) whenever the Popen object is collected.
    with stream:
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace")
            sink.append(line)
            if os.environ.get("AURA_TEST_SHOW_SYSTEM_LOGS"):
                sys.stderr.write(line)


def launch(
    redis_url: str, database_url: str | None, extra_env: Mapping[str, str] | None = None
) -> RunningSystem:
    ports = {name: free_port() for name in SERVICE_NAMES}
    var_dir = Path(tempfile.mkdtemp(prefix="aura-e2e-var-"))
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "JWT_SECRET": TEST_JWT_SECRET,
            # One key for the main service and the agent, as `aura up` gives every service.
            "APPROVAL_SIGNING_KEY": TEST_APPROVAL_SIGNING_KEY,
            "REDIS_URL": redis_url,
            "AURA_VAR_DIR": str(var_dir),
            "AURA_VENV": str(Path(sys.executable).parents[1]),
            "SSE_HEARTBEAT_SECONDS": "2",
            "HITL_POLL_SECONDS": "1",
            "RUN_SWEEP_SECONDS": "1",
            "LOG_LEVEL": "INFO",
            # Login throttle counters of this system's own: test runs may share one Redis.
            "LOGIN_THROTTLE_NAMESPACE": f"aura:test:login:{var_dir.name}",
        }
    )
    if database_url and not database_url.startswith("sqlite"):
        env["DATABASE_URL"] = database_url
    env.update(extra_env or {})
    argv = [str(REPO_ROOT / "dev"), "up", "--var-dir", str(var_dir)]
    for name, port in ports.items():
        argv += [f"--{name}-port", str(port)]
    process = subprocess.Popen(
        argv, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    system = RunningSystem(process, ports, env, var_dir)
    threading.Thread(target=_collect, args=(process.stdout, system.output), daemon=True).start()
    return system


def wait_healthy(system: RunningSystem) -> None:
    """Every service answers its health check, and the supervisor has said so."""
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    with httpx.Client(timeout=2.0) as client:
        for name in SERVICE_NAMES:
            while True:
                if system.process.poll() is not None:
                    raise RuntimeError(f"aura up exited early:\n{system.log_text()}")
                try:
                    if client.get(f"{system.url(name)}/health").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    system.stop()
                    raise RuntimeError(f"{name} never became healthy:\n{system.log_text()}")
                time.sleep(0.2)
    while "Aura is up" not in system.log_text():
        if system.process.poll() is not None or time.monotonic() > deadline:
            system.stop()
            raise RuntimeError(f"aura up never said it was up:\n{system.log_text()}")
        time.sleep(0.1)


@contextmanager
def start_system(
    redis_url: str, database_url: str | None, extra_env: Mapping[str, str] | None = None
) -> Iterator[RunningSystem]:
    system = launch(redis_url, database_url, extra_env)
    try:
        wait_healthy(system)
        yield system
    finally:
        system.stop()
