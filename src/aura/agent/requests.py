"""The body of `POST /aura/test/stream` (SPEC §5.1), validated before any stream starts."""

import json
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator

MAX_PROMPT_CHARS = 8000
MAX_CONTEXT_BYTES = 256 * 1024


class StreamRequest(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    prompt: str
    context: dict[str, Any] | None = None
    thread_id: str | None = Field(
        default=None,
        validation_alias=AliasChoices("threadId", "thread_id"),
        min_length=1,
        max_length=128,
        pattern=r"^[A-Za-z0-9_.:-]+$",
    )

    @field_validator("prompt")
    @classmethod
    def _prompt_length(cls, value: str) -> str:
        value = value.strip()
        if not 1 <= len(value) <= MAX_PROMPT_CHARS:
            raise ValueError(f"must be 1 to {MAX_PROMPT_CHARS} characters after trimming")
        return value

    def context_bytes(self) -> int:
        if self.context is None:
            return 0
        return len(json.dumps(self.context, ensure_ascii=False, separators=(",", ":")).encode())
