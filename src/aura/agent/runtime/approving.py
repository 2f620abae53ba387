"""The approval nodes: announce (`ask`), pause (`await_decision`), then execute, reject or expire.

`ask` and `await_decision` are separate nodes because LangGraph re-runs a node from its start
when it is resumed: everything with side effects (records, subscription, the `hitl` event) happens
in `ask`, which has completed and been checkpointed before `await_decision` calls `interrupt()`.

The approval itself (its records, its wait, the checks before running, the execution ledger, the
settling) is the run's `Approval` (`aura.agent.approvals.lifecycle`); these nodes decide what the
run says and does around it. The run holds it in its context from `ask` to the node that settles
it; a run resumed in another process re-arms it from the request's record (`held_approval`).
"""

from functools import partial

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from aura.agent.approvals.gate import ApprovalGate
from aura.agent.approvals.lifecycle import (
    Approval,
    ApprovalDraft,
    ApprovalForgeryError,
    ApprovalMismatchError,
    Decision,
    RunTakenOverError,
)
from aura.agent.approvals.records import RequestId
from aura.agent.runtime.acting import (
    ToolLookup,
    call_tool,
    find_tool,
    parse_arguments,
    tool_event,
)
from aura.agent.runtime.context import OwnershipLostError, RunContext, RunFailure
from aura.agent.runtime.phrases import MessageKey, say
from aura.agent.runtime.progress import next_route, set_phase, set_step, step_has_more_calls
from aura.agent.runtime.state import (
    AwaitedRequest,
    Route,
    RunState,
    RunUpdate,
    ToolCallState,
    approval_of,
    outcome_state,
)
from aura.agent.tools.base import ToolFailure
from aura.contracts.events import (
    CancelCause,
    Error,
    Failed,
    Hitl,
    PlanStepUpdate,
    ToolCallCancelled,
)

_ROUTES: dict[str, Route] = {"approved": "execute", "rejected": "reject", "expired": "expire"}


def cancelled_event(call: ToolCallState, cause: CancelCause, reason: str) -> ToolCallCancelled:
    """A gated call that will never run; a type the original DWP frontend ignores."""
    return ToolCallCancelled(
        id=call["id"], tool=call["name"], params=call["arguments"], cause=cause, reason=reason
    )


async def held_approval(gate: ApprovalGate, ctx: RunContext, request_id: RequestId) -> Approval:
    """The run's approval of `request_id`: the one `ask` opened in this process, or, for a run
    that another process began, the one re-armed from the request's record."""
    if ctx.approval is None or ctx.approval.request_id != request_id:
        ctx.approval = await gate.rearm(request_id, ctx.spec.run_id)
    return ctx.approval


