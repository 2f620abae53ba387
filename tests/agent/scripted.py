"""A scripted chat model and small in-memory tools that drive the runtime in tests.

The model is a real `ChatModel`: it plans from the conversation it is given and writes its answer
from the tool outcomes it sees (so a test notices if outcomes are lost or wrong), but follows a
fixed script of tool calls instead of calling an LLM.
"""

from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, Field

from aura.agent.llm.base import Conversation, ModelError, ModelTurn, PlanItem, ToolCall
from aura.agent.tools.base import Language, Tool, ToolContext, ToolFailure

ITEMS = {
    "m1": "주간 회의록",
    "m2": "Quarterly report",
    "m3": "점심 메뉴 투표",
    "m4": "Server maintenance",
}


@dataclass
class Journal:
    """What the tools actually did, in order: the test's ground truth."""

    runs: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def of(self, tool: str) -> list[dict[str, Any]]:
        return [params for name, params in self.runs if name == tool]


class IdsArgs(BaseModel):
    ids: list[str] = Field(min_length=1)


class NoteArgs(BaseModel):
    to: str
    body: str


class ListArgs(BaseModel):
    limit: int = 3


class ListItems(Tool[ListArgs]):
    name: ClassVar[str] = "list_items"
    description: ClassVar[str] = "List items."
    args_model: ClassVar[type[BaseModel]] = ListArgs

    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    async def run(self, args: ListArgs, ctx: ToolContext) -> dict[str, Any]:
        self.journal.runs.append((self.name, args.model_dump()))
        items = [{"id": k, "subject": v} for k, v in list(ITEMS.items())[: args.limit]]
        return {"items": items}


class DeleteItems(Tool[IdsArgs]):
    name: ClassVar[str] = "delete_items"
    description: ClassVar[str] = "Delete items (needs approval)."
    args_model: ClassVar[type[BaseModel]] = IdsArgs
    requires_approval: ClassVar[bool] = True

    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    async def preview(self, args: IdsArgs, ctx: ToolContext) -> Any:
        return [{"id": i, "subject": ITEMS.get(i, "?")} for i in args.ids]

    async def run(self, args: IdsArgs, ctx: ToolContext) -> dict[str, Any]:
        self.journal.runs.append((self.name, args.model_dump()))
        return {"deleted": [{"id": i, "subject": ITEMS.get(i, "?")} for i in args.ids]}

    def approval_message(self, args: IdsArgs, preview: Any, language: Language) -> str:
        if language == "ko":
            return f"항목 {len(args.ids)}개를 삭제합니다."
        return f"Delete {len(args.ids)} items."


class SendNote(Tool[NoteArgs]):
    name: ClassVar[str] = "send_note"
    description: ClassVar[str] = "Send a note (needs approval)."
    args_model: ClassVar[type[BaseModel]] = NoteArgs
    requires_approval: ClassVar[bool] = True

    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    async def preview(self, args: NoteArgs, ctx: ToolContext) -> Any:
        return {"to": args.to, "body": args.body}

    async def run(self, args: NoteArgs, ctx: ToolContext) -> dict[str, Any]:
        self.journal.runs.append((self.name, args.model_dump()))
        return {"sent": {"to": args.to}}


class ShredItems(Tool[IdsArgs]):
    """Needs approval, then fails when it runs: a failure after the person said yes."""

    name: ClassVar[str] = "shred_items"
    description: ClassVar[str] = "Shred items (needs approval); the shredder is jammed."
    args_model: ClassVar[type[BaseModel]] = IdsArgs
    requires_approval: ClassVar[bool] = True

    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    async def preview(self, args: IdsArgs, ctx: ToolContext) -> Any:
        return [{"id": i} for i in args.ids]

    async def run(self, args: IdsArgs, ctx: ToolContext) -> dict[str, Any]:
        self.journal.runs.append((self.name, args.model_dump()))
        raise ToolFailure("the shredder is jammed")


class BrokenTool(Tool[ListArgs]):
    name: ClassVar[str] = "broken"
    description: ClassVar[str] = "Always fails."
    args_model: ClassVar[type[BaseModel]] = ListArgs

    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    async def run(self, args: ListArgs, ctx: ToolContext) -> dict[str, Any]:
        self.journal.runs.append((self.name, args.model_dump()))
        raise ToolFailure("the item store is offline")


class Registry:
    def __init__(self, tools: Iterable[Tool[Any]]) -> None:
        self._tools = {tool.name: tool for tool in tools}

    def get(self, name: str) -> Tool[Any]:
        return self._tools[name]


def tool_registry(journal: Journal) -> Registry:
    return Registry(
        [
            ListItems(journal),
            DeleteItems(journal),
            SendNote(journal),
            ShredItems(journal),
            BrokenTool(journal),
        ]
    )


async def deltas(text: str, size: int = 4) -> AsyncIterator[str]:
    for start in range(0, len(text), size):
        yield text[start : start + size]


def describe(conversation: Conversation) -> str:
    """The answer, written from the outcomes: what ran with what, what was refused and why."""
    parts = []
    for outcome in conversation.outcomes:
        name = outcome.call.name
        if outcome.status == "completed":
            parts.append(f"{name} 완료: {outcome.result}")
        elif outcome.status == "rejected":
            parts.append(f"{name} 거절됨 (사유: {outcome.reason}) — 실행하지 않았습니다")
        else:
            parts.append(f"{name} {outcome.status}")
    return " / ".join(parts) or "할 일이 없습니다"


Step = tuple[str, dict[str, Any]]


class ScriptedModel:
    """Calls the scripted tools one turn at a time (`turns` = a list of tool-call lists), then
    answers from the outcomes. A rejection makes it answer at once."""

    def __init__(
        self,
        turns: list[list[Step]],
        *,
        fail_on_turn: int | None = None,
        persist_after_rejection: bool = False,
    ) -> None:
        self._turns = turns
        self._fail_on_turn = fail_on_turn
        self._persist = persist_after_rejection
        """When set, a rejection does not stop it: it goes on proposing the next scripted calls."""

    @property
    def model_name(self) -> str:
        return "scripted"

    async def turn(self, conversation: Conversation) -> ModelTurn:
        done = len({o.call.id for o in conversation.outcomes})
        index = self._turn_index(conversation)
        if self._fail_on_turn is not None and index == self._fail_on_turn:
            raise ModelError("the scripted model is unavailable")
        rejected = any(o.status == "rejected" for o in conversation.outcomes)
        if (rejected and not self._persist) or index >= len(self._turns):
            return ModelTurn(
                thought=f"{done}개 도구 결과로 답합니다", answer=deltas(describe(conversation))
            )
        calls = self._turns[index]
        plan = [
            PlanItem(id=f"step-{index}-{n}", title=f"{name}", description=f"{name} {args}")
            for n, (name, args) in enumerate(calls)
        ]
        return ModelTurn(
            thought=f"요청 분석: {conversation.prompt}" if index == 0 else "다음 단계",
            plan=plan,
            tool_calls=[
                ToolCall(
                    id=f"call-{index}-{n}",
                    name=name,
                    arguments=args,
                    plan_step_id=f"step-{index}-{n}",
                )
                for n, (name, args) in enumerate(calls)
            ],
        )

    def _turn_index(self, conversation: Conversation) -> int:
        seen = {o.call.id.split("-")[1] for o in conversation.outcomes}
        return len(seen)


def scripted(turns: list[list[Step]], **kwargs: Any) -> Callable[..., ScriptedModel]:
    model = ScriptedModel(turns, **kwargs)
    return lambda *_args: model
