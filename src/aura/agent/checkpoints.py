"""The LangGraph checkpointer: where a paused run's graph state is kept.

SQLite (a file under `var/`, the agent's default database) unless `DATABASE_URL` points at
PostgreSQL, in which case the PostgreSQL saver runs on a small psycopg pool. LangGraph manages its
own tables (`checkpoints`, `checkpoint_blobs`, `checkpoint_writes`, `checkpoint_migrations`), so
the agent needs no Alembic migrations of its own.
"""

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from sqlalchemy.engine import make_url

from aura.kit.database import is_sqlite, normalize_url


def checkpoint_store_id(url: str) -> str:
    """A short name of the checkpoint database, the same for every replica that shares it: the
    runs a process may take over are the ones whose state it can read."""
    canonical = make_url(normalize_url(url)).render_as_string(hide_password=True)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def psycopg_url(url: str) -> str:
    """`postgresql+asyncpg://…` (SQLAlchemy form) → `postgresql://…` (libpq form)."""
    parsed = make_url(normalize_url(url)).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def sqlite_path(url: str) -> Path:
    database = make_url(normalize_url(url)).database
    if not database or database == ":memory:":
        raise ValueError("the agent's checkpoints need a SQLite file, not an in-memory database")
    return Path(database)


@asynccontextmanager
async def open_checkpointer(
    url: str, pool_size: int = 8
) -> AsyncIterator[BaseCheckpointSaver[Any]]:
    if is_sqlite(url):
        import aiosqlite
        from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

        path = sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        async with aiosqlite.connect(str(path)) as connection:
            await connection.execute("PRAGMA journal_mode=WAL")
            await connection.execute("PRAGMA busy_timeout=10000")
            saver = AsyncSqliteSaver(connection)
            await saver.setup()
            yield saver
        return

    from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
    from psycopg.rows import dict_row
    from psycopg_pool import AsyncConnectionPool

    async with AsyncConnectionPool(
        psycopg_url(url),
        min_size=1,
        max_size=pool_size,
        open=False,
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
    ) as pool:
        postgres = AsyncPostgresSaver(pool)  # type: ignore[arg-type]
        await postgres.setup()
        yield postgres
