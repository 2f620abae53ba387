"""Small helpers the nodes share to announce phase and plan-step changes exactly once."""

from collections.abc import Callable

from aura.agent.language import Language
from aura.agent.runtime.phrases import PHASE_TITLES
from aura.agent.runtime.state import Phase, Route, ToolCallState
from aura.contracts.events import (
    PlanStepStatus,
    PlanStepUpdate,
    StreamEvent,
    TimelineStatus,
    TimelineStepUpdate,
)

Emit = Callable[[StreamEvent], None]
"""How a node sends an event: LangGraph's stream writer, read back by the runner."""


def set_phase(
    emit: Emit,
    phases: dict[Phase, TimelineStatus],
    phase: Phase,
    status: TimelineStatus,
    language: Language,
) -> dict[Phase, TimelineStatus]:
    if phases.get(phase) == status:
        return phases
    emit(TimelineStepUpdate(id=phase, title=PHASE_TITLES[phase][language], status=status))
    return {**phases, phase: status}


def set_step(
    emit: Emit, steps: dict[str, PlanStepStatus], step_id: str, status: PlanStepStatus
) -> dict[str, PlanStepStatus]:
    if steps.get(step_id) == status:
        return steps
    progress = 1.0 if status == "completed" else None
    emit(PlanStepUpdate(id=step_id, status=status, progress=progress))
    return {**steps, step_id: status}


def step_has_more_calls(pending: list[ToolCallState], step_id: str) -> bool:
    return any(call["plan_step_id"] == step_id for call in pending)


def next_route(pending: list[ToolCallState]) -> Route:
    return "act" if pending else "think"
