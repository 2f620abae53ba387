"""`aura serve SERVICE`: run one service in the foreground (what `aura up` starts per service)."""

import argparse
import importlib
import socket
from typing import Any

import uvicorn

from aura.cli.services import SERVICES_BY_NAME, ServiceSpec
from aura.kit.garbage_collection import settle_heap
from aura.kit.logs import configure_logging
from aura.kit.settings import ServiceSettings, load_settings

GRACEFUL_SHUTDOWN_SECONDS = 5
# Idle keep-alive connections are held longer than any of Aura's own clients holds them (the
# gateway 15 s, httpx 5 s), so a client always gives up an idle connection first and never sends
# a request on one the server is closing (uvicorn's default of 5 s raced httpx's 5 s).
KEEP_ALIVE_SECONDS = 75


class ServiceServer(uvicorn.Server):
    """uvicorn's server, the heap settled once the app's lifespan has started (everything the
    service holds for its whole life exists by then: `aura.kit.garbage_collection`)."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            settle_heap()


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run one service in the foreground",
        description="Run one service in the foreground. Its port comes from --port or its "
        "environment variable (see `aura up --help`).",
    )
    parser.add_argument("service", choices=sorted(SERVICES_BY_NAME), help="which service to run")
    parser.add_argument("--port", type=int, default=None, help="port to listen on")
    parser.add_argument("--host", default=None, help="address to bind (default 127.0.0.1)")
    parser.set_defaults(func=run)


def load_service_settings(spec: ServiceSpec, **overrides: Any) -> ServiceSettings:
    settings_class: type[ServiceSettings] = importlib.import_module(spec.settings_module).Settings
    return load_settings(settings_class, **overrides)


def run(args: argparse.Namespace) -> int:
    spec = SERVICES_BY_NAME[args.service]
    overrides: dict[str, Any] = {}
    if args.port is not None:
        overrides["port"] = args.port
    if args.host is not None:
        overrides["host"] = args.host
    settings = load_service_settings(spec, **overrides)
    configure_logging(settings.log_level, settings.log_format)
    app = importlib.import_module(spec.app_module).create_app(settings)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=int(getattr(settings, "port")),  # noqa: B009 - every service's Settings has a port
        log_config=None,
        access_log=False,
        loop="uvloop",
        http="httptools",
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        backlog=4096,
    )
    ServiceServer(config).run()
    return 0
