"""The demo users, created on start-up when they are missing."""

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from aura.auth_server.demo_users import DEMO_USERS, DemoUser
from aura.auth_server.passwords import Passwords
from aura.auth_server.repository import UserRepository

logger = logging.getLogger("aura.auth_server.seed")


async def seed_demo_users(
    sessions: async_sessionmaker[AsyncSession],
    passwords: Passwords,
    users: tuple[DemoUser, ...] = DEMO_USERS,
) -> int:
    """Insert the demo users that do not exist yet; return how many were inserted.

    Existing users are left as they are (a changed password stays changed). Hashing happens only
    for the missing ones, so a restart costs one query.
    """
    async with sessions() as session:
        present = await UserRepository(session).existing_keys(
            (user.tenant_id, user.user_id) for user in users
        )
    missing = [user for user in users if (user.tenant_id, user.user_id) not in present]
    if not missing:
        return 0
    hashes = await asyncio.gather(*(passwords.hash(user.password) for user in missing))
    rows = [
        {
            "tenant_id": user.tenant_id,
            "user_id": user.user_id,
            "username": user.username,
            "email": user.email,
            "display_name": user.name,
            "role": user.role,
            "password_hash": password_hash,
        }
        for user, password_hash in zip(missing, hashes, strict=True)
    ]
    async with sessions.begin() as session:
        inserted = await UserRepository(session).insert_missing(rows)
    logger.info("seeded %d demo users", inserted)
    return inserted