class ApprovalNodes:
    def __init__(self, tools: ToolLookup, gate: ApprovalGate) -> None:
        self._tools = tools
        self._gate = gate

    async def ask(self, state: RunState, runtime: Runtime[RunContext]) -> RunUpdate:
        emit, language, ctx = runtime.stream_writer, state["language"], runtime.context
        assert state["approval"] is not None
        call = state["approval"]["call"]
        tool = find_tool(self._tools, call["name"], language)
        params = dict(call["arguments"])
        args = parse_arguments(emit, tool, call, params, language)
        try:
            preview = await tool.preview(args, ctx.tools)
        except ToolFailure as exc:
            emit(tool_event(call, params, "failed", True, error=str(exc)))
            raise RunFailure("tool_error", "ToolError", str(exc)) from exc
        spec = ctx.spec
        approval = ctx.approval = await self._gate.open(
            ApprovalDraft(
                run_id=spec.run_id,
                session_id=spec.session_id,
                tenant_id=spec.caller.tenant_id,
                user_id=spec.caller.user_id,
                action=tool.name,
                params=params,
                params_schema=tool.params_schema(),
                message=tool.approval_message(args, preview, language),
                preview=preview,
                edit_policy=tool.edit_policy,
            )
        )
        request = approval.request
        confidence = next(
            (item["confidence"] for item in state["plan"] if item["id"] == call["plan_step_id"]),
            1.0,
        )
        emit(
            Hitl(
                request_id=approval.request_id,
                session_id=request.session_id,
                run_id=request.run_id,
                action_type=tool.name,
                action=tool.name,
                message=request.message,
                params=params,
                preview=preview,
                editable_content=request.message,
                confidence=confidence,
                expires_at=request.expires_at,
            )
        )
        return {"approval": {"call": call, "request_id": approval.request_id}}

    async def await_decision(self, state: RunState) -> RunUpdate:
        # async although it awaits nothing: LangGraph would run a plain function in a thread.
        call, request_id = approval_of(state)
        decision: Decision = interrupt(AwaitedRequest(request_id=request_id))
        # Written back in the current shape: a checkpoint of an earlier release may name it
        # `requestId`, and the nodes after this one read only this shape.
        return {
            "approval": {"call": call, "request_id": request_id},
            "decision": decision,
            "route": _ROUTES[decision["status"]],
        }

    async def execute(self, state: RunState, runtime: Runtime[RunContext]) -> RunUpdate:
        """Run the approved call once: authorised against the record, claimed in the ledger."""
        emit, language, ctx = runtime.stream_writer, state["language"], runtime.context
        assert state["decision"] is not None
        call, request_id = approval_of(state)
        step_id = call["plan_step_id"]
        tool = find_tool(self._tools, call["name"], language)
        approval = await held_approval(self._gate, ctx, request_id)
        try:
            params = await approval.authorise(state["decision"]["params"] or {})
        except ApprovalMismatchError as exc:
            set_step(emit, state["steps"], step_id, "failed")
            # A forged record gets its own sentence: nobody approved it through the API.
            key: MessageKey = (
                "approval_unverified"
                if isinstance(exc, ApprovalForgeryError)
                else "approval_mismatch"
            )
            raise RunFailure(key, "ApprovalMismatchError", say(key, language)) from exc
        args = parse_arguments(emit, tool, call, params, language)
        steps = set_step(emit, state["steps"], step_id, "approved")
        # Under the request id as the app's idempotency key: a repeat after a crash mid-call is
        # answered by the app with its first answer.
        action = partial(call_tool, emit, tool, args, call, params, ctx, language, request_id)
        try:
            execution = await approval.execute_once(ctx.hold.owner_id, action)
        except RunTakenOverError as exc:
            raise OwnershipLostError(ctx.spec.run_id) from exc
        except RunFailure as failure:
            emit(tool_event(call, params, "failed", True, error=failure.message))
            set_step(emit, steps, step_id, "failed")
            raise
        result = execution.result
        if result is None:  # an earlier attempt failed: it is not retried
            set_step(emit, steps, step_id, "failed")
            raise RunFailure(
                "already_executed", "ApprovalMismatchError", say("approval_mismatch", language)
            )
        # Announced after the ledger recorded it, and only by the attempt that ran it: a run
        # resumed after its process died never shows the same execution twice.
        if not execution.replayed:
            emit(tool_event(call, params, "completed", True, result=result))
        await approval.settle()
        ctx.approval = None
        if not step_has_more_calls(state["pending"], step_id):
            steps = set_step(emit, steps, step_id, "completed")
        outcome = outcome_state(call, "completed", result=result, executed_arguments=params)
        return {
            "steps": steps,
            "approval": None,
            "decision": None,
            "outcomes": [*state["outcomes"], outcome],
            "route": next_route(state["pending"]),
        }

    async def reject(self, state: RunState, runtime: Runtime[RunContext]) -> RunUpdate:
        emit, language, ctx = runtime.stream_writer, state["language"], runtime.context
        assert state["decision"] is not None
        call, request_id = approval_of(state)
        reason = state["decision"]["reason"]
        emit(cancelled_event(call, "rejected", reason or say("rejected_without_reason", language)))
        # The rejected step and everything after it that has not run depends on it.
        dependent = {call["plan_step_id"], *(c["plan_step_id"] for c in state["pending"])}
        steps = dict(state["steps"])
        for item in state["plan"]:
            if item["id"] in dependent or steps[item["id"]] == "pending":
                steps[item["id"]] = "skipped"
                emit(PlanStepUpdate(id=item["id"], status="skipped"))
        await (await held_approval(self._gate, ctx, request_id)).settle()
        ctx.approval = None
        return {
            "steps": steps,
            "pending": [],
            "approval": None,
            "decision": None,
            "rejected": True,
            "outcomes": [*state["outcomes"], outcome_state(call, "rejected", reason=reason)],
            "route": "think",
        }

    async def expire(self, state: RunState, runtime: Runtime[RunContext]) -> RunUpdate:
        emit, language, ctx = runtime.stream_writer, state["language"], runtime.context
        call, request_id = approval_of(state)
        message = say("approval_timeout", language)
        emit(cancelled_event(call, "expired", message))
        steps = set_step(emit, state["steps"], call["plan_step_id"], "failed")
        phases = set_phase(emit, state["phases"], "execution", "failed", language)
        emit(
            Failed(
                request_id=request_id,
                session_id=ctx.spec.session_id,
                error="approval_timeout",
                error_type="TimeoutError",
            )
        )
        emit(Error(error="approval_timeout", error_type="TimeoutError", message=message))
        await (await held_approval(self._gate, ctx, request_id)).settle("expired")
        ctx.approval = None
        return {"steps": steps, "phases": phases, "end_status": "failed", "route": "end"}
