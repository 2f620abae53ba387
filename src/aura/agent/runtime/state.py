"""What the graph checkpoints for a run: plain JSON data, in typed dictionaries, snake_case keys.

The checkpointer serialises the state with LangGraph's serializer, so every value here is a
dict, list, str, number, bool or None; a `TypedDict` describes its shape to mypy without
changing what is stored. What cannot be serialised (the model's answer iterator, the
live approval) lives in the per-run `RunContext` instead, which the checkpointer never sees.

The model sees dataclasses (`aura.agent.llm.base`); `conversation_from` and the `*_state`
constructors are the only crossings between the two.

Checkpoints written before the request id was snake_case name it `requestId` (in `approval` and
in the interrupt's value); `approval_of` and `awaited_request` read both, so a run paused by the
earlier release resumes.
"""

from collections.abc import Mapping
from typing import Literal, NotRequired, TypedDict, cast

from langgraph.types import StateSnapshot
from pydantic import JsonValue

from aura.agent.approvals.lifecycle import Decision
from aura.agent.approvals.records import RequestId
from aura.agent.language import Language
from aura.agent.llm.base import Conversation, OutcomeStatus, PlanItem, ToolCall, ToolOutcome
from aura.contracts.events import EndStatus, PlanStepStatus, TimelineStatus

JsonObject = dict[str, JsonValue]
Route = Literal["act", "ask", "answer", "think", "execute", "reject", "expire", "end"]
Phase = Literal["analysis", "planning", "execution", "verification"]
PHASES: tuple[Phase, ...] = ("analysis", "planning", "execution", "verification")


class ToolCallState(TypedDict):
    id: str
    name: str
    arguments: JsonObject
    plan_step_id: str


class PlanItemState(TypedDict):
    id: str
    title: str
    description: str
    can_skip: bool
    confidence: float


class OutcomeState(TypedDict):
    """What became of a call; `executed_arguments` are the arguments it ran with (an approver
    may have edited them)."""

    call: ToolCallState
    status: OutcomeStatus
    result: JsonObject | None
    error: str | None
    reason: str | None
    executed_arguments: JsonObject | None


class ApprovalState(TypedDict):
    """The call waiting for a person; `request_id` once `ask` has opened its request."""

    call: ToolCallState
    request_id: NotRequired[RequestId]


class AwaitedRequest(TypedDict):
    """The value of `await_decision`'s interrupt: the request the runner waits for."""

    request_id: RequestId


class RunUpdate(TypedDict, total=False):
    """What a node may change: LangGraph merges it into the state (each key replaced).

    The same fields as `RunProgress`, each optional. Python has no "partial" of a TypedDict, and
    deriving one from the other would make every field optional in `RunState` too, so the two lists
    are written out and `tests/agent/runtime/test_state_types.py` keeps them equal.
    """

    turns: int
    plan: list[PlanItemState]
    steps: dict[str, PlanStepStatus]
    outcomes: list[OutcomeState]
    pending: list[ToolCallState]
    approval: ApprovalState | None
    decision: Decision | None
    phases: dict[Phase, TimelineStatus]
    rejected: bool
    route: Route
    end_status: EndStatus
    answer: str


class RunInputs(TypedDict):
    """What a run starts from; no node changes it."""

    prompt: str
    language: Language
    page: JsonObject
    history: list[JsonObject]


class RunProgress(TypedDict):
    """What the nodes change as the run goes (`RunUpdate`)."""

    turns: int
    plan: list[PlanItemState]
    steps: dict[str, PlanStepStatus]
    """Each plan step's status, by step id."""
    outcomes: list[OutcomeState]
    pending: list[ToolCallState]
    """The calls of the current model turn that have not run yet, in order."""
    approval: ApprovalState | None
    decision: Decision | None
    phases: dict[Phase, TimelineStatus]
    rejected: bool
    route: Route
    end_status: EndStatus
    answer: str


class RunState(RunInputs, RunProgress):
    """The whole state LangGraph checkpoints after every step."""


def initial_state(
    prompt: str, language: Language, page: JsonObject, history: list[JsonObject]
) -> RunState:
    return RunState(
        prompt=prompt,
        language=language,
        page=page,
        history=history,
        turns=0,
        plan=[],
        steps={},
        outcomes=[],
        pending=[],
        approval=None,
        decision=None,
        phases=dict.fromkeys(PHASES, "pending"),
        rejected=False,
        route="think",
        end_status="completed",
        answer="",
    )


def saved_state(snapshot: StateSnapshot) -> RunState:
    """The state a checkpoint holds (LangGraph types it as a plain dict)."""
    return cast(RunState, snapshot.values)


def call_state(call: ToolCall) -> ToolCallState:
    return ToolCallState(
        id=call.id, name=call.name, arguments=dict(call.arguments), plan_step_id=call.plan_step_id
    )


def plan_item_state(item: PlanItem) -> PlanItemState:
    return PlanItemState(
        id=item.id,
        title=item.title,
        description=item.description,
        can_skip=item.can_skip,
        confidence=item.confidence,
    )


def outcome_state(
    call: ToolCallState,
    status: OutcomeStatus,
    *,
    result: JsonObject | None = None,
    reason: str | None = None,
    executed_arguments: JsonObject | None = None,
) -> OutcomeState:
    return OutcomeState(
        call=call,
        status=status,
        result=result,
        error=None,
        reason=reason,
        executed_arguments=executed_arguments,
    )


def approval_of(state: RunState) -> tuple[ToolCallState, RequestId]:
    """The call at the gate and its request (after `ask`); see the module's note on `requestId`."""
    approval = state["approval"]
    assert approval is not None, "a node past `ask` runs with an approval in the state"
    return approval["call"], _request_id(approval)


def awaited_request(snapshot: StateSnapshot) -> RequestId:
    """The request a run paused at the gate waits for."""
    return request_awaited(snapshot.interrupts[0].value)


def request_awaited(interrupt_value: Mapping[str, object]) -> RequestId:
    """The request named by the value `await_decision` paused with (`AwaitedRequest`)."""
    return _request_id(interrupt_value)


def _request_id(record: Mapping[str, object]) -> RequestId:
    request_id = record.get("request_id", record.get("requestId"))
    if not isinstance(request_id, str):
        raise LookupError(f"no request id in {sorted(record)}")
    return RequestId(request_id)


def conversation_from(state: RunState) -> Conversation:
    return Conversation(
        prompt=state["prompt"],
        language=state["language"],
        page=dict(state["page"]),
        history=[dict(turn) for turn in state["history"]],
        outcomes=[_outcome(item) for item in state["outcomes"]],
        announced_plan=[_plan_item(item) for item in state["plan"]],
    )


def _call(call: ToolCallState) -> ToolCall:
    return ToolCall(
        id=call["id"],
        name=call["name"],
        arguments=dict(call["arguments"]),
        plan_step_id=call["plan_step_id"],
    )


def _outcome(outcome: OutcomeState) -> ToolOutcome:
    return ToolOutcome(
        call=_call(outcome["call"]),
        status=outcome["status"],
        result=outcome["result"],
        error=outcome["error"],
        reason=outcome["reason"],
        executed_arguments=outcome["executed_arguments"],
    )


def _plan_item(item: PlanItemState) -> PlanItem:
    return PlanItem(
        id=item["id"],
        title=item["title"],
        description=item["description"],
        can_skip=item["can_skip"],
        confidence=item["confidence"],
    )
