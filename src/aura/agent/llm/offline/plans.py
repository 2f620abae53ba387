"""Plans: the tool steps an intent needs, with arguments computed from earlier results.

A plan is rebuilt from the prompt, the page and the outcomes so far on every turn, so the
planner holds no state between turns (a run resumed from a checkpoint plans the same way). A
step whose arguments come out `None` has nothing to act on (the search found no mail), which
ends the run with an answer instead of a call.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from aura.agent.language import Language
from aura.agent.llm.base import PlanItem, ToolOutcome
from aura.agent.llm.offline.intents import Intent
from aura.agent.llm.offline.texts import step_text
from aura.agent.llm.offline.toolbox import DEFAULT_TOOLBOX, Action, Toolbox

Results = Mapping[str, ToolOutcome]
Arguments = Callable[[Results], dict[str, Any] | None]
Missing = Literal["target", "recipient", "content"]

DEFAULT_LIST_LIMIT = 10
FILTERED_LIMIT = 20
EVERYTHING_LIMIT = 100
SUMMARY_LIST_LIMIT = 5
MAX_SELECTED_READS = 5


@dataclass(frozen=True)
class Step:
    item: PlanItem
    action: Action
    tool: str
    arguments: Arguments

    @property
    def id(self) -> str:
        return self.item.id


@dataclass(frozen=True)
class Plan:
    steps: list[Step] = field(default_factory=list)
    missing: Missing | None = None


@dataclass(frozen=True)
class PageTarget:
    item_id: str | None
    selected: list[str]

    @classmethod
    def of(cls, page: Mapping[str, Any]) -> "PageTarget":
        item = page.get("itemId")
        selected = page.get("selectedItemIds")
        return cls(
            item_id=item if isinstance(item, str) and item else None,
            selected=[s for s in selected if isinstance(s, str) and s]
            if isinstance(selected, list)
            else [],
        )


def completed(results: Results, step_id: str) -> dict[str, Any] | None:
    outcome = results.get(step_id)
    if outcome is None or outcome.status != "completed" or outcome.result is None:
        return None
    return outcome.result


def found_ids(results: Results, step_id: str) -> list[str]:
    result = completed(results, step_id) or {}
    return [str(item["id"]) for item in result.get("items", []) if item.get("id")]


class Planner:
    """Builds the plan of one intent in one language."""

    def __init__(
        self,
        intent: Intent,
        page: Mapping[str, Any],
        language: Language,
        toolbox: Toolbox = DEFAULT_TOOLBOX,
    ) -> None:
        self.intent = intent
        self.page = PageTarget.of(page)
        self.language = language
        self.toolbox = toolbox

    def with_intent(self, intent: Intent, page: Mapping[str, Any]) -> "Planner":
        return Planner(intent, page, self.language, self.toolbox)

    def step(self, key: str, action: Action, arguments: Arguments, **values: Any) -> Step:
        title, description = step_text(
            key,
            action,
            self.language,
            needs_approval=self.toolbox.needs_approval(action),
            **values,
        )
        item = PlanItem(id=f"step-{key}", title=title, description=description)
        return Step(item, action, self.toolbox.name(action), arguments)

    # -- targets -------------------------------------------------------------------------

    def query(self, limit: int, folder: str | None = None) -> tuple[Action, dict[str, Any]]:
        intent = self.intent
        arguments: dict[str, Any] = {
            "folder": folder or intent.folder or "inbox",
            "limit": min(limit, EVERYTHING_LIMIT),
            "order": intent.order or "newest",
        }
        if intent.state is not None:
            arguments["unread"] = intent.state == "unread"
        if intent.sender or intent.words:
            arguments.update(
                {k: v for k, v in (("sender", intent.sender), ("words", intent.words)) if v}
            )
            return "search", arguments
        return "list", arguments

    def find_step(self, limit: int, folder: str | None = None) -> Step:
        action, arguments = self.query(limit, folder)
        return self.step("find", action, lambda _: arguments, **self._describe_query(arguments))

    def _describe_query(self, arguments: dict[str, Any]) -> dict[str, Any]:
        return {
            "folder": arguments["folder"],
            "limit": arguments["limit"],
            "order": arguments["order"],
            "unread": arguments.get("unread"),
            "sender": arguments.get("sender"),
            "words": arguments.get("words"),
        }

    def uses_item(self) -> bool:
        return self.intent.deixis == "item" and self.page.item_id is not None

    def reads_open_mail(self) -> bool:
        intent = self.intent
        qualified = intent.has_filter or intent.order or intent.everything or intent.count
        return self.page.item_id is not None and not qualified and intent.deixis != "selected"

    def uses_selection(self) -> bool:
        intent = self.intent
        unqualified = not (intent.has_filter or intent.order or intent.everything)
        return bool(self.page.selected) and (intent.deixis == "selected" or unqualified)

    def selection(self) -> list[str]:
        count = self.intent.count
        return self.page.selected[:count] if count else list(self.page.selected)

    def query_limit(self) -> int | None:
        intent = self.intent
        if intent.count:
            return intent.count
        if intent.everything:
            return EVERYTHING_LIMIT
        if intent.has_filter:
            return FILTERED_LIMIT
        return None
