"""The one interface every chat model provider implements.

The runtime asks the model for a *turn* given the conversation so far (the prompt, the page
context, every tool call made and what it returned). A turn may say what the model thinks,
announce plan steps, ask for tool calls (each tied to a plan step), or give the final answer as
a stream of text deltas. The runtime executes tool calls (through the approval gate when the
tool requires it), appends the outcomes, and asks for the next turn until an answer comes.

`offline` (the deterministic bilingual planner) and `openai` (any OpenAI-compatible
chat-completions endpoint with tool calling) both implement `ChatModel`, and so does `scripted`
(a script of tool calls replayed in place of an LLM; tests drive the runtime with it).
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from pydantic import JsonValue

from aura.agent.language import Language

OutcomeStatus = Literal["completed", "failed", "rejected", "expired"]


@dataclass(frozen=True)
class PlanItem:
    id: str
    title: str
    description: str
    can_skip: bool = False
    confidence: float = 1.0


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    arguments: dict[str, Any]
    plan_step_id: str


@dataclass(frozen=True)
class ToolOutcome:
    """What became of a tool call: its result, its error, or the human decision that stopped it."""

    call: ToolCall
    status: OutcomeStatus
    result: dict[str, Any] | None = None
    error: str | None = None
    reason: str | None = None
    executed_arguments: dict[str, Any] | None = None


@dataclass
class Conversation:
    prompt: str
    language: Language
    page: dict[str, JsonValue] = field(default_factory=dict)
    history: list[dict[str, JsonValue]] = field(default_factory=list)
    """Earlier turns of the same thread: `{"role": "user"|"assistant", "content": str}`."""
    outcomes: list[ToolOutcome] = field(default_factory=list)
    announced_plan: list[PlanItem] = field(default_factory=list)


@dataclass
class ModelTurn:
    thought: str | None = None
    plan: list[PlanItem] = field(default_factory=list)
    tool_calls: list[ToolCall] = field(default_factory=list)
    answer: AsyncIterator[str] | None = None
    result_title: str | None = None
    """Title of the `metadata.result` block sent with the last `content` event."""


class ModelError(Exception):
    """The model provider failed (network, protocol, refusal); the message is for the user."""


class ChatModel(Protocol):
    @property
    def model_name(self) -> str: ...

    async def turn(self, conversation: Conversation) -> ModelTurn: ...
