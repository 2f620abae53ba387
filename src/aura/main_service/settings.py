"""Configuration of the main service, read from the environment once at start-up."""

from pydantic import Field

from aura.contracts import ports
from aura.kit.settings import ServiceSettings

SERVICE_NAME = "main"


class Settings(ServiceSettings):
    port: int = Field(default=ports.MAIN_PORT, validation_alias="MAIN_PORT")
    redis_max_connections: int = Field(
        default=32, ge=1, validation_alias="MAIN_REDIS_MAX_CONNECTIONS"
    )

    @property
    def database(self) -> str:
        return self.database_url_for(SERVICE_NAME)
