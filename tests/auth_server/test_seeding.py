"""Demo users, their hashes and the schema, as the database holds them."""

import asyncio
import uuid

import pytest
from argon2 import PasswordHasher
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from aura.auth_server.app import create_app
from aura.auth_server.database import VERSION_TABLE
from aura.auth_server.demo_users import DEMO_PASSWORD, DEMO_USERS, DemoUser
from aura.auth_server.models import UserRecord
from aura.auth_server.passwords import Passwords
from aura.auth_server.seed import seed_demo_users
from aura.auth_server.settings import Settings
from aura.kit.database import open_engine, session_factory
from tests.support.apps import started

pytestmark = pytest.mark.db

DEMO_KEYS = {(user.tenant_id, user.user_id) for user in DEMO_USERS}


async def demo_rows(engine: AsyncEngine) -> dict[tuple[str, str], tuple[object, ...]]:
    async with session_factory(engine)() as session:
        users = (await session.scalars(select(UserRecord))).all()
    return {
        (u.tenant_id, u.user_id): (
            u.username,
            u.email,
            u.display_name,
            u.role,
            u.password_hash,
            u.created_at,
        )
        for u in users
        if (u.tenant_id, u.user_id) in DEMO_KEYS
    }


def test_the_demo_list_meets_the_contract() -> None:
    tenants = {user.tenant_id for user in DEMO_USERS}
    assert {"tenant1", "default"} <= tenants
    assert ("tenant1", "user123") in DEMO_KEYS
    for tenant in tenants:
        members = [user for user in DEMO_USERS if user.tenant_id == tenant]
        assert len(members) >= 2
        assert [user.role for user in members].count("approver") == 1


async def test_starting_twice_keeps_the_same_users(
    auth_settings: Settings, engine: AsyncEngine
) -> None:
    for _ in range(2):
        async with started(create_app(auth_settings)):
            pass
    first = await demo_rows(engine)

    async with started(create_app(auth_settings)):
        pass

    assert set(first) == DEMO_KEYS
    assert await demo_rows(engine) == first


async def test_passwords_are_stored_as_argon2id_hashes(engine: AsyncEngine) -> None:
    rows = await demo_rows(engine)
    hashes = [row[4] for row in rows.values()]
    assert len(hashes) == len(DEMO_USERS)
    assert len(set(hashes)) == len(hashes)  # salted: one password, different hashes
    for password_hash in hashes:
        assert isinstance(password_hash, str)
        assert password_hash.startswith("$argon2id$")
        assert DEMO_PASSWORD not in password_hash
        assert PasswordHasher().verify(password_hash, DEMO_PASSWORD)


async def test_concurrent_starts_seed_each_user_once(database_url: str) -> None:
    run = uuid.uuid4().hex[:8]
    users = tuple(
        DemoUser(
            f"race-{run}",
            f"u{index}",
            f"racer{index}",
            f"racer{index}@race.example.com",
            f"경주자 {index}",
            "approver" if index == 0 else "user",
        )
        for index in range(3)
    )
    passwords = await Passwords.create()

    async def start() -> int:
        async with open_engine(database_url) as engine:
            return await seed_demo_users(session_factory(engine), passwords, users)

    inserted = await asyncio.gather(*(start() for _ in range(3)))

    assert sum(inserted) == len(users)
    async with open_engine(database_url) as engine, session_factory(engine)() as session:
        stored = (
            await session.scalars(select(UserRecord).where(UserRecord.tenant_id == f"race-{run}"))
        ).all()
    assert sorted(user.user_id for user in stored) == ["u0", "u1", "u2"]


async def test_the_schema_has_its_own_version_table_and_constraints(engine: AsyncEngine) -> None:
    def describe(connection: Connection) -> tuple[set[str], set[tuple[str, ...]]]:
        inspector = inspect(connection)
        uniques = {
            tuple(constraint["column_names"])
            for constraint in inspector.get_unique_constraints("auth_users")
        }
        return set(inspector.get_table_names()), uniques

    async with engine.connect() as connection:
        tables, uniques = await connection.run_sync(describe)
        version = (
            await connection.execute(text("SELECT version_num FROM alembic_version_auth"))
        ).all()
    assert {"auth_users", VERSION_TABLE} <= tables
    assert {("tenant_id", "username"), ("tenant_id", "email")} <= uniques
    assert version == [("auth_0001",)]
