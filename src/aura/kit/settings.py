"""The settings base every service extends: one pydantic-settings class per service."""

from pathlib import Path
from typing import ClassVar, TypeVar

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from aura.kit.secrets import is_production, resolve_secret

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
VAR_DIR = Path("var")


class ServiceSettings(BaseSettings):
    """What every service needs: identity, Redis, database, logging."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore", populate_by_name=True)

    environment: str = Field(default="development", validation_alias="ENVIRONMENT")
    # Empty means "not set": resolved below (refused in production, generated in development).
    jwt_secret: str = Field(default="", validation_alias="JWT_SECRET")
    redis_url: str = Field(default=DEFAULT_REDIS_URL, validation_alias="REDIS_URL")
    # Empty means "not set": a service with a database then keeps it in a SQLite file named
    # after `database_name` under the var directory.
    database_url: str = Field(default="", validation_alias="DATABASE_URL")
    log_level: str = Field(default="INFO", validation_alias="LOG_LEVEL")
    log_format: str = Field(default="text", validation_alias="LOG_FORMAT")
    host: str = Field(default="127.0.0.1", validation_alias="HOST")
    var_dir: Path = Field(default=VAR_DIR, validation_alias="AURA_VAR_DIR")

    database_name: ClassVar[str] = ""
    """The SQLite file's name (`var/<name>.db`) of a service that has a database; empty for none."""

    @model_validator(mode="after")
    def _resolve_jwt_secret(self) -> "ServiceSettings":
        self.jwt_secret = self.named_secret("JWT_SECRET", self.jwt_secret)
        return self

    @model_validator(mode="after")
    def _resolve_database_url(self) -> "ServiceSettings":
        if not self.database_url and self.database_name:
            self.database_url = self.sqlite_url(self.database_name)
        return self

    def named_secret(self, name: str, value: str | None) -> str:
        """`value`, or the development secret `name` under the var directory (never in production).

        For a settings field holding a secret: call it from a `model_validator(mode="after")`.
        """
        return resolve_secret(name, value, environment=self.environment, var_dir=self.var_dir)

    @property
    def production(self) -> bool:
        return is_production(self.environment)

    def sqlite_url(self, name: str) -> str:
        """The default database of a service: a SQLite file under the var directory."""
        return f"sqlite+aiosqlite:///{(self.var_dir / f'{name}.db').resolve()}"


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
            where = ".".join(str(part) for part in error["loc"])
            message = str(error.get("ctx", {}).get("error") or error["msg"])
            problems.append(f"{where}: {message}" if where and where not in message else message)
        raise ConfigurationError("; ".join(problems)) from None
