"""What the graph checkpoints for a run: plain JSON-able data only.

Anything that cannot be serialised (the model's answer iterator, the approval subscription) lives
in the per-run `RunContext` instead, which the checkpointer never sees.
"""

from dataclasses import asdict
from typing import Any, Literal, TypedDict

from aura.agent.language import Language
from aura.agent.llm.base import Conversation, PlanItem, ToolCall, ToolOutcome

Route = Literal["act", "ask", "answer", "think", "execute", "reject", "expire", "end"]
PHASES: tuple[str, ...] = ("analysis", "planning", "execution", "verification")


class RunState(TypedDict):
    prompt: str
    language: Language
    page: dict[str, Any]
    history: list[dict[str, Any]]
    turns: int
    plan: list[dict[str, Any]]
    steps: dict[str, str]
    outcomes: list[dict[str, Any]]
    pending: list[dict[str, Any]]
    approval: dict[str, Any] | None
    decision: dict[str, Any] | None
    phases: dict[str, str]
    rejected: bool
    route: Route
    end_status: str
    answer: str


def initial_state(
    prompt: str, language: Language, page: dict[str, Any], history: list[dict[str, Any]]
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


def call_to_state(call: ToolCall) -> dict[str, Any]:
    return asdict(call)


def call_from_state(data: dict[str, Any]) -> ToolCall:
    return ToolCall(
        id=data["id"],
        name=data["name"],
        arguments=dict(data["arguments"]),
        plan_step_id=data["plan_step_id"],
    )


def outcome_to_state(outcome: ToolOutcome) -> dict[str, Any]:
    return asdict(outcome)


def outcome_from_state(data: dict[str, Any]) -> ToolOutcome:
    return ToolOutcome(
        call=call_from_state(data["call"]),
        status=data["status"],
        result=data.get("result"),
        error=data.get("error"),
        reason=data.get("reason"),
        executed_arguments=data.get("executed_arguments"),
    )


def plan_from_state(data: dict[str, Any]) -> PlanItem:
    return PlanItem(**data)


def conversation_from(state: RunState) -> Conversation:
    return Conversation(
        prompt=state["prompt"],
        language=state["language"],
        page=dict(state["page"]),
        history=list(state["history"]),
        outcomes=[outcome_from_state(item) for item in state["outcomes"]],
        announced_plan=[plan_from_state(item) for item in state["plan"]],
    )
