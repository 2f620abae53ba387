"""Configuration of the auth server, read once from the environment."""

from pydantic import Field

from aura.auth_server.throttle import ThrottleRules
from aura.contracts import ports
from aura.kit.settings import ServiceSettings
from aura.kit.tokens import MAX_LIFETIME_SECONDS

DEFAULT_TOKEN_TTL_SECONDS = 3600


class Settings(ServiceSettings):
    database_name = "auth"

    port: int = Field(default=ports.AUTH_PORT, validation_alias="AUTH_PORT")
    token_ttl_seconds: int = Field(
        default=DEFAULT_TOKEN_TTL_SECONDS,
        ge=1,
        le=MAX_LIFETIME_SECONDS,
        validation_alias="TOKEN_TTL_SECONDS",
    )
    # Production deployments that manage their own users turn this off.
    seed_demo_users: bool = Field(default=True, validation_alias="AUTH_SEED_DEMO_USERS")

    # Login throttles (see throttle.py and the README's security section).
    login_account_failures: int = Field(default=5, ge=1, validation_alias="LOGIN_ACCOUNT_FAILURES")
    login_address_failures: int = Field(default=50, ge=1, validation_alias="LOGIN_ADDRESS_FAILURES")
    login_window_seconds: int = Field(default=900, ge=1, validation_alias="LOGIN_WINDOW_SECONDS")
    # Deployments sharing one Redis give each its own namespace.
    login_throttle_namespace: str = Field(
        default="aura:auth:login", min_length=1, validation_alias="LOGIN_THROTTLE_NAMESPACE"
    )
    # Peers whose X-Forwarded-For is believed (the gateway), comma-separated.
    trusted_proxies: str = Field(default="127.0.0.1,::1", validation_alias="TRUSTED_PROXIES")
    # Concurrent argon2 hashes (default: one per CPU, at least 2) and how many may wait.
    password_hash_concurrency: int | None = Field(
        default=None, ge=1, validation_alias="PASSWORD_HASH_CONCURRENCY"
    )
    password_hash_queue: int = Field(default=32, ge=0, validation_alias="PASSWORD_HASH_QUEUE")

    @property
    def throttle_rules(self) -> ThrottleRules:
        return ThrottleRules(
            account_failures=self.login_account_failures,
            address_failures=self.login_address_failures,
            window_seconds=self.login_window_seconds,
            namespace=self.login_throttle_namespace,
        )

    @property
    def trusted_proxy_addresses(self) -> frozenset[str]:
        return frozenset(part.strip() for part in self.trusted_proxies.split(",") if part.strip())
