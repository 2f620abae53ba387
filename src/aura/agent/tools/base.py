"""What a tool is, and what it is handed when it runs.

A tool is a typed function: a pydantic model for its arguments (whose JSON Schema goes to the
model and into the HITL request record as `paramsSchema`), an approval policy, and `run`, which
acts on an app with the caller's identity. Tools that need approval also build a preview of what
they will touch (for a delete: sender, subject and date of each mail), and declare how a person
may edit the arguments when approving (`edit_policy`, written into the request record for the
main service to enforce; by default no edit at all).

What a tool acts *through* (its app's client: `MailClient` for the mail tools) is given to it
once, when the agent's lifespan builds it (docs/agent.md#adding-an-app). What it acts *for* is
given to each call: the `ToolContext` of the run, which holds no client of any app.
"""

import json
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel

from aura.agent.language import Language
from aura.agent.tools.credentials import CallerTokens
from aura.contracts.hitl import NO_EDITS, EditPolicy
from aura.contracts.identity import Caller


@dataclass(frozen=True)
class ToolContext:
    """Who a call acts for: the caller and their credentials, the page, the request id."""

    caller: Caller
    request_id: str
    page: dict[str, Any] = field(default_factory=dict)
    tokens: CallerTokens | None = None
    """Signs a fresh token for the caller when theirs expired during an approval wait."""
    language: Language = "ko"
    """The prompt's language, for the sentences a result carries (`notice`)."""
    idempotency_key: str | None = None
    """Set for an approved call (the request id): the app applies a retried change once."""

    def bearer(self) -> str:
        return self.tokens.bearer(self.caller) if self.tokens else self.caller.token


@cache
def _schema_text(model: type[BaseModel]) -> str:
    return json.dumps(model.model_json_schema())


class ToolFailure(Exception):
    """A tool could not do its job; the message is a sentence fit for the user."""


Args = TypeVar("Args", bound=BaseModel)


class Tool(ABC, Generic[Args]):
    name: ClassVar[str]
    description: ClassVar[str]
    args_model: ClassVar[type[BaseModel]]
    requires_approval: ClassVar[bool] = False
    safe_to_repeat: ClassVar[bool] = True
    """Whether running it again after a crash mid-call does no harm (reads, and changes that
    land in the same state twice). An approved call is repeated only with its idempotency key."""
    edit_policy: ClassVar[EditPolicy] = NO_EDITS
    guidance: ClassVar[str | None] = None
    """How to call it well, for a model that reads instructions (a line of the system prompt)."""

    @classmethod
    def params_schema(cls) -> dict[str, Any]:
        """A fresh copy of the arguments' JSON Schema (built once per model: building it costs
        about 40 times as much as copying it, and every approval request carries one)."""
        loaded: dict[str, Any] = json.loads(_schema_text(cls.args_model))
        return loaded

    def parse(self, params: dict[str, Any]) -> Args:
        return self.args_model.model_validate(params)  # type: ignore[return-value]

    @abstractmethod
    async def run(self, args: Args, ctx: ToolContext) -> dict[str, Any]:
        """Do the work; return a JSON-able result that the answer is written from."""

    async def preview(self, args: Args, ctx: ToolContext) -> Any:
        """What an approval-gated call will touch, shown to the person who decides."""
        return None

    def approval_message(self, args: Args, preview: Any, language: Language) -> str:
        """One sentence, in the prompt's language, saying what will happen if approved."""
        return f"Approve {self.name}?" if language == "en" else f"{self.name} 실행을 승인할까요?"
