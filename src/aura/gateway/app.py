"""The gateway app: its own `/health`, the `/api/**` proxy, and the console at `/`.

No `BaseHTTPMiddleware` anywhere: the request-id and CORS middlewares are pure ASGI, so a stream
passes through them chunk by chunk.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount, Route

from aura.gateway.console import console_app
from aura.gateway.headers import CORS_ALLOWED_HEADERS, CORS_ALLOWED_METHODS, CORS_EXPOSED_HEADERS
from aura.gateway.proxy import Proxy
from aura.gateway.routing import API_PREFIX
from aura.gateway.settings import Settings
from aura.gateway.upstreams import UpstreamClient, open_upstreams
from aura.kit.health import health_router
from aura.kit.service import build_app

CORS_MAX_AGE_SECONDS = 600


@dataclass(frozen=True)
class Resources:
    upstreams: UpstreamClient


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with open_upstreams(settings) as upstreams:
            app.state.resources = Resources(upstreams=upstreams)
            yield

    app = build_app("Aura gateway", settings.jwt_secret, lifespan)
    app.include_router(health_router("gateway"))
    proxy = Proxy(settings.jwt_secret, settings.max_body_bytes)
    app.router.routes.append(Route(API_PREFIX, proxy, include_in_schema=False))
    app.router.routes.append(Route(API_PREFIX + "/{rest:path}", proxy, include_in_schema=False))
    app.router.routes.append(Mount("/", console_app(settings.console_dir)))
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=True,
        allow_methods=list(CORS_ALLOWED_METHODS),
        allow_headers=list(CORS_ALLOWED_HEADERS),
        expose_headers=list(CORS_EXPOSED_HEADERS),
        max_age=CORS_MAX_AGE_SECONDS,
    )
    return app
