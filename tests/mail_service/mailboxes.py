"""Mailboxes for tests: seeded with the real demo generator under random ids, and read back
straight from the database so that tests can check what the API did."""

import uuid
from datetime import UTC, datetime

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from aura.mail_service.demo_mail import DemoMailbox
from aura.mail_service.models import MailMessage
from aura.mail_service.seed import seed_mailbox
from tests.support.identity import auth_headers


def sessions_of(app: FastAPI) -> async_sessionmaker[AsyncSession]:
    sessions: async_sessionmaker[AsyncSession] = app.state.resources.mailbox.sessions
    return sessions


async def fresh_mailbox(app: FastAPI, tenant_id: str | None = None) -> DemoMailbox:
    suffix = uuid.uuid4().hex[:10]
    mailbox = DemoMailbox(
        tenant_id=tenant_id or f"tenant-{suffix}",
        user_id=f"user-{suffix}",
        name=f"Tester {suffix}",
        address=f"user-{suffix}@test.example",
    )
    assert await seed_mailbox(sessions_of(app), mailbox, [mailbox], datetime.now(UTC))
    return mailbox


async def rows_of(app: FastAPI, tenant_id: str, user_id: str) -> list[MailMessage]:
    async with sessions_of(app)() as session:
        query = select(MailMessage).where(
            MailMessage.tenant_id == tenant_id, MailMessage.user_id == user_id
        )
        return list((await session.scalars(query)).all())


async def rows_by_id(app: FastAPI, mailbox: DemoMailbox) -> dict[str, MailMessage]:
    return {row.id: row for row in await rows_of(app, mailbox.tenant_id, mailbox.user_id)}


def headers_for(mailbox: DemoMailbox) -> dict[str, str]:
    return auth_headers(mailbox.user_id, mailbox.tenant_id)


def newest_first(rows: list[MailMessage]) -> list[str]:
    return [row.id for row in sorted(rows, key=lambda r: (r.received_at, r.id), reverse=True)]
