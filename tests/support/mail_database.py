"""Read the mail service's database directly, to check what really moved."""

from pathlib import Path

from sqlalchemy import text

from aura.kit.database import open_engine


def mail_database_url(env: dict[str, str], var_dir: Path) -> str:
    return env.get("DATABASE_URL") or f"sqlite+aiosqlite:///{var_dir / 'mail.db'}"


async def folders_by_id(database_url: str, tenant_id: str, user_id: str) -> dict[str, str]:
    async with open_engine(database_url) as engine, engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT id, folder FROM mail_messages WHERE tenant_id = :t AND user_id = :u"),
            {"t": tenant_id, "u": user_id},
        )
        return {row.id: row.folder for row in rows}
