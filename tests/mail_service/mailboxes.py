"""Mailboxes for tests: seeded with the real demo generator under random ids, and read back
straight from the database so that tests can check what the API did."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from aura.mail_service.demo_mail import DemoMailbox, demo_messages
from aura.mail_service.models import MailMessage
from aura.mail_service.seed import message_row, seed_mailbox
from tests.support.identity import auth_headers

# The demo generator draws a mailbox's mail from a generator seeded by its tenant and user: a
# mailbox under random ids gets different mail on every run. A test whose outcome depends on the
# mail itself gets the mail of this identity (which no test owns), copied under ids of its own.
SAME_MAIL = DemoMailbox("tenant-same-mail", "user-same-mail", "Tester", "tester@test.example")


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


async def mailbox_with_the_same_mail(app: FastAPI) -> DemoMailbox:
    """A mailbox of its own (random ids, so tests sharing a database never meet) that holds the
    same mail on every run: `SAME_MAIL`'s, dated relative to now."""
    suffix = uuid.uuid4().hex[:10]
    mailbox = replace(SAME_MAIL, tenant_id=f"tenant-{suffix}", user_id=f"user-{suffix}")
    drafts = demo_messages(SAME_MAIL, [SAME_MAIL], datetime.now(UTC))
    async with sessions_of(app).begin() as session:
        session.add_all(
            message_row(mailbox, replace(draft, id=f"msg-{suffix}-{index}"))
            for index, draft in enumerate(drafts)
        )
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
