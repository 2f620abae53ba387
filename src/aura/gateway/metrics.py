"""The gateway's own metrics: upstream errors by upstream and kind, open streams.

Both are counted once per request, never per chunk: the relay's loop stays untouched.
"""

from typing import Literal

from prometheus_client import CollectorRegistry, Counter, Gauge

from aura.gateway.routing import Upstream

UpstreamErrorKind = Literal["refused", "timeout", "broken"]
"""`refused`: no replica took the request; `timeout`: no answer before the deadline; `broken`:
the answer started and then broke off."""


class GatewayMetrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        registry = registry if registry is not None else CollectorRegistry()
        self.upstream_errors = Counter(
            "aura_gateway_upstream_errors_total",
            "Requests the gateway could not complete because of an upstream, by kind.",
            ["upstream", "kind"],
            registry=registry,
        )
        self.open_streams = Gauge(
            "aura_gateway_open_streams",
            "Event streams the gateway is relaying right now.",
            ["upstream"],
            registry=registry,
        )
        for upstream in Upstream:
            self.open_streams.labels(upstream.value)

    def upstream_error(self, upstream: Upstream, kind: UpstreamErrorKind) -> None:
        self.upstream_errors.labels(upstream.value, kind).inc()
