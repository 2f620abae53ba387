"""Small in-memory tools for the runtime tests that need no app: they record what they did in a
`Journal` (the test's ground truth), and two of them fail on purpose. The scripted chat model that
calls them is `aura.agent.llm.scripted`."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, Field

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
