"""What the mail service's changing calls answer (docs/contract.md#mail-service), so a caller can
report what changed."""

from datetime import datetime

from pydantic import Field

from aura.contracts.mail import Folder, Message
from aura.contracts.wire import WireModel


class ChangedMessage(WireModel):
    """One message a batch call touched, as it is after the call."""

    id: str
    sender: str = Field(alias="from")
    subject: str
    received_at: datetime = Field(alias="receivedAt")
    folder: Folder
    read: bool


class BatchResult(WireModel):
    """The outcome of delete, restore or mark-read: all requested ids, split by whether they
    changed (a message already in trash does not move again)."""

    action: str
    changed: list[str]
    unchanged: list[str]
    count: int
    messages: list[ChangedMessage]


class SentMessage(Message):
    # Recipients that are mailboxes of the sender's tenant and got a copy in their inbox.
    delivered_to: list[str] = Field(default_factory=list, alias="deliveredTo")


class FolderCount(WireModel):
    folder: Folder
    total: int
    unread: int


class FolderCounts(WireModel):
    folders: list[FolderCount]
