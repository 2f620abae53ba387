"""The offline provider: a deterministic bilingual planner that implements `ChatModel`.

Each turn re-reads the prompt, rebuilds the plan from the outcomes so far, and either asks for
the next tool call or writes the answer from the results; it keeps nothing between turns but the
parse of recent prompts (`_intent_of`).
"""

import re
from collections.abc import AsyncIterator
from functools import lru_cache

from aura.agent.llm.base import Conversation, ModelTurn, PlanItem, ToolCall
from aura.agent.llm.offline.answers import write_answer
from aura.agent.llm.offline.intents import parse_request
from aura.agent.llm.offline.plans import Plan, Planner
from aura.agent.llm.offline.playbooks import plan_for
from aura.agent.llm.offline.refusals import CHANGES, capabilities_text, unparsed_text
from aura.agent.llm.offline.thoughts import analysis
from aura.agent.llm.offline.toolbox import DEFAULT_TOOLBOX, Toolbox
from aura.agent.tools.registry import ToolRegistry

_PIECE = re.compile(r"\s*\S+\s*|\s+")
WORDS_PER_DELTA = 4

_intent_of = lru_cache(maxsize=256)(parse_request)
"""A prompt's intent, parsed once per prompt text: parsing costs about 1 ms of the event loop,
and a run's every turn after the first parses the same prompt again (an `Intent` is frozen)."""


def deltas(text: str) -> list[str]:
    """The answer cut into pieces of a few words; joined, they give the text back exactly."""
    pieces = _PIECE.findall(text)
    return [
        "".join(pieces[start : start + WORDS_PER_DELTA])
        for start in range(0, len(pieces), WORDS_PER_DELTA)
    ]


async def stream(text: str) -> AsyncIterator[str]:
    for piece in deltas(text):
        yield piece


class OfflinePlanner:
    """`LLM_PROVIDER=offline`: mail requests in Korean and English (docs/contract.md#mail-tools)."""

    def __init__(self, tools: ToolRegistry | None = None) -> None:
        self._toolbox = Toolbox.of(tools) if tools is not None else DEFAULT_TOOLBOX

    @property
    def model_name(self) -> str:
        return "offline"

    async def turn(self, conversation: Conversation) -> ModelTurn:
        language = conversation.language
        intent = _intent_of(conversation.prompt)
        if intent.kind == "unknown":
            return ModelTurn(
                answer=stream(capabilities_text(language, self._toolbox)),
                result_title="할 수 있는 일" if language == "ko" else "What I can do",
            )
        if intent.unparsed and intent.kind in CHANGES:
            return ModelTurn(
                thought=analysis(intent, Plan(), language, self._toolbox.gated),
                answer=stream(unparsed_text(intent, language, self._toolbox)),
                result_title="다시 말씀해 주세요" if language == "ko" else "Please rephrase",
            )
        results = {o.call.plan_step_id: o for o in conversation.outcomes}
        plan = plan_for(Planner(intent, conversation.page, language, self._toolbox), results)
        announced = {item.id for item in conversation.announced_plan} | set(results)
        new_items: list[PlanItem] = [s.item for s in plan.steps if s.id not in announced]
        thought = (
            None if conversation.outcomes else analysis(intent, plan, language, self._toolbox.gated)
        )
        for step in plan.steps:
            outcome = results.get(step.id)
            if outcome is not None:
                if outcome.status != "completed":
                    break
                continue
            arguments = step.arguments(results)
            if arguments is None:
                break
            call = ToolCall(f"call_{step.id}", step.tool, arguments, step.id)
            return ModelTurn(thought=thought, plan=new_items, tool_calls=[call])
        answer = write_answer(intent, plan, results, language)
        return ModelTurn(thought=thought, answer=stream(answer.text), result_title=answer.title)
