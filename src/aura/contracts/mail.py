"""Mail service wire types (docs/contract.md#mail-service)."""

from datetime import datetime
from typing import Literal

from pydantic import Field, StrictBool

from aura.contracts.wire import WireModel

Folder = Literal["inbox", "sent", "trash"]


class MessageSummary(WireModel):
    id: str
    sender: str = Field(alias="from")
    to: list[str]
    subject: str
    snippet: str
    received_at: datetime = Field(alias="receivedAt")
    read: bool
    folder: Folder


class Message(MessageSummary):
    body: str


class MessagePage(WireModel):
    items: list[MessageSummary]
    total: int


class IdsRequest(WireModel):
    ids: list[str] = Field(min_length=1, max_length=500)


class MarkReadRequest(IdsRequest):
    read: StrictBool = True


class SendRequest(WireModel):
    to: list[str] = Field(min_length=1, max_length=50)
    subject: str = Field(min_length=1, max_length=500)
    body: str = Field(max_length=100_000)
