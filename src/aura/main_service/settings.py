"""Configuration of the main service, read from the environment once at start-up."""

from pydantic import Field, model_validator

from aura.contracts import ports
from aura.kit.settings import ServiceSettings

SERVICE_NAME = "main"


class Settings(ServiceSettings):
    database_name = SERVICE_NAME

    port: int = Field(default=ports.MAIN_PORT, validation_alias="MAIN_PORT")
    redis_max_connections: int = Field(
        default=32, ge=1, validation_alias="MAIN_REDIS_MAX_CONNECTIONS"
    )
    # Shared with the agent, never stored in Redis; empty means "not set" (resolved below).
    approval_signing_key: str = Field(default="", validation_alias="APPROVAL_SIGNING_KEY")

    @model_validator(mode="after")
    def _resolve_approval_signing_key(self) -> "Settings":
        self.approval_signing_key = self.named_secret(
            "APPROVAL_SIGNING_KEY", self.approval_signing_key
        )
        return self
