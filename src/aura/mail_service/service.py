"""The mailbox use cases: list, read, delete to trash, restore, mark read, send.

Each use case is one transaction. Batch calls are all-or-nothing: every id is looked up in the
caller's own mailbox first, and a single unknown id (another user's message counts as unknown)
fails the whole call before anything is written.
"""

import re
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from aura.contracts.clock import utc_now
from aura.contracts.envelope import FieldProblem
from aura.contracts.identity import Caller
from aura.contracts.mail import Folder, Message, MessagePage, MessageSummary, SendRequest
from aura.contracts.mail_results import (
    BatchResult,
    ChangedMessage,
    FolderCount,
    FolderCounts,
    SentMessage,
)
from aura.kit.errors import NotFoundError, ValidationFailedError
from aura.mail_service.demo_mail import DemoMailbox
from aura.mail_service.idempotency import Idempotency, first_answer, remember
from aura.mail_service.models import MailMessage
from aura.mail_service.repository import MessageFilter, MessageRepository, Owner

FOLDERS: tuple[Folder, ...] = ("inbox", "sent", "trash")
Answer = TypeVar("Answer", bound=BaseModel)
SNIPPET_LENGTH = 140
# Deliberately loose: one @, no spaces or angle brackets, a dot in the domain.
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


@dataclass(frozen=True)
class Applied(Generic[Answer]):
    """A change's answer; `replayed` when it is the stored first answer to the same key."""

    answer: Answer
    replayed: bool


def owner_of(caller: Caller) -> Owner:
    return Owner(tenant_id=caller.tenant_id, user_id=caller.user_id)


def display_sender(message: MailMessage) -> str:
    if not message.sender_name or message.sender_name == message.sender_address:
        return message.sender_address
    return f"{message.sender_name} <{message.sender_address}>"


def snippet(body: str) -> str:
    text = " ".join(body.split())
    return text if len(text) <= SNIPPET_LENGTH else text[: SNIPPET_LENGTH - 1] + "…"


def summary_of(message: MailMessage) -> MessageSummary:
    return MessageSummary(
        id=message.id,
        sender=display_sender(message),
        to=list(message.recipients),
        subject=message.subject,
        snippet=snippet(message.body),
        received_at=message.received_at,
        read=message.read,
        folder=message.folder,
    )


def message_of(message: MailMessage) -> Message:
    return Message(**summary_of(message).model_dump(), body=message.body)


def changed_of(message: MailMessage) -> ChangedMessage:
    return ChangedMessage(
        id=message.id,
        sender=display_sender(message),
        subject=message.subject,
        received_at=message.received_at,
        folder=message.folder,
        read=message.read,
    )


