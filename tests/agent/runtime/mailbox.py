"""Each test's own mailbox in the real mail service: three known mails under a random identity."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import FastAPI

from aura.agent.runtime.context import RunSpec
from aura.contracts.identity import Caller
from aura.mail_service.models import MailMessage
from tests.mail_service.mailboxes import rows_of, sessions_of
from tests.support.identity import token_for

# The mails every test's mailbox starts with: (subject, sender, received at, read).
INBOX: tuple[tuple[str, str, datetime, bool], ...] = (
    ("주간 회의록", "kim@tenant.example", datetime(2026, 3, 2, 9, 0, tzinfo=UTC), False),
    ("Quarterly report", "lee@tenant.example", datetime(2026, 3, 3, 10, 30, tzinfo=UTC), True),
    ("점심 메뉴 투표", "park@tenant.example", datetime(2026, 3, 4, 12, 0, tzinfo=UTC), False),
)


@dataclass(frozen=True)
class Mailbox:
    """One test's own mailbox: a random identity, and the ids of `INBOX` in the same order."""

    tenant_id: str
    user_id: str
    ids: tuple[str, ...]

    def caller(self) -> Caller:
        return Caller(
            user_id=self.user_id,
            tenant_id=self.tenant_id,
            token=token_for(self.user_id, self.tenant_id),
        )

    def spec(self, prompt: str) -> RunSpec:
        """A run of this mailbox's owner, with ids of its own."""
        suffix = uuid.uuid4().hex[:16]
        return RunSpec(
            run_id=f"run_{suffix}",
            session_id=f"sess_{suffix}",
            thread_id=f"thread_{suffix}",
            caller=self.caller(),
            prompt=prompt,
        )


async def seeded_mailbox(mail_app: FastAPI) -> Mailbox:
    suffix = uuid.uuid4().hex[:12]
    box = Mailbox(
        tenant_id=f"tenant-{suffix}",
        user_id=f"user-{suffix}",
        ids=tuple(f"msg-{suffix}-{n}" for n in range(1, len(INBOX) + 1)),
    )
    async with sessions_of(mail_app).begin() as session:
        session.add_all(
            MailMessage(
                id=message_id,
                tenant_id=box.tenant_id,
                user_id=box.user_id,
                folder="inbox",
                sender_name=sender.split("@")[0].title(),
                sender_address=sender,
                recipients=[f"{box.user_id}@tenant.example"],
                subject=subject,
                body=f"{subject}\n\n본문입니다.",
                received_at=received,
                read=read,
            )
            for message_id, (subject, sender, received, read) in zip(box.ids, INBOX, strict=True)
        )
    return box


async def folders(mail_app: FastAPI, mailbox: Mailbox) -> list[str]:
    """The folder of each of the mailbox's mails, in `INBOX` order."""
    rows = {row.id: row for row in await rows_of(mail_app, mailbox.tenant_id, mailbox.user_id)}
    return [rows[mail].folder for mail in mailbox.ids]
