"""What every FastAPI service has in common: request ids, the error envelope, identity."""

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request

from aura.contracts.identity import Caller
from aura.kit.errors import install_error_handlers
from aura.kit.identity import identify
from aura.kit.metrics import install_metrics
from aura.kit.openapi import install_error_documents
from aura.kit.request_bodies import JsonBodyGuard
from aura.kit.request_context import RequestIdMiddleware

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[Any]]


def build_app(
    title: str,
    jwt_secret: str,
    lifespan: Lifespan,
    *,
    guard_json_bodies: bool = True,
    app_class: type[FastAPI] = FastAPI,
) -> FastAPI:
    """A FastAPI app with the shared middleware, error handlers and `GET /metrics` installed.

    `guard_json_bodies` is off only where bodies are passed on unread (the gateway's proxy): the
    service that reads a body is the one that refuses it. `app_class` is `HandoffFastAPI` for a
    service that holds many long streams open (`stream_handoff.py`).
    """
    app = app_class(title=title, lifespan=lifespan, docs_url="/docs", redoc_url=None)
    app.state.jwt_secret = jwt_secret
    install_error_handlers(app)
    if guard_json_bodies:
        app.add_middleware(JsonBodyGuard)
    app.add_middleware(RequestIdMiddleware)
    install_metrics(app)
    install_error_documents(app)
    return app


async def current_caller(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer <access token>")] = None,
    x_tenant_id: Annotated[str | None, Header(description="The token's tenant")] = None,
) -> Caller:
    """FastAPI dependency: the verified caller, or the error of docs/contract.md#headers.

    The two headers are declared so that the OpenAPI document lists them; `identify` reads
    them (and X-User-ID) from the request itself.
    """
    secret: str = request.app.state.jwt_secret
    return identify(request.headers, secret)


CallerDep = Annotated[Caller, Depends(current_caller)]
