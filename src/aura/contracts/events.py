"""The SSE events (docs/stream.md#events): one model per type, camelCase on the wire."""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ThoughtType = Literal["analysis", "planning", "execution", "verification", "reflection"]
PlanStepStatus = Literal["pending", "approved", "skipped", "executing", "completed", "failed"]
TimelineStatus = Literal["pending", "processing", "completed", "failed"]
ToolStatus = Literal["completed", "failed"]
CancelCause = Literal["rejected", "expired"]
EndStatus = Literal["completed", "rejected", "failed", "cancelled"]

DONE_LINE = "data: [DONE]\n\n"
HEARTBEAT_COMMENT = ": keep-alive\n\n"


class StreamEventData(BaseModel):
    """What every event has: camelCase on the wire, no unknown fields, `to_wire` for the log."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class Start(StreamEventData):
    type: Literal["start"] = "start"
    run_id: str = Field(alias="runId")
    session_id: str = Field(alias="sessionId")
    thread_id: str = Field(alias="threadId")
    model: str


class Source(BaseModel):
    type: str
    name: str
    path: str | None = None


class Thought(StreamEventData):
    type: Literal["thought"] = "thought"
    id: str
    thought_type: ThoughtType = Field(alias="thoughtType")
    content: str
    sources: list[Source] = Field(default_factory=list)


class PlanStep(StreamEventData):
    type: Literal["plan_step"] = "plan_step"
    id: str
    title: str
    description: str
    order: int
    status: Literal["pending"] = "pending"
    can_skip: bool = Field(default=False, alias="canSkip")
    confidence: float = 1.0


class PlanStepUpdate(StreamEventData):
    type: Literal["plan_step_update"] = "plan_step_update"
    id: str
    status: PlanStepStatus
    description: str | None = None
    progress: float | None = None


class TimelineStepUpdate(StreamEventData):
    type: Literal["timeline_step_update"] = "timeline_step_update"
    id: str
    title: str
    status: TimelineStatus
    description: str | None = None


class _ToolCall(StreamEventData):
    """What every event of one tool call carries: the call's id, the tool and its arguments."""

    id: str
    tool: str
    params: dict[str, Any]
    requires_approval: bool = Field(default=False, alias="requiresApproval")


class ToolCallStart(_ToolCall):
    """A tool call begins to run (a gated one only after its approval, with the approved params)."""

    type: Literal["tool_call_start"] = "tool_call_start"


class ToolExecution(_ToolCall):
    """The one event of a call that ran or failed, with its final status.

    The original DWP frontend adds a new entry (and logs it as run) for every `tool_execution`, so
    a call has exactly one of them: the start is `tool_call_start`, a call that never ran is
    `tool_call_cancelled`; both are types that client ignores.
    """

    type: Literal["tool_execution"] = "tool_execution"
    status: ToolStatus
    result: Any = None
    error: str | None = None


class ToolCallCancelled(_ToolCall):
    """A gated call that never ran: rejected (`reason` is the person's) or its approval expired."""

    type: Literal["tool_call_cancelled"] = "tool_call_cancelled"
    requires_approval: bool = Field(default=True, alias="requiresApproval")
    cause: CancelCause
    reason: str


class Hitl(StreamEventData):
    type: Literal["hitl"] = "hitl"
    request_id: str = Field(alias="requestId")
    session_id: str = Field(alias="sessionId")
    run_id: str = Field(alias="runId")
    action_type: str = Field(alias="actionType")
    action: str
    message: str
    params: dict[str, Any]
    preview: Any = None
    editable_content: str = Field(alias="editableContent")
    confidence: float = 1.0
    expires_at: int = Field(alias="expiresAt")


class ResultBlock(BaseModel):
    type: Literal["text", "checklist", "preview", "diff"]
    title: str
    content: Any


class ContentMetadata(BaseModel):
    result: ResultBlock | None = None


class Content(StreamEventData):
    type: Literal["content"] = "content"
    content: str
    chunk: bool = True
    metadata: ContentMetadata | None = None


class Error(StreamEventData):
    type: Literal["error"] = "error"
    error: str
    error_type: str = Field(alias="errorType")
    message: str


class Failed(StreamEventData):
    type: Literal["failed"] = "failed"
    request_id: str = Field(alias="requestId")
    session_id: str = Field(alias="sessionId")
    error: str
    error_type: str = Field(alias="errorType")


class End(StreamEventData):
    type: Literal["end"] = "end"
    status: EndStatus


# Every event a run yields, its log holds and the SSE encoder frames (`type` tells which).
StreamEvent = Annotated[
    Start
    | Thought
    | PlanStep
    | PlanStepUpdate
    | TimelineStepUpdate
    | ToolCallStart
    | ToolExecution
    | ToolCallCancelled
    | Hitl
    | Content
    | Error
    | Failed
    | End,
    Field(discriminator="type"),
]

EVENT_TYPES: tuple[str, ...] = (
    "start",
    "thought",
    "plan_step",
    "plan_step_update",
    "timeline_step_update",
    "tool_call_start",
    "tool_execution",
    "tool_call_cancelled",
    "hitl",
    "content",
    "error",
    "failed",
    "end",
)


def event_payload(event: StreamEventData) -> dict[str, Any]:
    """The `data` object of the SSE envelope: the event's fields without the `type` tag."""
    wire = event.to_wire()
    wire.pop("type", None)
    return wire
