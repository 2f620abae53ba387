"""A chat model that replays a script instead of calling an LLM: the stand-in for a paid model.

In the spirit of pydantic-ai's `FunctionModel`/`TestModel`, it lets the runtime be driven
in-process, deterministically and for free: tests (and anyone embedding the agent) hand it a
`Script`, a list of *turns*, each the tool calls the model asks for at that point of the run.
After the last turn it answers; by default the answer is written from the tool outcomes it was
shown, so a test notices when outcomes are lost or wrong.

It keeps no state between turns: it finds its place in the script from the conversation (how
many of its turns already have outcomes), so a run resumed from its checkpoint in another process
continues the same script. It is built in code, never chosen through `LLM_PROVIDER`.
"""

from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from aura.agent.llm.base import Conversation, ModelError, ModelTurn, PlanItem, ToolCall

ScriptedCall = tuple[str, dict[str, Any]]
"""One tool call of a turn: the tool's name and its arguments."""

Script = Sequence[Sequence[ScriptedCall]]
"""The turns, in order; each turn's calls run in order before the model is asked again."""

AnswerWriter = Callable[[Conversation], str]

_CALL_PREFIX = "call"


async def text_deltas(text: str, size: int = 4) -> AsyncIterator[str]:
    """The text as a stream of `size`-character deltas, the way a provider streams an answer."""
    for start in range(0, len(text), size):
        yield text[start : start + size]


def describe_outcomes(conversation: Conversation) -> str:
    """An answer that states each outcome: what ran with what result, what was refused and why."""
    korean = conversation.language == "ko"
    parts = []
    for outcome in conversation.outcomes:
        name = outcome.call.name
        if outcome.status == "completed":
            parts.append(f"{name} {'완료' if korean else 'completed'}: {outcome.result}")
        elif outcome.status == "rejected":
            parts.append(
                f"{name} 거절됨 (사유: {outcome.reason}) — 실행하지 않았습니다"
                if korean
                else f"{name} rejected (reason: {outcome.reason}); not run"
            )
        else:
            parts.append(f"{name} {outcome.status}")
    if parts:
        return " / ".join(parts)
    return "할 일이 없습니다" if korean else "Nothing to do"


def _call_id(turn: int, position: int) -> str:
    return f"{_CALL_PREFIX}-{turn}-{position}"


def _turn_of(call_id: str) -> int | None:
    """The script turn a call id of this model names; None for anyone else's call id."""
    prefix, _, rest = call_id.partition("-")
    turn, _, position = rest.partition("-")
    if prefix != _CALL_PREFIX or not turn.isdigit() or not position.isdigit():
        return None
    return int(turn)


class ScriptedModel:
    """A `ChatModel` that asks for the scripted tool calls, one turn at a time, then answers.

    `answer` writes the final answer from the conversation (`describe_outcomes` by default).
    A rejected call makes it answer at once, unless `persist_after_rejection` is set: then it
    goes on proposing the next scripted turn, as a stubborn model would. `fail_on_turn` makes
    that turn raise `ModelError`, as a provider that is down does.
    """

    def __init__(
        self,
        turns: Script,
        *,
        answer: AnswerWriter = describe_outcomes,
        fail_on_turn: int | None = None,
        persist_after_rejection: bool = False,
        name: str = "scripted",
    ) -> None:
        self._turns = [list(calls) for calls in turns]
        self._answer = answer
        self._fail_on_turn = fail_on_turn
        self._persist = persist_after_rejection
        self._name = name

    @property
    def model_name(self) -> str:
        return self._name

    async def turn(self, conversation: Conversation) -> ModelTurn:
        index = self._next_turn(conversation)
        if index == self._fail_on_turn:
            raise ModelError("the scripted model is unavailable")
        rejected = any(outcome.status == "rejected" for outcome in conversation.outcomes)
        if (rejected and not self._persist) or index >= len(self._turns):
            return ModelTurn(
                thought=self._answering_thought(conversation),
                answer=text_deltas(self._answer(conversation)),
            )
        calls = self._turns[index]
        steps = [f"step-{index}-{position}" for position in range(len(calls))]
        return ModelTurn(
            thought=self._planning_thought(conversation, index),
            plan=[
                PlanItem(id=step, title=name, description=f"{name} {arguments}")
                for step, (name, arguments) in zip(steps, calls, strict=True)
            ],
            tool_calls=[
                ToolCall(
                    id=_call_id(index, position),
                    name=name,
                    arguments=dict(arguments),
                    plan_step_id=step,
                )
                for position, (step, (name, arguments)) in enumerate(zip(steps, calls, strict=True))
            ],
        )

    @staticmethod
    def _next_turn(conversation: Conversation) -> int:
        """How many scripted turns already have outcomes: the index of the turn to play now."""
        turns = {_turn_of(outcome.call.id) for outcome in conversation.outcomes}
        turns.discard(None)
        return len(turns)

    @staticmethod
    def _planning_thought(conversation: Conversation, index: int) -> str:
        korean = conversation.language == "ko"
        if index == 0:
            lead = "요청 분석" if korean else "Reading the request"
            return f"{lead}: {conversation.prompt}"
        return "다음 단계" if korean else "Next step"

    @staticmethod
    def _answering_thought(conversation: Conversation) -> str:
        done = len({outcome.call.id for outcome in conversation.outcomes})
        if conversation.language == "ko":
            return f"{done}개 도구 결과로 답합니다"
        return f"Answering from {done} tool outcome(s)"
