"""Mail service wire types (docs/contract.md#mail-service)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

Folder = Literal["inbox", "sent", "trash"]


class _Wire(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class MessageSummary(_Wire):
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


class MessagePage(_Wire):
    items: list[MessageSummary]
    total: int


class IdsRequest(_Wire):
    ids: list[str] = Field(min_length=1, max_length=500)


class MarkReadRequest(IdsRequest):
    read: StrictBool = True


class SendRequest(_Wire):
    to: list[str] = Field(min_length=1, max_length=50)
    subject: str = Field(min_length=1, max_length=500)
    body: str = Field(max_length=100_000)
