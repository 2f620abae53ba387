"""Configuration of the auth server, read once from the environment."""

from pydantic import Field

from aura.contracts import ports
from aura.kit.settings import ServiceSettings
from aura.kit.tokens import MAX_LIFETIME_SECONDS

DEFAULT_TOKEN_TTL_SECONDS = 3600


class Settings(ServiceSettings):
    port: int = Field(default=ports.AUTH_PORT, validation_alias="AUTH_PORT")
    token_ttl_seconds: int = Field(
        default=DEFAULT_TOKEN_TTL_SECONDS,
        ge=1,
        le=MAX_LIFETIME_SECONDS,
        validation_alias="TOKEN_TTL_SECONDS",
    )
    # Production deployments that manage their own users turn this off.
    seed_demo_users: bool = Field(default=True, validation_alias="AUTH_SEED_DEMO_USERS")

    @property
    def auth_database_url(self) -> str:
        return self.database_url_for("auth")