def unique(ids: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def new_message_id() -> str:
    return f"msg-{uuid.uuid4().hex[:16]}"


class Mailbox:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        directory: Sequence[DemoMailbox],
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.sessions = sessions
        self.directory = directory
        self.clock = clock

    async def page(
        self, caller: Caller, criteria: MessageFilter, limit: int, offset: int
    ) -> MessagePage:
        async with self.sessions() as session:
            rows, total = await MessageRepository(session).page(
                owner_of(caller), criteria, limit, offset
            )
        return MessagePage(items=[summary_of(row) for row in rows], total=total)

    async def message(self, caller: Caller, message_id: str) -> Message:
        async with self.sessions() as session:
            row = await MessageRepository(session).one(owner_of(caller), message_id)
        if row is None:
            raise NotFoundError(f"No message with id {message_id} in your mailbox.")
        return message_of(row)

    async def folders(self, caller: Caller) -> FolderCounts:
        async with self.sessions() as session:
            counts = await MessageRepository(session).folder_counts(owner_of(caller))
        return FolderCounts(
            folders=[
                FolderCount(folder=folder, total=total, unread=unread)
                for folder in FOLDERS
                for total, unread in [counts.get(folder, (0, 0))]
            ]
        )

    async def delete(
        self, caller: Caller, ids: Sequence[str], key: str | None = None
    ) -> Applied[BatchResult]:
        """Move to trash, remembering where from; a message already in trash stays as it is."""

        def to_trash(message: MailMessage) -> bool:
            if message.folder == "trash":
                return False
            message.previous_folder = message.folder
            message.folder = "trash"
            return True

        return await self._batch(caller, ids, "delete", to_trash, key)

    async def restore(
        self, caller: Caller, ids: Sequence[str], key: str | None = None
    ) -> Applied[BatchResult]:
        """Put trashed messages back where they were deleted from (inbox when unknown)."""

        def from_trash(message: MailMessage) -> bool:
            if message.folder != "trash":
                return False
            message.folder = message.previous_folder or "inbox"
            message.previous_folder = None
            return True

        return await self._batch(caller, ids, "restore", from_trash, key)

    async def mark_read(
        self, caller: Caller, ids: Sequence[str], read: bool, key: str | None = None
    ) -> Applied[BatchResult]:
        def mark(message: MailMessage) -> bool:
            if message.read == read:
                return False
            message.read = read
            return True

        return await self._batch(caller, ids, "read" if read else "unread", mark, key)

    async def _batch(
        self,
        caller: Caller,
        ids: Sequence[str],
        action: str,
        change: Callable[[MailMessage], bool],
        key: str | None,
    ) -> Applied[BatchResult]:
        wanted = unique(ids)

        async def apply(session: AsyncSession) -> BatchResult:
            return await self._change_batch(session, caller, wanted, action, change)

        idempotency = Idempotency.of(key, action, {"ids": wanted}) if key else None
        return await self._once(caller, idempotency, BatchResult, apply)

    async def _once(
        self,
        caller: Caller,
        idempotency: Idempotency | None,
        answer_type: type[Answer],
        apply: Callable[[AsyncSession], Awaitable[Answer]],
    ) -> Applied[Answer]:
        """Apply a change in one transaction; with a key, at most once (`idempotency.py`)."""
        owner = owner_of(caller)
        for attempt in (1, 2):
            try:
                async with self.sessions.begin() as session:
                    if idempotency is not None:
                        earlier = await first_answer(session, owner, idempotency)
                        if earlier is not None:
                            return Applied(answer_type.model_validate(earlier), replayed=True)
                    answer = await apply(session)
                    if idempotency is not None:
                        wire = answer.model_dump(by_alias=True, mode="json")
                        await remember(session, owner, idempotency, wire, self.clock())
                return Applied(answer, replayed=False)
            except IntegrityError:
                # The same key committed by a concurrent request: answer with its answer.
                if idempotency is None or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _change_batch(
        self,
        session: AsyncSession,
        caller: Caller,
        wanted: list[str],
        action: str,
        change: Callable[[MailMessage], bool],
    ) -> BatchResult:
        rows = await MessageRepository(session).many_for_update(owner_of(caller), wanted)
        by_id = {row.id: row for row in rows}
        missing = [message_id for message_id in wanted if message_id not in by_id]
        if missing:
            raise NotFoundError(
                f"No message with id {', '.join(missing)} in your mailbox; nothing was changed.",
                problems=[FieldProblem(field="ids", reason=f"{m} was not found") for m in missing],
            )
        changed: list[str] = []
        unchanged: list[str] = []
        for message_id in wanted:
            (changed if change(by_id[message_id]) else unchanged).append(message_id)
        await session.flush()
        messages = [changed_of(by_id[message_id]) for message_id in wanted]
        return BatchResult(
            action=action,
            changed=changed,
            unchanged=unchanged,
            count=len(changed),
            messages=messages,
        )

    async def send(
        self, caller: Caller, request: SendRequest, key: str | None = None
    ) -> Applied[SentMessage]:
        """File the message in the sender's `sent` folder and deliver it to recipients who have a
        mailbox in the sender's tenant. Mail to anyone else stays in `sent` only: there is no
        outbound transport in the demo."""
        recipients = [address.strip() for address in request.to]
        problems = [
            FieldProblem(field=f"to.{index}", reason="is not an email address")
            for index, address in enumerate(recipients)
            if not _ADDRESS.match(address)
        ]
        if not request.subject.strip():
            problems.append(FieldProblem(field="subject", reason="must not be blank"))
        if problems:
            raise ValidationFailedError(
                "Invalid message: " + "; ".join(f"{p.field} {p.reason}" for p in problems),
                problems=problems,
            )
        sender_name, sender_address = self._sender(caller)
        now = self.clock().replace(microsecond=0)
        sent = MailMessage(
            id=new_message_id(),
            tenant_id=caller.tenant_id,
            user_id=caller.user_id,
            folder="sent",
            sender_name=sender_name,
            sender_address=sender_address,
            recipients=recipients,
            subject=request.subject.strip(),
            body=request.body,
            received_at=now,
            read=True,
        )
        local = self._local_mailboxes(caller.tenant_id, recipients)

        async def deliver(session: AsyncSession) -> SentMessage:
            repository = MessageRepository(session)
            repository.add(sent)
            for mailbox in local:
                repository.add(self._delivered_copy(sent, mailbox))
            return SentMessage(
                **message_of(sent).model_dump(),
                delivered_to=[mailbox.address for mailbox in local],
            )

        wanted = request.model_dump(by_alias=True, mode="json")
        idempotency = Idempotency.of(key, "send", wanted) if key else None
        return await self._once(caller, idempotency, SentMessage, deliver)

    def _sender(self, caller: Caller) -> tuple[str, str]:
        for mailbox in self.directory:
            if (mailbox.tenant_id, mailbox.user_id) == (caller.tenant_id, caller.user_id):
                return mailbox.name, mailbox.address
        return caller.user_id, caller.email or caller.user_id

    def _local_mailboxes(self, tenant_id: str, recipients: Sequence[str]) -> list[DemoMailbox]:
        wanted = {address.lower() for address in recipients}
        return [
            mailbox
            for mailbox in self.directory
            if mailbox.tenant_id == tenant_id and mailbox.address.lower() in wanted
        ]

    @staticmethod
    def _delivered_copy(sent: MailMessage, mailbox: DemoMailbox) -> MailMessage:
        return MailMessage(
            id=new_message_id(),
            tenant_id=mailbox.tenant_id,
            user_id=mailbox.user_id,
            folder="inbox",
            sender_name=sent.sender_name,
            sender_address=sent.sender_address,
            recipients=list(sent.recipients),
            subject=sent.subject,
            body=sent.body,
            received_at=sent.received_at,
            read=False,
        )
