"""The route table (docs/contract.md#gateway-routes) as data, and the one function that reads it.

Routes are tried in order and the first match wins; a prefix matches only at a `/` boundary
(`/api/aura` matches `/api/aura` and `/api/aura/x`, never `/api/aurax`). Like the original Spring
gateway's `StripPrefix=1`, the leading `/api` is removed before forwarding. `/api/<service>/health`
reaches the service's own `/health`, except `/api/main/health`, which reaches the main service's
`/main/health` as it did in the original system (its frontend renders that answer's `data` as text).
Paths outside `/api` belong to the web console.
"""

from dataclasses import dataclass
from enum import StrEnum

API_PREFIX = "/api"


class Upstream(StrEnum):
    AUTH = "auth"
    MAIN = "main"
    MAIL = "mail"
    AGENT = "agent"


@dataclass(frozen=True)
class Route:
    prefix: str
    upstream: Upstream

    def matches(self, path: str) -> bool:
        return path == self.prefix or path.startswith(self.prefix + "/")


ROUTES: tuple[Route, ...] = (
    Route("/api/aura/hitl", Upstream.MAIN),
    Route("/api/aura", Upstream.AGENT),
    Route("/api/main", Upstream.MAIN),
    Route("/api/auth", Upstream.AUTH),
    Route("/api/mail", Upstream.MAIL),
)

# `/api/<name>/health` → the upstream's health path; `aura` is the Aura-Platform agent.
HEALTH_PATHS: dict[str, tuple[Upstream, str]] = {
    "/api/auth/health": (Upstream.AUTH, "/health"),
    "/api/main/health": (Upstream.MAIN, "/main/health"),
    "/api/mail/health": (Upstream.MAIL, "/health"),
    "/api/aura/health": (Upstream.AGENT, "/health"),
}

# Routes a caller reaches without a token (CORS preflight aside, which never reaches routing).
PUBLIC_PATHS: frozenset[str] = frozenset({"/api/auth/login", "/api/main/info", *HEALTH_PATHS})


@dataclass(frozen=True)
class Target:
    """Where a request goes: the upstream, the path it is sent as, whether it needs a token."""

    upstream: Upstream
    path: str
    public: bool


def is_api_path(path: str) -> bool:
    return path == API_PREFIX or path.startswith(API_PREFIX + "/")


def has_dot_segment(path: str) -> bool:
    """`.`/`..` segments would let a path match one route and mean another upstream's path."""
    return any(segment in (".", "..") for segment in path.split("/"))


def resolve(path: str) -> Target | None:
    """The target of a decoded `/api/...` path, or None when no route matches."""
    if has_dot_segment(path):
        return None
    health = HEALTH_PATHS.get(path)
    if health is not None:
        upstream, health_path = health
        return Target(upstream, health_path, public=True)
    for route in ROUTES:
        if route.matches(path):
            return Target(route.upstream, strip_api(path), public=path in PUBLIC_PATHS)
    return None


def strip_api(path: str) -> str:
    """`/api/aura/x` → `/aura/x` (also for a raw, still percent-encoded path)."""
    return path.removeprefix(API_PREFIX) or "/"
