"""The bodies of the agent's HTTP API: the stream request, validated before any stream starts, and
the JSON answers (docs/contract.md#agent)."""

import json
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator

from aura.kit.text import is_unicode, text_problem

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
        if not is_unicode(value):
            raise ValueError("is not valid Unicode text (it holds a lone surrogate)")
        value = value.strip()
        if not 1 <= len(value) <= MAX_PROMPT_CHARS:
            raise ValueError(f"must be 1 to {MAX_PROMPT_CHARS} characters after trimming")
        return value

    @field_validator("context")
    @classmethod
    def _context_text(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:
        # The service's edge refuses these already; a request built in-process must not slip by.
        found = text_problem(value) if value is not None else None
        if found is not None:
            field, reason = found
            raise ValueError(f"{field} {reason}")
        return value

    def context_bytes(self) -> int:
        if self.context is None:
            return 0
        return len(json.dumps(self.context, ensure_ascii=False, separators=(",", ":")).encode())


class AgentHealth(BaseModel):
    status: Literal["healthy"] = "healthy"
    environment: str


class CancelAnswer(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    run_id: str = Field(alias="runId")
    session_id: str = Field(alias="sessionId")
    status: Literal["cancelling"] = "cancelling"
