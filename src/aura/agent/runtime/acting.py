"""The tool node: runs the next tool call, or hands it to the gate when its policy says so."""

import logging
from dataclasses import replace
from typing import Protocol, TypeVar

from langgraph.runtime import Runtime
from pydantic import BaseModel, ValidationError

from aura.agent.language import Language
from aura.agent.runtime.context import RunContext, RunFailure
from aura.agent.runtime.phrases import say
from aura.agent.runtime.progress import Emit, next_route, set_phase, set_step, step_has_more_calls
from aura.agent.runtime.state import (
    JsonObject,
    RunState,
    RunUpdate,
    ToolCallState,
    outcome_state,
)
from aura.agent.tools.base import Tool, ToolFailure
from aura.contracts.events import ToolCallStart, ToolExecution, ToolStatus

logger = logging.getLogger("aura.agent.runtime")

Args = TypeVar("Args", bound=BaseModel)


class ToolLookup(Protocol):
    """The tools a run may call, by name. The runtime never looks inside a call's arguments: a
    tool's are the pydantic model it parsed them into, and go back to the same tool (`parse`,
    then `preview` or `run`), so every tool is seen as a `Tool[BaseModel]`."""

    def get(self, name: str) -> Tool[BaseModel]: ...


def tool_event(
    call: ToolCallState,
    params: JsonObject,
    status: ToolStatus,
    requires_approval: bool,
    *,
    result: JsonObject | None = None,
    error: str | None = None,
) -> ToolExecution:
    """The `tool_execution` event of a call: its final status, under the call's id."""
    return ToolExecution(
        id=call["id"],
        tool=call["name"],
        params=params,
        status=status,
        requires_approval=requires_approval,
        result=result,
        error=error,
    )


def tool_start(call: ToolCallState, params: JsonObject, requires_approval: bool) -> ToolCallStart:
    return ToolCallStart(
        id=call["id"], tool=call["name"], params=params, requires_approval=requires_approval
    )


def find_tool(tools: ToolLookup, name: str, language: Language) -> Tool[BaseModel]:
    """The tool a call names."""
    try:
        return tools.get(name)
    except (LookupError, ToolFailure) as exc:
        raise RunFailure("unknown_tool", "ToolError", say("unknown_tool", language)) from exc


def parse_arguments(
    emit: Emit, tool: Tool[Args], call: ToolCallState, params: JsonObject, language: Language
) -> Args:
    try:
        return tool.parse(params)
    except ValidationError as exc:
        reason = f"{say('bad_arguments', language)} ({exc.error_count()})"
        emit(tool_event(call, params, "failed", tool.requires_approval, error=reason))
        raise RunFailure("bad_arguments", "ToolError", reason) from exc


async def call_tool(
    emit: Emit,
    tool: Tool[Args],
    args: Args,
    call: ToolCallState,
    params: JsonObject,
    ctx: RunContext,
    language: Language,
    idempotency_key: str | None = None,
) -> JsonObject:
    """Announce the call (`tool_call_start`) and run it; a failure is a `RunFailure` with a
    sentence for the person. The outcome's `tool_execution` is the caller's to emit: an approved
    call emits it only once the execution ledger has recorded the outcome."""
    emit(tool_start(call, params, tool.requires_approval))
    tools = ctx.tools
    if idempotency_key is not None:
        tools = replace(tools, idempotency_key=idempotency_key)
    try:
        return await tool.run(args, tools)
    except ToolFailure as exc:
        error = str(exc)
    except Exception:
        logger.exception("tool %s crashed in run %s", tool.name, ctx.spec.run_id)
        error = say("tool_crashed", language)
    raise RunFailure("tool_error", "ToolError", error)


async def run_tool(
    emit: Emit,
    tool: Tool[Args],
    args: Args,
    call: ToolCallState,
    params: JsonObject,
    ctx: RunContext,
    language: Language,
) -> JsonObject:
    """Run once and announce it: `tool_call_start`, then one `tool_execution` with the outcome."""
    try:
        result = await call_tool(emit, tool, args, call, params, ctx, language)
    except RunFailure as failure:
        emit(tool_event(call, params, "failed", tool.requires_approval, error=failure.message))
        raise
    emit(tool_event(call, params, "completed", tool.requires_approval, result=result))
    return result


class ActingNodes:
    def __init__(self, tools: ToolLookup) -> None:
        self._tools = tools

    async def act(self, state: RunState, runtime: Runtime[RunContext]) -> RunUpdate:
        emit, language = runtime.stream_writer, state["language"]
        pending = list(state["pending"])
        call = pending.pop(0)
        step_id = call["plan_step_id"]
        phases = set_phase(emit, state["phases"], "execution", "processing", language)
        steps = set_step(emit, state["steps"], step_id, "executing")
        tool = find_tool(self._tools, call["name"], language)
        if tool.requires_approval:
            return {
                "pending": pending,
                "phases": phases,
                "steps": steps,
                "approval": {"call": call},
                "route": "ask",
            }
        params = call["arguments"]
        args = parse_arguments(emit, tool, call, params, language)
        try:
            result = await run_tool(emit, tool, args, call, params, runtime.context, language)
        except RunFailure:
            set_step(emit, steps, step_id, "failed")
            raise
        if not step_has_more_calls(pending, step_id):
            steps = set_step(emit, steps, step_id, "completed")
        outcome = outcome_state(call, "completed", result=result, executed_arguments=params)
        return {
            "pending": pending,
            "phases": phases,
            "steps": steps,
            "outcomes": [*state["outcomes"], outcome],
            "route": next_route(pending),
        }
