"""Argument models of the mail tools; their JSON Schemas go to the model and into HITL records."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from aura.contracts.mail import Folder

Order = Literal["newest", "oldest"]
MessageId = Annotated[str, Field(min_length=1, max_length=200)]
EMAIL_PATTERN = r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$"


class _Args(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ListArgs(_Args):
    folder: Folder = Field("inbox", description="Mailbox folder to list: inbox, sent or trash.")
    unread: bool | None = Field(
        None,
        description="true: only unread mails; false: only mails already read; omit for all.",
    )
    limit: int = Field(10, ge=1, le=100, description="How many mails to return at most.")
    offset: int = Field(0, ge=0, description="How many mails to skip (in the chosen order).")
    order: Order = Field("newest", description="newest: most recent first; oldest: oldest first.")


class SearchArgs(ListArgs):
    sender: str | None = Field(
        None, max_length=200, description="Part of the sender's name or address."
    )
    words: str | None = Field(
        None, max_length=500, description="Words to look for in the subject or body."
    )

    @model_validator(mode="after")
    def _something_to_search(self) -> "SearchArgs":
        if not (self.sender or "").strip() and not (self.words or "").strip():
            raise ValueError("give a sender, words to look for, or both")
        return self


class ReadArgs(_Args):
    id: MessageId = Field(description="Id of the mail to open.")
    missing_ok: bool = Field(
        False,
        description=(
            "true when the id comes from the page the user is on: a mail that no longer "
            "exists is then reported as not found instead of failing the call."
        ),
    )


class IdsArgs(_Args):
    ids: list[MessageId] = Field(
        min_length=1, max_length=100, description="Ids of the mails to act on."
    )

    @field_validator("ids")
    @classmethod
    def _distinct(cls, ids: list[str]) -> list[str]:
        return list(dict.fromkeys(ids))


class MarkReadArgs(IdsArgs):
    read: bool = Field(True, description="true: mark as read; false: mark as unread.")


class SendArgs(_Args):
    to: list[Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=320)]] = Field(
        min_length=1, max_length=50, description="Recipients' e-mail addresses."
    )
    subject: str = Field(min_length=1, max_length=500, description="Subject line.")
    body: str = Field(max_length=100_000, description="The text of the mail.")
