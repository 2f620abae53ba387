"""`aura up` as a user meets it: pre-flight sentences, the running group, Ctrl-C, a dying child."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.support.identity import TEST_JWT_SECRET
from tests.support.ports import free_port
from tests.support.processes import children_of, is_alive, kill_quietly
from tests.support.system import REPO_ROOT, RunningSystem, launch, wait_healthy

AURA = [sys.executable, "-m", "aura.cli"]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update({"JWT_SECRET": TEST_JWT_SECRET, **extra})
    return env


def test_help_documents_ports_and_flags() -> None:
    result = subprocess.run([*AURA, "up", "--help"], capture_output=True, text=True, check=True)
    for text in (
        "--gateway-port",
        "GATEWAY_PORT",
        "8080",
        "8001",
        "8081",
        "8082",
        "9000",
        "REDIS_URL",
        "DATABASE_URL",
        "Ctrl-C",
    ):
        assert text in result.stdout


def test_port_in_use_is_one_clear_sentence(tmp_path: object) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        busy = holder.getsockname()[1]
        result = subprocess.run(
            [*AURA, "up", "--mail-port", str(busy), "--var-dir", str(tmp_path)],
            capture_output=True,
            text=True,
            env=_env(),
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"aura: Port {busy} for the mail service is already in use; stop whatever holds it or "
        f"choose another with --mail-port or MAIL_PORT."
    )


def test_short_secret_is_refused_in_one_sentence(tmp_path: object) -> None:
    result = subprocess.run(
        [*AURA, "up", "--var-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=_env(JWT_SECRET="too-short"),
        timeout=60,
    )
    assert result.returncode == 1
    assert "JWT_SECRET is 9 bytes long; it must be at least 32 bytes" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text()
    except OSError:
        return ""


def _service_pids(system: RunningSystem) -> list[int]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        pids = children_of(system.process.pid)
        services = [pid for pid in pids if "redis-server" not in _cmdline(pid)]
        if len(services) >= 5:
            return pids
        time.sleep(0.1)
    raise AssertionError(f"expected 5 service processes, saw {children_of(system.process.pid)}")


@pytest.mark.e2e
def test_every_health_answers_and_ctrl_c_leaves_no_orphan(redis_url: str) -> None:
    system = launch(redis_url, None)
    try:
        wait_healthy(system)
        pids = _service_pids(system)
        with httpx.Client(timeout=5) as client:
            for service in ("auth", "main", "mail", "agent", "gateway"):
                assert client.get(f"{system.url(service)}/health").status_code == 200
            for route in ("auth", "main", "mail", "aura"):
                response = client.get(f"{system.gateway}/api/{route}/health")
                assert response.status_code == 200, (route, response.text)
    finally:
        returncode = system.stop()
    assert returncode == 0
    _wait_for(lambda: not [pid for pid in pids if is_alive(pid)], 10, "orphans were left")
    assert "Aura is up" in system.log_text()


def _pid_of(system: RunningSystem, service: str) -> int:
    return next(pid for pid in _service_pids(system) if f"serve\x00{service}" in _cmdline(pid))


def _wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.mark.e2e
def test_a_dying_service_is_started_again(redis_url: str) -> None:
    system = launch(redis_url, None)
    try:
        wait_healthy(system)
        mail_pid = _pid_of(system, "mail")
        kill_quietly(mail_pid, signal.SIGKILL)
        _wait_for(
            lambda: "mail exited with code -9; starting it again in 0.5 s" in system.log_text(),
            30,
            "the supervisor did not report the restart",
        )
        _wait_for(lambda: _answers(f"{system.url('mail')}/health"), 60, "mail did not come back")
        assert _answers(f"{system.gateway}/api/mail/health")
        assert system.process.poll() is None  # the group kept running
        assert _pid_of(system, "mail") != mail_pid
    finally:
        assert system.stop() == 0


@pytest.mark.e2e
def test_a_service_that_keeps_dying_stops_the_group(redis_url: str) -> None:
    system = launch(redis_url, None)
    try:
        wait_healthy(system)
        pids = _service_pids(system)
        with socket.socket() as squatter:
            # Its port taken, every new start of the mail service fails at once.
            kill_quietly(_pid_of(system, "mail"), signal.SIGKILL)
            squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            _wait_for(lambda: _bound(squatter, system.ports["mail"]), 10, "port never freed")
            squatter.listen()
            system.process.wait(timeout=120)
    finally:
        system.stop()
    assert system.process.returncode == 1
    _wait_for(lambda: not [pid for pid in pids if is_alive(pid)], 10, "orphans were left")
    assert "the mail service kept exiting" in system.log_text()


@pytest.mark.e2e
def test_replicas_of_the_agent_and_the_main_service(redis_url: str) -> None:
    system = launch(redis_url, None, {"AGENT_REPLICAS": "2", "MAIN_REPLICAS": "2"})
    try:
        wait_healthy(system)
        for service in ("agent", "main"):
            second = system.ports[service] + 100
            _wait_for(
                lambda port=second: _answers(f"http://127.0.0.1:{port}/health"),  # type: ignore[misc]
                60,
                f"the second {service} replica never answered",
            )
        pids = _service_pids(system)
        for service in ("agent", "main"):
            assert len([p for p in pids if f"serve\x00{service}\x00" in _cmdline(p)]) == 2
        assert "agent-2" in system.log_text() and "main-2" in system.log_text()
    finally:
        assert system.stop() == 0


def _bound(sock: socket.socket, port: int) -> bool:
    try:
        sock.bind(("127.0.0.1", port))
    except OSError:
        return False
    return True


@pytest.mark.e2e
def test_starts_its_own_redis_when_none_answers_and_stops_it() -> None:
    port = free_port()
    system = launch(f"redis://127.0.0.1:{port}/0", None)
    try:
        wait_healthy(system)
        assert f"no Redis at 127.0.0.1:{port}; starting a local one" in system.log_text()
        redis_pid = next(
            pid
            for pid in _service_pids(system)
            if "redis-server" in Path(f"/proc/{pid}/cmdline").read_text()
        )
        login = httpx.post(
            f"{system.gateway}/api/auth/login",
            json={"username": "user123", "password": "aura1234", "tenantId": "tenant1"},
            timeout=10,
        )
        assert login.status_code == 200
        assert (system.var_dir / "redis").is_dir()
    finally:
        returncode = system.stop()
    assert returncode == 0
    _wait_for(lambda: not is_alive(redis_pid), 10, "the local Redis was left running")


def test_dev_script_usage() -> None:
    result = subprocess.run([str(REPO_ROOT / "dev")], capture_output=True, text=True)
    assert result.returncode == 2
    assert "./dev up" in result.stderr and "./dev test" in result.stderr
