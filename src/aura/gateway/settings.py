"""Gateway settings: where the upstreams are, how long to wait for them, what to let through."""

from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, model_validator

from aura.contracts import ports
from aura.gateway.routing import Upstream
from aura.kit.settings import ServiceSettings

# The console's static files live in the `aura.console` package; the gateway only serves them.
DEFAULT_CONSOLE_DIR = Path(__file__).resolve().parent.parent / "console" / "static"

MAX_BODY_BYTES = 256 * 1024
TOTAL_TIMEOUT_MARGIN_SECONDS = 60.0
# Six hours: dozens of approvals in one run. Streams are kept honest by the idle-read timeout.
MAX_STREAM_SECONDS = 6 * 3600.0


def replica_urls(value: str) -> list[str]:
    return [url.strip().rstrip("/") for url in value.split(",") if url.strip()]


@dataclass(frozen=True)
class Deadlines:
    """How long one exchange may take, from the moment the gateway starts it.

    `total` bounds an ordinary response (headers and body). A `text/event-stream` response is not
    bound by it (heartbeats prove it alive, lesson 8) but by `stream`, None meaning never.
    `decision` bounds every exchange with the main service (approve, reject, the HITL queries).
    """

    total: float
    stream: float | None
    decision: float

    def for_upstream(self, upstream: Upstream) -> float:
        """The main service answers decisions and queries, never streams: its own, short bound."""
        return self.decision if upstream is Upstream.MAIN else self.total


class Settings(ServiceSettings):
    port: int = Field(default=ports.GATEWAY_PORT, validation_alias="GATEWAY_PORT")

    auth_url: str = Field(
        default=f"http://127.0.0.1:{ports.AUTH_PORT}", validation_alias="AUTH_URL"
    )
    main_url: str = Field(
        default=f"http://127.0.0.1:{ports.MAIN_PORT}", validation_alias="MAIN_URL"
    )
    mail_url: str = Field(
        default=f"http://127.0.0.1:{ports.MAIL_PORT}", validation_alias="MAIL_URL"
    )
    agent_url: str = Field(
        default=f"http://127.0.0.1:{ports.AGENT_PORT}", validation_alias="AGENT_URL"
    )

    cors_allowed_origins: str = Field(
        default="http://localhost:4200", validation_alias="CORS_ALLOWED_ORIGINS"
    )

    hitl_timeout_seconds: float = Field(default=300.0, validation_alias="HITL_TIMEOUT_SECONDS")
    sse_heartbeat_seconds: float = Field(default=15.0, validation_alias="SSE_HEARTBEAT_SECONDS")
    connect_timeout_seconds: float = Field(
        default=10.0, gt=0, validation_alias="GATEWAY_CONNECT_TIMEOUT_SECONDS"
    )
    # None means "derived": four heartbeats (at least 60 s) idle, and the HITL wait plus a margin
    # in total, so that neither races the approval timeout (docs/gateway.md#timeouts).
    read_timeout_seconds: float | None = Field(
        default=None, gt=0, validation_alias="GATEWAY_READ_TIMEOUT_SECONDS"
    )
    total_timeout_seconds: float | None = Field(
        default=None, gt=0, validation_alias="GATEWAY_TOTAL_TIMEOUT_SECONDS"
    )
    # 0 lets a stream live as long as its heartbeats keep coming.
    max_stream_seconds: float = Field(
        default=MAX_STREAM_SECONDS, ge=0, validation_alias="GATEWAY_MAX_STREAM_SECONDS"
    )

    max_body_bytes: int = Field(
        default=MAX_BODY_BYTES, gt=0, validation_alias="GATEWAY_MAX_BODY_BYTES"
    )
    max_upstream_connections: int = Field(
        default=20_000, ge=0, validation_alias="GATEWAY_MAX_UPSTREAM_CONNECTIONS"
    )
    console_dir: Path = Field(default=DEFAULT_CONSOLE_DIR, validation_alias="CONSOLE_DIR")
    # Idle upstream connections are dropped after this; it must stay below the services' own
    # keep-alive (75 s under `aura serve`), or a request can leave on a connection being closed.
    upstream_keepalive_seconds: float = Field(
        default=15.0, gt=0, validation_alias="GATEWAY_UPSTREAM_KEEPALIVE_SECONDS"
    )
    health_interval_seconds: float = Field(
        default=2.0, gt=0, validation_alias="GATEWAY_HEALTH_INTERVAL_SECONDS"
    )
    # An approve or reject answers within this or gets a 504: a person is waiting on it, and the
    # main service's own work is one Redis script and one audit row.
    decision_timeout_seconds: float = Field(
        default=10.0, gt=0, validation_alias="GATEWAY_DECISION_TIMEOUT_SECONDS"
    )

    @property
    def read_timeout(self) -> float:
        if self.read_timeout_seconds is not None:
            return self.read_timeout_seconds
        return max(4 * self.sse_heartbeat_seconds, 60.0)

    @property
    def total_timeout(self) -> float:
        if self.total_timeout_seconds is not None:
            return self.total_timeout_seconds
        return self.hitl_timeout_seconds + TOTAL_TIMEOUT_MARGIN_SECONDS

    @property
    def max_stream_lifetime(self) -> float | None:
        return self.max_stream_seconds or None

    def deadlines(self) -> Deadlines:
        return Deadlines(
            total=self.total_timeout,
            stream=self.max_stream_lifetime,
            decision=self.decision_timeout_seconds,
        )

    @property
    def cors_origins(self) -> list[str]:
        return [origin.strip() for origin in self.cors_allowed_origins.split(",") if origin.strip()]

    def upstream_urls(self) -> dict[Upstream, list[str]]:
        """Each upstream's replicas: `*_URL` is one base URL or a comma-separated list."""
        return {
            Upstream.AUTH: replica_urls(self.auth_url),
            Upstream.MAIN: replica_urls(self.main_url),
            Upstream.MAIL: replica_urls(self.mail_url),
            Upstream.AGENT: replica_urls(self.agent_url),
        }

    @model_validator(mode="after")
    def _timeouts_outlast_the_hitl_wait(self) -> "Settings":
        # Only explicit settings can break the rule; the derived defaults satisfy it.
        if self.read_timeout_seconds is not None and not self.sse_heartbeat_seconds < (
            self.read_timeout_seconds
        ):
            raise ValueError(
                f"GATEWAY_READ_TIMEOUT_SECONDS ({self.read_timeout_seconds:g}) must exceed "
                f"SSE_HEARTBEAT_SECONDS ({self.sse_heartbeat_seconds:g}), or idle streams "
                "waiting for an approval are cut."
            )
        if self.total_timeout_seconds is not None and not self.hitl_timeout_seconds < (
            self.total_timeout_seconds
        ):
            raise ValueError(
                f"GATEWAY_TOTAL_TIMEOUT_SECONDS ({self.total_timeout_seconds:g}) must exceed "
                f"HITL_TIMEOUT_SECONDS ({self.hitl_timeout_seconds:g}), or a run waiting for an "
                "approval is cut before it times out."
            )
        if self.max_stream_seconds and not self.hitl_timeout_seconds < self.max_stream_seconds:
            raise ValueError(
                f"GATEWAY_MAX_STREAM_SECONDS ({self.max_stream_seconds:g}) must exceed "
                f"HITL_TIMEOUT_SECONDS ({self.hitl_timeout_seconds:g}) (0 means unbounded), or "
                "a stream waiting for an approval is cut."
            )
        return self
