"""Seeding the demo mailboxes on first start.

The demo users are listed here, and only here: the mail service never imports the auth server,
so this list is kept in step with the auth server's demo users by hand.

Seeding is idempotent and safe when two processes start at once: each mailbox is seeded in one
transaction that also inserts a marker row keyed by (tenant, user); the second writer hits that
primary key, rolls back, and leaves the first writer's mail alone.
"""

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from aura.contracts.clock import utc_now
from aura.mail_service.demo_mail import DemoMailbox, DraftMessage, demo_messages
from aura.mail_service.models import MailMessage, SeededMailbox

logger = logging.getLogger("aura.mail_service.seed")

DEMO_MAILBOXES: tuple[DemoMailbox, ...] = (
    DemoMailbox("tenant1", "user123", "김민준", "minjun.kim@tenant1.example.com"),
    DemoMailbox("tenant1", "user456", "이서연", "seoyeon.lee@tenant1.example.com"),
    DemoMailbox("default", "user001", "박지호", "jiho.park@default.example.com"),
    DemoMailbox("default", "user002", "최수진", "sujin.choi@default.example.com"),
    DemoMailbox("acme", "alice", "Alice Park", "alice@acme.example"),
    DemoMailbox("acme", "bob", "Bob Lee", "bob@acme.example"),
)


def message_row(mailbox: DemoMailbox, draft: DraftMessage) -> MailMessage:
    """A drafted message as the row of `mailbox`."""
    return MailMessage(
        id=draft.id,
        tenant_id=mailbox.tenant_id,
        user_id=mailbox.user_id,
        folder=draft.folder,
        previous_folder=draft.previous_folder,
        sender_name=draft.sender.name,
        sender_address=draft.sender.address,
        recipients=draft.recipients,
        subject=draft.subject,
        body=draft.body,
        received_at=draft.received_at,
        read=draft.read,
    )


async def _already_seeded(session: AsyncSession, mailbox: DemoMailbox) -> bool:
    marker = await session.get(SeededMailbox, (mailbox.tenant_id, mailbox.user_id))
    return marker is not None


async def seed_mailbox(
    sessions: async_sessionmaker[AsyncSession],
    mailbox: DemoMailbox,
    tenant_mailboxes: list[DemoMailbox],
    now: datetime,
) -> bool:
    """Give one mailbox its demo mail unless it has had it; True when this call seeded it."""
    try:
        async with sessions.begin() as session:
            if await _already_seeded(session, mailbox):
                return False
            session.add(SeededMailbox(tenant_id=mailbox.tenant_id, user_id=mailbox.user_id))
            await session.flush()
            session.add_all(
                message_row(mailbox, draft)
                for draft in demo_messages(mailbox, tenant_mailboxes, now)
            )
    except IntegrityError:
        logger.info("mailbox %s/%s was seeded concurrently", mailbox.tenant_id, mailbox.user_id)
        return False
    return True


async def seed_demo_mail(
    sessions: async_sessionmaker[AsyncSession],
    mailboxes: Sequence[DemoMailbox] = DEMO_MAILBOXES,
    now: datetime | None = None,
) -> int:
    """Seed every demo mailbox that has not been seeded; returns how many were seeded now."""
    moment = now or utc_now()
    seeded = 0
    for mailbox in mailboxes:
        colleagues = [box for box in mailboxes if box.tenant_id == mailbox.tenant_id]
        if await seed_mailbox(sessions, mailbox, colleagues, moment):
            seeded += 1
    if seeded:
        logger.info("seeded demo mail for %d mailbox(es)", seeded)
    return seeded
