"""The JSON bodies of the approve and reject calls (SPEC §6.3)."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

MAX_FREE_TEXT = 2000


class ApproveBody(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    user_id: str = Field(alias="userId", min_length=1, max_length=128)
    params: dict[str, Any] | None = None
    comment: str | None = Field(default=None, max_length=MAX_FREE_TEXT)


class RejectBody(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    user_id: str = Field(alias="userId", min_length=1, max_length=128)
    reason: str | None = Field(default=None, max_length=MAX_FREE_TEXT)
