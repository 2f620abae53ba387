"""Small helpers the nodes share to announce phase and plan-step changes exactly once."""

from collections.abc import Callable
from typing import Any

from aura.agent.language import Language
from aura.agent.runtime.phrases import PHASE_TITLES
from aura.contracts.events import PlanStepStatus, PlanStepUpdate, TimelineStatus, TimelineStepUpdate

Emit = Callable[[Any], None]


def set_phase(
    emit: Emit, phases: dict[str, str], phase: str, status: TimelineStatus, language: Language
) -> dict[str, str]:
    if phases.get(phase) == status:
        return phases
    emit(TimelineStepUpdate(id=phase, title=PHASE_TITLES[phase][language], status=status))
    return {**phases, phase: status}


def set_step(
    emit: Emit, steps: dict[str, str], step_id: str, status: PlanStepStatus
) -> dict[str, str]:
    if steps.get(step_id) == status:
        return steps
    progress = 1.0 if status == "completed" else None
    emit(PlanStepUpdate(id=step_id, status=status, progress=progress))
    return {**steps, step_id: status}


def step_has_more_calls(state_pending: list[dict[str, Any]], step_id: str) -> bool:
    return any(call["plan_step_id"] == step_id for call in state_pending)


def next_route(pending: list[dict[str, Any]]) -> str:
    return "act" if pending else "think"
