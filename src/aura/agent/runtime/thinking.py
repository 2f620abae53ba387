"""The model node (asks the chat model for its next turn) and the answer node (streams it).

After a person rejected an action nothing else runs in that run (docs/stream.md): if the model then
asks for more tool calls instead of answering, the calls are dropped unannounced and the runtime
writes the answer from the rejected outcomes; the run ends `rejected`.
"""

from collections.abc import AsyncIterator

from langgraph.runtime import Runtime

from aura.agent.llm.base import ChatModel, ModelError, PlanItem
from aura.agent.runtime.context import RunContext, RunFailure
from aura.agent.runtime.phrases import ANSWER_TITLE, rejection_answer, say
from aura.agent.runtime.progress import set_phase, set_step
from aura.agent.runtime.state import (
    RunState,
    RunUpdate,
    call_state,
    conversation_from,
    plan_item_state,
)
from aura.contracts.events import (
    Content,
    ContentMetadata,
    EndStatus,
    PlanStep,
    ResultBlock,
    Thought,
    ThoughtType,
)

_SETTLED = ("completed", "skipped", "failed")


class ThinkingNodes:
    def __init__(self, model: ChatModel, max_turns: int) -> None:
        self._model = model
        self._max_turns = max_turns

    async def think(self, state: RunState, runtime: Runtime[RunContext]) -> RunUpdate:
        emit, language = runtime.stream_writer, state["language"]
        turns = state["turns"] + 1
        if turns > self._max_turns:
            raise RunFailure("too_many_turns", "ModelError", say("too_many_turns", language))
        phases = state["phases"]
        if turns == 1:  # analysis is the run's first phase, not every model turn's
            phases = set_phase(emit, phases, "analysis", "processing", language)
        try:
            turn = await self._model.turn(conversation_from(state))
        except ModelError as exc:
            raise RunFailure("model_error", "ModelError", str(exc)) from exc
        if turn.thought:
            emit(
                Thought(
                    id=f"thought-{turns}", thought_type=_thought_type(state), content=turn.thought
                )
            )
        phases = set_phase(emit, phases, "analysis", "completed", language)
        plan, steps = list(state["plan"]), dict(state["steps"])
        dropped = state["rejected"] and turn.answer is None and bool(turn.tool_calls)
        calls = [] if dropped else turn.tool_calls
        announced = [] if dropped else list(turn.plan)
        for call in calls:
            if call.plan_step_id not in steps and all(i.id != call.plan_step_id for i in announced):
                announced.append(
                    PlanItem(id=call.plan_step_id, title=call.name, description=call.name)
                )
        if turns == 1:
            phases = set_phase(emit, phases, "planning", "processing", language)
        for item in announced:
            if item.id in steps:
                continue
            emit(
                PlanStep(
                    id=item.id,
                    title=item.title,
                    description=item.description,
                    order=len(plan),
                    can_skip=item.can_skip,
                    confidence=item.confidence,
                )
            )
            plan.append(plan_item_state(item))
            steps[item.id] = "pending"
        if phases["planning"] == "processing":
            phases = set_phase(emit, phases, "planning", "completed", language)
        update: RunUpdate = {"turns": turns, "phases": phases, "plan": plan, "steps": steps}
        if turn.answer is not None:
            runtime.context.answer = turn.answer
            runtime.context.result_title = turn.result_title
            return {**update, "route": "answer"}
        if dropped:
            runtime.context.answer = _rejection_answer(state)
            runtime.context.result_title = None
            return {**update, "route": "answer"}
        if calls:
            return {**update, "pending": [call_state(c) for c in calls], "route": "act"}
        raise RunFailure("no_answer", "ModelError", say("no_answer", language))

    async def answer(self, state: RunState, runtime: Runtime[RunContext]) -> RunUpdate:
        emit, language, ctx = runtime.stream_writer, state["language"], runtime.context
        phases = state["phases"]
        if phases["execution"] == "processing":
            phases = set_phase(emit, phases, "execution", "completed", language)
        phases = set_phase(emit, phases, "verification", "processing", language)
        steps = dict(state["steps"])
        open_steps = [item["id"] for item in state["plan"] if steps[item["id"]] not in _SETTLED]
        for step_id in open_steps:
            steps = set_step(emit, steps, step_id, "executing")
        if ctx.answer is None:
            ctx.answer, ctx.result_title = await self._answer_again(state)
        parts: list[str] = []
        held: str | None = None
        try:
            async for delta in ctx.answer:
                if not delta:
                    continue
                if held is not None:
                    emit(Content(content=held, chunk=True))
                held = delta
                parts.append(delta)
        except ModelError as exc:
            raise RunFailure("model_error", "ModelError", str(exc)) from exc
        text = "".join(parts)
        title = ctx.result_title or ANSWER_TITLE[language]
        emit(
            Content(
                content=held or "",
                chunk=False,
                metadata=ContentMetadata(
                    result=ResultBlock(type="text", title=title, content=text)
                ),
            )
        )
        for step_id in open_steps:
            steps = set_step(emit, steps, step_id, "completed")
        phases = set_phase(emit, phases, "verification", "completed", language)
        status: EndStatus = "rejected" if state["rejected"] else "completed"
        return {
            "phases": phases,
            "steps": steps,
            "answer": text,
            "end_status": status,
            "route": "end",
        }

    async def _answer_again(self, state: RunState) -> tuple[AsyncIterator[str], str | None]:
        """The answer of a run resumed in another process, whose model turn began it: the
        answer stream did not survive the process, so the model is asked again (a model turn
        has no side effects)."""
        try:
            turn = await self._model.turn(conversation_from(state))
        except ModelError as exc:
            raise RunFailure("model_error", "ModelError", str(exc)) from exc
        if turn.answer is not None:
            return turn.answer, turn.result_title
        if state["rejected"]:
            return _rejection_answer(state), None
        raise RunFailure("interrupted", "ServiceUnavailable", say("interrupted", state["language"]))


def _rejection_answer(state: RunState) -> AsyncIterator[str]:
    rejected = [
        (o["call"]["name"], o.get("reason")) for o in state["outcomes"] if o["status"] == "rejected"
    ]
    return _written(rejection_answer(rejected, state["language"]))


async def _written(text: str) -> AsyncIterator[str]:
    yield text


def _thought_type(state: RunState) -> ThoughtType:
    if state["turns"] == 0:
        return "analysis"
    return "reflection" if state["rejected"] else "execution"
