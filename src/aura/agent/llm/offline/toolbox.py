"""The tools the offline planner plans with, learnt from the tool registry.

The planner thinks in actions (find, read, trash, send, ...); which tool does each, under which
name, and whether it needs a person's approval is the registry's to say, so renaming a tool or
changing its approval policy changes the plans and the words around them without touching the
planner.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from aura.agent.tools.base import Tool
from aura.agent.tools.browsing import ListMessages, ReadMessage, SearchMessages
from aura.agent.tools.changes import DeleteMessages, MarkRead, RestoreMessages, SendMessage
from aura.agent.tools.registry import ToolRegistry

Action = Literal["list", "search", "read", "mark", "delete", "restore", "send"]

_KINDS: Mapping[Action, type[Tool[Any]]] = {
    "list": ListMessages,
    "search": SearchMessages,
    "read": ReadMessage,
    "mark": MarkRead,
    "delete": DeleteMessages,
    "restore": RestoreMessages,
    "send": SendMessage,
}


@dataclass(frozen=True)
class Toolbox:
    names: Mapping[Action, str]
    gated: frozenset[str]
    """Names of the tools that run only after a person approves them."""

    @classmethod
    def of_kinds(cls) -> "Toolbox":
        """The mail tools as their classes declare them: for a planner built without a registry
        (tests, the evaluation), which only plans and never runs a tool."""
        names = {action: kind.name for action, kind in _KINDS.items()}
        return cls(
            names, frozenset(kind.name for kind in _KINDS.values() if kind.requires_approval)
        )

    @classmethod
    def of(cls, registry: ToolRegistry) -> "Toolbox":
        names: dict[Action, str] = {}
        for action, kind in _KINDS.items():
            tool = registry.find(kind)
            if tool is None:
                raise ValueError(f"the offline planner needs a {kind.__name__} tool")
            names[action] = tool.name
        return cls(names, frozenset(tool.name for tool in registry if tool.requires_approval))

    def name(self, action: Action) -> str:
        return self.names[action]

    def action_of(self, tool_name: str) -> Action | None:
        return next((a for a, name in self.names.items() if name == tool_name), None)

    def needs_approval(self, action: Action) -> bool:
        return self.names[action] in self.gated


DEFAULT_TOOLBOX = Toolbox.of_kinds()
