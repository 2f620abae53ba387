"""Configuration of the agent service (README.md#configuration), read once from the environment."""

import os

from pydantic import AliasChoices, Field, model_validator

from aura.contracts import ports
from aura.contracts.hitl import REQUEST_TTL_SECONDS
from aura.kit.settings import ServiceSettings

# The request record must outlive the wait: the run re-reads it after the deadline (to expire it)
# and after an approval (to authorise what runs).
REQUEST_TTL_MARGIN_SECONDS = 60
MAX_HITL_TIMEOUT_SECONDS = REQUEST_TTL_SECONDS - REQUEST_TTL_MARGIN_SECONDS


class Settings(ServiceSettings):
    database_name = "agent"  # where the run checkpoints are kept

    port: int = Field(default=ports.AGENT_PORT, validation_alias=AliasChoices("AGENT_PORT", "PORT"))
    mail_url: str = Field(default="http://127.0.0.1:8082", validation_alias="MAIL_URL")

    llm_provider: str = Field(default="offline", validation_alias="LLM_PROVIDER")
    openai_api_key: str | None = Field(default=None, validation_alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(default=None, validation_alias="OPENAI_BASE_URL")
    openai_model: str = Field(default="gpt-4o-mini", validation_alias="OPENAI_MODEL")

    hitl_timeout_seconds: float = Field(default=300, gt=0, validation_alias="HITL_TIMEOUT_SECONDS")
    hitl_poll_seconds: float = Field(default=2, gt=0, validation_alias="HITL_POLL_SECONDS")
    # How long a run waiting at the gate rides out Redis being unreachable before it fails.
    store_outage_seconds: float = Field(default=30, ge=0, validation_alias="STORE_OUTAGE_SECONDS")
    sse_heartbeat_seconds: float = Field(default=15, gt=0, validation_alias="SSE_HEARTBEAT_SECONDS")

    run_log_retention_seconds: int = Field(
        default=3600, gt=0, validation_alias="RUN_LOG_RETENTION_SECONDS"
    )
    run_log_max_events: int = Field(default=10_000, ge=10, validation_alias="RUN_LOG_MAX_EVENTS")
    run_log_poll_seconds: float = Field(default=0.5, gt=0, validation_alias="RUN_LOG_POLL_SECONDS")
    run_owner_lease_seconds: float = Field(
        default=15, gt=0, validation_alias="RUN_OWNER_LEASE_SECONDS"
    )
    # How often the supervisor renews its lease, picks up cancels and takes over orphaned runs.
    run_sweep_seconds: float = Field(default=2, gt=0, validation_alias="RUN_SWEEP_SECONDS")
    max_concurrent_runs: int = Field(default=1000, ge=1, validation_alias="MAX_CONCURRENT_RUNS")
    max_model_turns: int = Field(default=12, ge=1, validation_alias="MAX_MODEL_TURNS")

    redis_max_connections: int = Field(default=32, ge=2, validation_alias="REDIS_MAX_CONNECTIONS")
    redis_client_name: str = Field(
        default_factory=lambda: f"aura-agent-{os.getpid()}", validation_alias="REDIS_CLIENT_NAME"
    )
    checkpoint_pool_size: int = Field(default=8, ge=1, validation_alias="CHECKPOINT_POOL_SIZE")
    mail_timeout_seconds: float = Field(default=15, gt=0, validation_alias="MAIL_TIMEOUT_SECONDS")
    # Shared with the main service, never stored in Redis; empty means "not set" (resolved below).
    approval_signing_key: str = Field(default="", validation_alias="APPROVAL_SIGNING_KEY")

    @model_validator(mode="after")
    def _resolve_approval_signing_key(self) -> "Settings":
        self.approval_signing_key = self.named_secret(
            "APPROVAL_SIGNING_KEY", self.approval_signing_key
        )
        return self

    @model_validator(mode="after")
    def _retention_outlives_the_approval_wait(self) -> "Settings":
        if self.hitl_timeout_seconds > MAX_HITL_TIMEOUT_SECONDS:
            raise ValueError(
                f"HITL_TIMEOUT_SECONDS must be at most {MAX_HITL_TIMEOUT_SECONDS} seconds, "
                f"because the approval request record is kept {REQUEST_TTL_SECONDS} seconds in "
                f"Redis and must outlive the wait by {REQUEST_TTL_MARGIN_SECONDS} seconds."
            )
        if self.run_log_retention_seconds <= self.hitl_timeout_seconds:
            raise ValueError(
                "RUN_LOG_RETENTION_SECONDS must be longer than HITL_TIMEOUT_SECONDS so that a "
                "client can re-attach to a run paused for approval"
            )
        if self.run_owner_lease_seconds <= self.run_sweep_seconds:
            raise ValueError(
                "RUN_OWNER_LEASE_SECONDS must be longer than RUN_SWEEP_SECONDS, the interval at "
                "which a running process renews its lease"
            )
        return self
