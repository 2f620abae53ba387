"""Queries on the users table. Callers own the session and its transaction."""

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from aura.auth_server.models import UserRecord
from aura.contracts.clock import utc_now


def normalize_login(value: str) -> str:
    """Usernames and emails compare case-insensitively; user and tenant ids do not."""
    return value.strip().lower()


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, tenant_id: str, user_id: str) -> UserRecord | None:
        return await self._session.get(UserRecord, (tenant_id, user_id))

    async def in_tenant(self, tenant_id: str) -> Sequence[UserRecord]:
        query = select(UserRecord).where(UserRecord.tenant_id == tenant_id)
        return (await self._session.scalars(query.order_by(UserRecord.user_id))).all()

    async def find_for_login(
        self, tenant_id: str | None, *, username: str | None = None, email: str | None = None
    ) -> Sequence[UserRecord]:
        """Users matching a username or an email, in one tenant or (tenant omitted) in any."""
        query = select(UserRecord)
        if email is not None:
            query = query.where(UserRecord.email == normalize_login(email))
        elif username is not None:
            query = query.where(UserRecord.username == normalize_login(username))
        else:
            return []
        if tenant_id is not None:
            query = query.where(UserRecord.tenant_id == tenant_id)
        result = await self._session.scalars(query.order_by(UserRecord.tenant_id))
        return result.all()

    async def find_in_tenant(self, tenant_id: str, who: str) -> UserRecord | None:
        """A user of a tenant by user id, else by username."""
        user = await self.get(tenant_id, who)
        if user is not None:
            return user
        matches = await self.find_for_login(tenant_id, username=who)
        return matches[0] if matches else None

    async def existing_keys(self, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        wanted = list(keys)
        if not wanted:
            return set()
        query = select(UserRecord.tenant_id, UserRecord.user_id).where(
            tuple_(UserRecord.tenant_id, UserRecord.user_id).in_(wanted)
        )
        return {(row.tenant_id, row.user_id) for row in await self._session.execute(query)}

    async def insert_missing(self, rows: Sequence[dict[str, Any]]) -> int:
        """Insert the rows whose keys are free; rows that collide are skipped, not errors.

        Two processes starting at once may both try to seed the same users; the loser's insert
        does nothing instead of failing its start-up.
        """
        if not rows:
            return 0
        now = utc_now()
        values = [
            {
                **row,
                "username": normalize_login(row["username"]),
                "email": normalize_login(row["email"]),
                "created_at": now,
            }
            for row in rows
        ]
        dialect = self._session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = insert(UserRecord).values(values).on_conflict_do_nothing()
        result = await self._session.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0)

    async def replace_hash(self, tenant_id: str, user_id: str, password_hash: str) -> None:
        await self._session.execute(
            update(UserRecord)
            .where(UserRecord.tenant_id == tenant_id, UserRecord.user_id == user_id)
            .values(password_hash=password_hash)
        )
