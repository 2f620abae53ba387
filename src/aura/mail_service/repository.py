"""The queries on one user's mailbox. Every query is scoped by tenant and user: a message that
belongs to someone else is, from here on up, indistinguishable from one that does not exist."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from aura.contracts.mail import Folder
from aura.mail_service.models import MailMessage


@dataclass(frozen=True)
class Owner:
    tenant_id: str
    user_id: str


@dataclass(frozen=True)
class MessageFilter:
    folder: Folder = "inbox"
    unread: bool | None = None
    sender: str | None = None
    words: tuple[str, ...] = ()


def _owned_by(owner: Owner) -> ColumnElement[bool]:
    return and_(MailMessage.tenant_id == owner.tenant_id, MailMessage.user_id == owner.user_id)


def _contains(column: InstrumentedAttribute[str], text: str) -> ColumnElement[bool]:
    # lower() on both sides: case-insensitive on SQLite and PostgreSQL alike; autoescape keeps
    # a user's `%` or `_` literal.
    return func.lower(column).contains(text.lower(), autoescape=True)


def _matching(owner: Owner, criteria: MessageFilter) -> list[ColumnElement[bool]]:
    conditions = [_owned_by(owner), MailMessage.folder == criteria.folder]
    if criteria.unread is not None:
        conditions.append(MailMessage.read.is_(not criteria.unread))
    if criteria.sender:
        conditions.append(
            or_(
                _contains(MailMessage.sender_name, criteria.sender),
                _contains(MailMessage.sender_address, criteria.sender),
            )
        )
    for word in criteria.words:
        conditions.append(
            or_(_contains(MailMessage.subject, word), _contains(MailMessage.body, word))
        )
    return conditions


class MessageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def page(
        self, owner: Owner, criteria: MessageFilter, limit: int, offset: int
    ) -> tuple[list[MailMessage], int]:
        conditions = _matching(owner, criteria)
        total = await self.session.scalar(
            select(func.count()).select_from(MailMessage).where(*conditions)
        )
        query = (
            select(MailMessage)
            .where(*conditions)
            # id breaks ties so that paging is stable when two messages share a timestamp.
            .order_by(MailMessage.received_at.desc(), MailMessage.id.desc())
            .limit(limit)
            .offset(offset)
        )
        rows = (await self.session.scalars(query)).all()
        return list(rows), int(total or 0)

    async def one(self, owner: Owner, message_id: str) -> MailMessage | None:
        query = select(MailMessage).where(_owned_by(owner), MailMessage.id == message_id)
        return await self.session.scalar(query)

    async def many_for_update(self, owner: Owner, ids: Sequence[str]) -> list[MailMessage]:
        """The caller's messages among `ids`, locked until the transaction ends (PostgreSQL)."""
        query = (
            select(MailMessage)
            .where(_owned_by(owner), MailMessage.id.in_(ids) if ids else false())
            .with_for_update()
        )
        return list((await self.session.scalars(query)).all())

    async def folder_counts(self, owner: Owner) -> dict[str, tuple[int, int]]:
        """(total, unread) per folder that holds any message."""
        unread = func.sum(case((MailMessage.read.is_(False), 1), else_=0))
        query = (
            select(MailMessage.folder, func.count(), unread)
            .where(_owned_by(owner))
            .group_by(MailMessage.folder)
        )
        rows = (await self.session.execute(query)).all()
        return {folder: (int(total), int(unread or 0)) for folder, total, unread in rows}

    def add(self, message: MailMessage) -> None:
        self.session.add(message)
