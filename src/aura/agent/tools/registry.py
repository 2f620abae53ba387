"""The set of tools an agent may call, looked up by name."""

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from aura.agent.tools.base import Tool, ToolFailure

AnyTool = TypeVar("AnyTool", bound=Tool[Any])


class UnknownToolError(ToolFailure):
    """A model asked for a tool that is not in the registry."""


class ToolRegistry:
    def __init__(self, tools: Iterable[Tool[Any]]) -> None:
        self._tools: dict[str, Tool[Any]] = {}
        for tool in tools:
            if tool.name in self._tools:
                raise ValueError(f"two tools are named {tool.name!r}")
            self._tools[tool.name] = tool

    def get(self, name: str) -> Tool[Any]:
        try:
            return self._tools[name]
        except KeyError:
            known = ", ".join(sorted(self._tools))
            raise UnknownToolError(
                f"There is no tool named {name!r}; the tools are: {known}."
            ) from None

    def __contains__(self, name: object) -> bool:
        return name in self._tools

    def __iter__(self) -> Iterator[Tool[Any]]:
        return iter(self._tools.values())

    def __len__(self) -> int:
        return len(self._tools)

    def find(self, kind: type[AnyTool]) -> AnyTool | None:
        """The registered tool of this class, if any: how a planner finds "the delete tool"."""
        return next((tool for tool in self if isinstance(tool, kind)), None)

    @property
    def names(self) -> list[str]:
        return list(self._tools)

    def function_specs(self) -> list[dict[str, Any]]:
        """The tools in the OpenAI chat-completions `tools` format."""
        return [
            {
                "type": "function",
                "function": {
                    "name": tool.name,
                    "description": tool.description,
                    "parameters": tool.params_schema(),
                },
            }
            for tool in self
        ]
