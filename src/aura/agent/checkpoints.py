"""The LangGraph checkpointer: where a paused run's graph state is kept.

SQLite (a file under `var/`, the agent's default database) unless `DATABASE_URL` points at
PostgreSQL, in which case the PostgreSQL saver runs on a small psycopg pool. LangGraph manages its
own tables (`checkpoints`, `writes` on SQLite; `checkpoints`, `checkpoint_blobs`,
`checkpoint_writes`, `checkpoint_migrations` on PostgreSQL), so the agent needs no Alembic
migrations of its own.

On SQLite every checkpoint operation runs whole on one thread of its own (`SqliteCheckpoints`):
one hand-over from the event loop and back per operation. LangGraph's own async SQLite saver
holds an asyncio lock across every statement, fetch and commit of an operation, each one a round
trip to aiosqlite's thread, so under load the runs queued behind that lock for as many turns of
a busy event loop (about 20 checkpoint operations per run). The WAL is written with
`synchronous=NORMAL`: a commit reaches the operating system before the operation returns, so a
killed process (SIGKILL, OOM) loses nothing; only a power cut may lose the last commits.
"""

import asyncio
import hashlib
import sqlite3
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import (
    BaseCheckpointSaver,
    ChannelVersions,
    Checkpoint,
    CheckpointMetadata,
    CheckpointTuple,
    DeltaChannelHistory,
)
from langgraph.checkpoint.sqlite import SqliteSaver
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


_T = TypeVar("_T")


class SqliteCheckpoints(SqliteSaver):
    """LangGraph's SQLite saver, its async methods each run whole on the saver's own thread."""

    def __init__(self, connection: sqlite3.Connection, thread: ThreadPoolExecutor) -> None:
        super().__init__(connection)
        self._thread = thread

    async def _on_thread(self, call: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        return await asyncio.get_running_loop().run_in_executor(
            self._thread, lambda: call(*args, **kwargs)
        )

    async def aget_tuple(self, config: RunnableConfig) -> CheckpointTuple | None:
        return await self._on_thread(self.get_tuple, config)

    async def alist(
        self,
        config: RunnableConfig | None,
        *,
        filter: dict[str, Any] | None = None,
        before: RunnableConfig | None = None,
        limit: int | None = None,
    ) -> AsyncIterator[CheckpointTuple]:
        found = await self._on_thread(
            lambda: list(self.list(config, filter=filter, before=before, limit=limit))
        )
        for item in found:
            yield item

    async def aput(
        self,
        config: RunnableConfig,
        checkpoint: Checkpoint,
        metadata: CheckpointMetadata,
        new_versions: ChannelVersions,
    ) -> RunnableConfig:
        return await self._on_thread(self.put, config, checkpoint, metadata, new_versions)

    async def aput_writes(
        self,
        config: RunnableConfig,
        writes: Sequence[tuple[str, Any]],
        task_id: str,
        task_path: str = "",
    ) -> None:
        await self._on_thread(self.put_writes, config, writes, task_id, task_path)

    async def adelete_thread(self, thread_id: str) -> None:
        await self._on_thread(self.delete_thread, thread_id)

    async def aget_delta_channel_history(
        self, *, config: RunnableConfig, channels: Sequence[str]
    ) -> Mapping[str, DeltaChannelHistory]:
        return await self._on_thread(
            self.get_delta_channel_history, config=config, channels=channels
        )


def _connect_sqlite(path: Path) -> sqlite3.Connection:
    # Used only from the saver's one thread; created there too.
    connection = sqlite3.connect(str(path), check_same_thread=False, timeout=10.0)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA busy_timeout=10000")
    return connection


@asynccontextmanager
async def open_checkpointer(
    url: str, pool_size: int = 8
) -> AsyncIterator[BaseCheckpointSaver[Any]]:
    if is_sqlite(url):
        path = sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        loop = asyncio.get_running_loop()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="checkpoints") as thread:
            connection = await loop.run_in_executor(thread, _connect_sqlite, path)
            try:
                saver = SqliteCheckpoints(connection, thread)
                await loop.run_in_executor(thread, saver.setup)
                yield saver
            finally:
                await loop.run_in_executor(thread, connection.close)
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
