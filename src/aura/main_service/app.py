"""The main service's app factory: Redis and the database are opened by the lifespan."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from aura.kit.approval_signatures import ApprovalSigner
from aura.kit.database import migrate, open_engine
from aura.kit.health import health_router
from aura.kit.metrics import registry_of
from aura.kit.redis import open_redis
from aura.kit.service import build_app
from aura.main_service.queries import HitlQueries
from aura.main_service.repository import AuditRepository
from aura.main_service.resources import MainResources
from aura.main_service.routes import router as hitl_router
from aura.main_service.service import DecisionService, decision_counter
from aura.main_service.settings import SERVICE_NAME, Settings
from aura.main_service.status import status_router
from aura.main_service.store import HitlStore

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version_main"


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with (
            open_redis(settings.redis_url, settings.redis_max_connections) as redis,
            open_engine(settings.database_url) as engine,
        ):
            await migrate(engine, MIGRATIONS, VERSION_TABLE)
            store = HitlStore(redis)
            audit = AuditRepository(engine)
            app.state.resources = MainResources(
                decisions=DecisionService(
                    store, audit, ApprovalSigner(settings.approval_signing_key), decisions
                ),
                queries=HitlQueries(store, audit),
            )
            yield

    app = build_app("Aura main service", settings.jwt_secret, lifespan)
    decisions = decision_counter(registry_of(app))
    app.include_router(health_router(SERVICE_NAME))
    app.include_router(status_router(settings.port))
    app.include_router(hitl_router)
    return app
