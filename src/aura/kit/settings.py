"""The settings base every service extends: one pydantic-settings class per service."""

from pathlib import Path
from typing import TypeVar

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from aura.contracts.identity import MIN_SECRET_BYTES

DEVELOPMENT_JWT_SECRET = "aura-development-secret-change-me-in-production"  # noqa: S105
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
VAR_DIR = Path("var")


class SecretTooShortError(ValueError):
    """JWT_SECRET is shorter than the 32 bytes HS256 needs to be safe."""


class ServiceSettings(BaseSettings):
    """What every service needs: identity, Redis, database, logging."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", populate_by_name=True)

    jwt_secret: str = Field(default=DEVELOPMENT_JWT_SECRET, validation_alias="JWT_SECRET")
    redis_url: str = Field(default=DEFAULT_REDIS_URL, validation_alias="REDIS_URL")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    log_level: str = Field(default="INFO", validation_alias="LOG_LEVEL")
    log_format: str = Field(default="text", validation_alias="LOG_FORMAT")
    host: str = Field(default="127.0.0.1", validation_alias="HOST")
    var_dir: Path = Field(default=VAR_DIR, validation_alias="AURA_VAR_DIR")

    @field_validator("jwt_secret")
    @classmethod
    def _secret_long_enough(cls, value: str) -> str:
        if len(value.encode("utf-8")) < MIN_SECRET_BYTES:
            raise SecretTooShortError(
                f"JWT_SECRET is {len(value.encode('utf-8'))} bytes long; it must be at least "
                f"{MIN_SECRET_BYTES} bytes for HS256."
            )
        return value

    def sqlite_url(self, name: str) -> str:
        """The default database of a service: a SQLite file under the var directory."""
        return f"sqlite+aiosqlite:///{(self.var_dir / f'{name}.db').resolve()}"

    def database_url_for(self, name: str) -> str:
        return self.database_url or self.sqlite_url(name)

    @property
    def uses_development_secret(self) -> bool:
        return self.jwt_secret == DEVELOPMENT_JWT_SECRET


S = TypeVar("S", bound=ServiceSettings)


class ConfigurationError(Exception):
    """Settings that a service cannot start with; the message is one sentence for the operator."""


def load_settings(settings_class: type[S], **overrides: object) -> S:
    """Build settings from the environment, turning validation failures into one clear sentence."""
    from pydantic import ValidationError

    try:
        return settings_class(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"]) or "settings"
            message = str(error.get("ctx", {}).get("error") or error["msg"])
            problems.append(f"{where}: {message}" if where not in message else message)
        raise ConfigurationError("; ".join(problems)) from None
