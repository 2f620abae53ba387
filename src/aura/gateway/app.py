"""The gateway app: its own `/health` and `/metrics`, the `/api/**` proxy, the console at `/`.

No `BaseHTTPMiddleware` anywhere: CORS, request id and the `/api` dispatch are pure ASGI, so a
stream passes through them chunk by chunk. `/api/**` is dispatched to the proxy just inside the
request-id middleware rather than through FastAPI's router: every streamed chunk crosses each
layer's `send` wrapper, and the router's layers (exception middleware, exit stack, route) add
per-chunk cost and per-stream memory while doing nothing for a proxy that renders its own errors.
An exception the proxy does not expect still reaches the outermost handler and its envelope.
The app is a `HandoffFastAPI`: a proxied response's body is relayed from its outermost layer,
after the stack has sent the head (`aura.kit.stream_handoff`, `proxy.py`).

Order, outermost first: request metrics, request id, CORS, `/api` dispatch. CORS sits inside the
request-id middleware so that a preflight it answers (accepted or refused) carries `X-Request-ID`
too.

The gateway publishes no `/docs` or `/openapi.json` of its own: every path outside `/api` (and
its own `/health` and `/metrics`) belongs to the console (docs/contract.md#gateway-routes).
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.routing import Mount
from starlette.types import ASGIApp, Receive, Scope, Send

from aura.gateway.console import console_app
from aura.gateway.cors import GatewayCors
from aura.gateway.headers import CORS_ALLOWED_HEADERS, CORS_ALLOWED_METHODS, CORS_EXPOSED_HEADERS
from aura.gateway.metrics import GatewayMetrics
from aura.gateway.proxy import Proxy
from aura.gateway.routing import is_api_path
from aura.gateway.settings import Settings
from aura.gateway.upstreams import UpstreamClient, open_upstreams
from aura.kit.health import health_router
from aura.kit.metrics import registry_of
from aura.kit.service import build_app
from aura.kit.stream_handoff import HandoffFastAPI

CORS_MAX_AGE_SECONDS = 600


@dataclass(frozen=True)
class Resources:
    upstreams: UpstreamClient


class ApiDispatch:
    """`/api` and everything under it to the proxy; any other path on to FastAPI's router."""

    def __init__(self, app: ASGIApp, proxy: Proxy) -> None:
        self.app = app
        self.proxy = proxy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and is_api_path(scope["path"]):
            await self.proxy(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with open_upstreams(settings) as upstreams:
            app.state.resources = Resources(upstreams=upstreams)
            yield

    app = build_app(
        "Aura gateway",
        settings.jwt_secret,
        lifespan,
        guard_json_bodies=False,
        app_class=HandoffFastAPI,
    )
    _drop_api_docs(app)
    app.include_router(health_router("gateway"))
    app.router.routes.append(Mount("/", console_app(settings.console_dir)))
    proxy = Proxy(
        settings.jwt_secret,
        settings.max_body_bytes,
        settings.deadlines(),
        GatewayMetrics(registry_of(app)),
    )
    cors = Middleware(
        GatewayCors,
        allow_origins=settings.cors_origins,
        allow_credentials=True,
        allow_methods=list(CORS_ALLOWED_METHODS),
        allow_headers=list(CORS_ALLOWED_HEADERS),
        expose_headers=list(CORS_EXPOSED_HEADERS),
        max_age=CORS_MAX_AGE_SECONDS,
    )
    # build_app installed the request-id middleware; CORS and the dispatch go inside it, in this
    # order (appended: `add_middleware` would make them outermost).
    app.user_middleware.extend([cors, Middleware(ApiDispatch, proxy=proxy)])
    return app


def _drop_api_docs(app: FastAPI) -> None:
    """Remove the Swagger UI and OpenAPI routes `build_app` gives every service."""
    reserved = {app.openapi_url, app.docs_url, app.redoc_url, app.swagger_ui_oauth2_redirect_url}
    reserved.discard(None)
    app.router.routes[:] = [
        route for route in app.router.routes if getattr(route, "path", None) not in reserved
    ]
    app.openapi_url = app.docs_url = app.redoc_url = app.swagger_ui_oauth2_redirect_url = None
