"""The auth server's app factory: users, login and tokens (docs/contract.md#auth-server)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from aura.auth_server.database import prepare_database
from aura.auth_server.passwords import Passwords
from aura.auth_server.resources import AuthResources
from aura.auth_server.routes import router
from aura.auth_server.service import AccountService
from aura.auth_server.settings import Settings
from aura.auth_server.throttle import LoginThrottle
from aura.contracts.identity import MIN_SECRET_BYTES
from aura.kit.database import open_engine, session_factory
from aura.kit.health import health_router
from aura.kit.redis import open_redis
from aura.kit.service import build_app
from aura.kit.settings import ConfigurationError


def require_strong_secret(secret: str) -> None:
    # Settings validate this already; settings built without validation must not slip through.
    size = len(secret.encode("utf-8"))
    if size < MIN_SECRET_BYTES:
        raise ConfigurationError(
            f"JWT_SECRET is {size} bytes long; it must be at least {MIN_SECRET_BYTES} bytes "
            "for HS256."
        )


def create_app(settings: Settings) -> FastAPI:
    require_strong_secret(settings.jwt_secret)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        passwords = await Passwords.create(
            max_concurrent=settings.password_hash_concurrency,
            max_waiting=settings.password_hash_queue,
        )
        async with (
            open_engine(settings.database_url) as engine,
            open_redis(settings.redis_url) as redis,
        ):
            await prepare_database(engine, passwords, seed=settings.seed_demo_users)
            accounts = AccountService(
                session_factory(engine),
                passwords,
                settings.jwt_secret,
                settings.token_ttl_seconds,
                LoginThrottle(redis, settings.throttle_rules),
            )
            app.state.resources = AuthResources(
                accounts=accounts, trusted_proxies=settings.trusted_proxy_addresses
            )
            yield

    app = build_app("Aura auth server", settings.jwt_secret, lifespan)
    app.include_router(health_router("auth"))
    app.include_router(router)
    return app
