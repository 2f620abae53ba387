"""The auth server's schema: its own migrations and Alembic version table."""

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from aura.auth_server.passwords import Passwords
from aura.auth_server.seed import seed_demo_users
from aura.kit.database import migrate, session_factory

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version_auth"


async def prepare_database(engine: AsyncEngine, passwords: Passwords, *, seed: bool) -> None:
    """Bring the schema to the latest revision and, when asked, add the missing demo users."""
    await migrate(engine, MIGRATIONS, VERSION_TABLE)
    if seed:
        await seed_demo_users(session_factory(engine), passwords)
