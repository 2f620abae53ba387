"""The demo mail writer: one mailbox's inbox, sent and trash, in Korean and English.

Messages are drawn from templates with a random generator seeded by the mailbox, so the same
mailbox always gets the same mail (tests rely on its shape, not on exact text); dates are relative
to the moment of seeding so the demo always looks recent.
"""

import hashlib
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from aura.mail_service.demo_people import (
    COMPANIES,
    FALLBACK_COMPANY,
    OUTSIDERS,
    Company,
    Person,
    SenderKind,
)
from aura.mail_service.demo_topics import (
    DAYS_EN,
    DAYS_KO,
    INBOX_TOPICS,
    MONTHS_EN,
    PROJECTS,
    QUARTERS,
    QUARTERS_EN,
    SENT_TOPICS,
    TIMES,
    Topic,
)

Language = Literal["ko", "en"]

INBOX_COUNT = 20
SENT_COUNT = 6
TRASH_COUNT = 5
SEED_WINDOW = timedelta(days=42)


@dataclass(frozen=True)
class DemoMailbox:
    tenant_id: str
    user_id: str
    name: str
    address: str

    @property
    def person(self) -> Person:
        return Person(self.name, self.address)


@dataclass(frozen=True)
class DraftMessage:
    id: str
    folder: Literal["inbox", "sent", "trash"]
    previous_folder: Literal["inbox", "sent", "trash"] | None
    sender: Person
    recipients: list[str]
    subject: str
    body: str
    received_at: datetime
    read: bool


def company_of(tenant_id: str) -> Company:
    return COMPANIES.get(tenant_id, FALLBACK_COMPANY)


def seeded_message_id(mailbox: DemoMailbox, index: int) -> str:
    # Stable ids: seeding twice (or from two processes at once) collides instead of duplicating.
    digest = hashlib.sha256(f"{mailbox.tenant_id}/{mailbox.user_id}/{index}".encode()).hexdigest()
    return f"msg-{digest[:16]}"


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


class _Writer:
    """Fills templates for one mailbox from its own random generator."""

    def __init__(self, mailbox: DemoMailbox, tenant_mailboxes: list[DemoMailbox]) -> None:
        self.mailbox = mailbox
        self.rng = random.Random(f"aura-demo-mail/{mailbox.tenant_id}/{mailbox.user_id}")
        company = company_of(mailbox.tenant_id)
        demo_colleagues = tuple(
            box.person for box in tenant_mailboxes if box.user_id != mailbox.user_id
        )
        self.colleagues = company.colleagues + demo_colleagues
        self.company = company

    def language(self, index: int) -> Language:
        # The first two messages pin both languages; the rest follow the company's mix.
        if index < 2:
            return ("ko", "en")[index]
        return "ko" if self.rng.random() < self.company.korean_share else "en"

    def correspondent(self, kind: SenderKind) -> Person:
        if kind == "colleague":
            return self.rng.choice(self.colleagues)
        if kind == "hr":
            return self.company.hr
        if kind == "security":
            return self.company.security
        return self.rng.choice(OUTSIDERS[kind])

    def fill(
        self, topic: Topic, language: Language, sender: Person, recipient: Person
    ) -> tuple[str, str]:
        template = topic.ko if language == "ko" else topic.en
        month = self.rng.randint(1, 12)
        due = self.rng.randint(10, 28)
        project_ko, project_en = self.rng.choice(PROJECTS)
        values = {
            "me": self.mailbox.name,
            "recipient": recipient.name,
            "sender": sender.name,
            "project": project_ko if language == "ko" else project_en,
            "day_ko": self.rng.choice(DAYS_KO),
            "day_en": self.rng.choice(DAYS_EN),
            "time": self.rng.choice(TIMES),
            "quarter_ko": self.rng.choice(QUARTERS),
            "quarter_en": self.rng.choice(QUARTERS_EN),
            "percent": str(self.rng.randint(3, 45)),
            "number": str(self.rng.randint(2, 9)),
            "amount_krw": f"{self.rng.randint(12, 980) * 10_000:,}",
            "amount_usd": f"{self.rng.randint(120, 9800):,}",
            "month": str(month),
            "month_en": MONTHS_EN[month - 1],
            "due": str(due),
            "due_en": _ordinal(due),
            "invoice": f"INV-{self.rng.randint(1000, 9999)}",
        }
        return template.subject.format(**values), template.body.format(**values)

    def received_at(self, now: datetime) -> datetime:
        age = timedelta(seconds=self.rng.randint(20 * 60, int(SEED_WINDOW.total_seconds())))
        return (now - age).replace(microsecond=0)

    def incoming(self, index: int, now: datetime) -> DraftMessage:
        topic = self.rng.choice(INBOX_TOPICS)
        sender = self.correspondent(topic.correspondent)
        subject, body = self.fill(topic, self.language(index), sender, self.mailbox.person)
        return DraftMessage(
            id=seeded_message_id(self.mailbox, index),
            folder="inbox",
            previous_folder=None,
            sender=sender,
            recipients=[self.mailbox.address],
            subject=subject,
            body=body,
            received_at=self.received_at(now),
            read=self.rng.random() < 0.55,
        )

    def outgoing(self, index: int, now: datetime) -> DraftMessage:
        topic = self.rng.choice(SENT_TOPICS)
        recipient = self.correspondent(topic.correspondent)
        subject, body = self.fill(topic, self.language(index), self.mailbox.person, recipient)
        return DraftMessage(
            id=seeded_message_id(self.mailbox, index),
            folder="sent",
            previous_folder=None,
            sender=self.mailbox.person,
            recipients=[recipient.address],
            subject=subject,
            body=body,
            received_at=self.received_at(now),
            read=True,
        )


def demo_messages(
    mailbox: DemoMailbox, tenant_mailboxes: list[DemoMailbox], now: datetime
) -> list[DraftMessage]:
    """The demo mail of one mailbox: inbox, sent and trash, both languages, read and unread."""
    writer = _Writer(mailbox, tenant_mailboxes)
    messages = [writer.incoming(index, now) for index in range(INBOX_COUNT)]
    messages += [writer.outgoing(INBOX_COUNT + index, now) for index in range(SENT_COUNT)]
    first_trash = INBOX_COUNT + SENT_COUNT
    for index in range(first_trash, first_trash + TRASH_COUNT):
        # Trash holds mostly deleted inbox mail and one deleted sent message, so restore has
        # somewhere to go back to for both.
        origin = (
            writer.outgoing(index, now) if index == first_trash else writer.incoming(index, now)
        )
        messages.append(
            DraftMessage(
                id=origin.id,
                folder="trash",
                previous_folder=origin.folder,
                sender=origin.sender,
                recipients=origin.recipients,
                subject=origin.subject,
                body=origin.body,
                received_at=origin.received_at,
                read=origin.read or writer.rng.random() < 0.7,
            )
        )
    return messages
