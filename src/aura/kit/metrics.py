"""Prometheus metrics: one registry per app, request latency by route template, `GET /metrics`.

Each app owns its `CollectorRegistry` (never the process-wide default), so several apps in one
process (the tests) keep their figures apart. Labels are closed sets only: the route *template*
(`/aura/runs/{run_id}/stream`, never the raw path), the method and the status; a request no route
matched is labelled `<unmatched>`, so a scan of random paths cannot grow the series.

Every registry also shows the process's garbage-collector pauses (`aura_gc_pause_seconds`, from
`aura.kit.garbage_collection`): one process, one figure, whichever app's `/metrics` is read.

Latency is measured from the request's arrival to its `http.response.start`: for an ordinary
answer that is the handler's whole work, for a stream the time until it opened (a stream's
lifetime is not a latency). The middleware is pure ASGI: it wraps `send` and never buffers.
"""

import time
from typing import Any

from fastapi import FastAPI
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aura.kit.garbage_collection import GcPauseCollector, process_pauses

ROUTE_LABEL_KEY = "aura.route"
UNMATCHED = "<unmatched>"
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# From a cached answer (~1 ms) to a model turn that takes seconds.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class HttpMetrics:
    """The app's registry and the request-latency histogram every service shares."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        self.registry.register(GcPauseCollector(process_pauses()))
        self.request_seconds = Histogram(
            "aura_http_request_duration_seconds",
            "Time from a request's arrival to its response's start, by route template.",
            ["method", "route", "status"],
            registry=self.registry,
            buckets=LATENCY_BUCKETS,
        )
        # `labels()` takes a lock and validates on every call; the hot path looks up a dict.
        self._children: dict[tuple[str, str, int], Any] = {}

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        key = (method, route, status)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = self.request_seconds.labels(method, route, str(status))
        child.observe(seconds)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


def set_route_label(scope: Scope, label: str) -> None:
    """For ASGI endpoints outside the router (the gateway's proxy): the route label to use."""
    scope[ROUTE_LABEL_KEY] = label


def route_label(scope: Scope) -> str:
    label = scope.get(ROUTE_LABEL_KEY)
    if isinstance(label, str):
        return label
    # Starlette's router records the matched route in the scope it shares with the middleware.
    path = getattr(scope.get("route"), "path", None)
    if not isinstance(path, str):
        return UNMATCHED
    return path or "/"


class RequestMetricsMiddleware:
    """Observes every HTTP request's latency once, labelled by route template and status."""

    def __init__(self, app: ASGIApp, metrics: HttpMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        answered = False

        def observe(status: int) -> None:
            method = scope["method"] if scope["method"] in _METHODS else "OTHER"
            seconds = time.perf_counter() - began
            self.metrics.observe(method, route_label(scope), status, seconds)

        async def send_timed(message: Message) -> None:
            nonlocal answered
            if message["type"] == "http.response.start" and not answered:
                answered = True
                observe(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_timed)
        except Exception:
            if not answered:
                observe(500)  # the outermost error handler answers 500 after we return
            raise


def install_metrics(app: FastAPI) -> HttpMetrics:
    """Give the app its registry, the latency middleware and `GET /metrics` (kept out of the
    OpenAPI document: it is for scrapers, not for the API's clients)."""
    metrics = HttpMetrics()
    app.state.metrics = metrics

    async def scrape() -> Response:
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

    app.add_api_route("/metrics", scrape, methods=["GET"], include_in_schema=False)
    app.add_middleware(RequestMetricsMiddleware, metrics=metrics)
    return metrics


def registry_of(app: FastAPI) -> CollectorRegistry:
    """The registry `install_metrics` gave this app, for the service's own metrics."""
    metrics: HttpMetrics = app.state.metrics
    return metrics.registry
