"""The mail service's app factory: the lifespan migrates, seeds and hands out the mailbox."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from aura.kit.database import migrate, open_engine, session_factory
from aura.kit.health import health_router
from aura.kit.service import build_app
from aura.mail_service.resources import MailResources
from aura.mail_service.routes import router
from aura.mail_service.seed import DEMO_MAILBOXES, seed_demo_mail
from aura.mail_service.service import Mailbox
from aura.mail_service.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version_mail"


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with open_engine(settings.database_url) as engine:
            await migrate(engine, MIGRATIONS, VERSION_TABLE)
            sessions = session_factory(engine)
            if settings.seed_demo_mail:
                await seed_demo_mail(sessions, DEMO_MAILBOXES)
            app.state.resources = MailResources(engine, Mailbox(sessions, DEMO_MAILBOXES))
            yield

    app = build_app("Aura mail service", settings.jwt_secret, lifespan)
    app.include_router(health_router("mail"))
    app.include_router(router)
    return app
