"""Reading a chat-completions stream: SSE `data:` lines of `chat.completion.chunk` objects.

Tool calls arrive in fragments keyed by `index`: the first fragment carries the id and name,
later ones append to the arguments string, which is only valid JSON once the stream is done.
"""

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from aura.agent.llm.base import ModelError

DONE = "[DONE]"


@dataclass
class Delta:
    content: str = ""
    tool_fragments: list[dict[str, Any]] = field(default_factory=list)
    finished: bool = False


async def chunk_deltas(lines: AsyncIterator[str]) -> AsyncIterator[Delta]:
    """The deltas of a stream, ending at `[DONE]` or when the server closes it."""
    async for line in lines:
        if not line.startswith("data:"):
            continue  # comments, `event:` lines and blank separators carry nothing here
        payload = line[len("data:") :].strip()
        if payload == DONE:
            return
        try:
            chunk = json.loads(payload)
        except ValueError:
            raise ModelError("The model endpoint sent a malformed stream chunk.") from None
        if not isinstance(chunk, dict):
            raise ModelError("The model endpoint sent a malformed stream chunk.")
        if chunk.get("error"):
            raise ModelError(f"The model endpoint reported an error: {_message(chunk['error'])}")
        for choice in chunk.get("choices") or []:
            delta = choice.get("delta") or {}
            yield Delta(
                content=delta.get("content") or "",
                tool_fragments=list(delta.get("tool_calls") or []),
                finished=choice.get("finish_reason") is not None,
            )


def _message(error: Any) -> str:
    if isinstance(error, dict):
        return str(error.get("message") or error)
    return str(error)


@dataclass
class _PendingCall:
    id: str = ""
    name: str = ""
    arguments: str = ""


@dataclass
class ToolCallAssembler:
    """Joins tool-call fragments into whole calls."""

    _calls: dict[int, _PendingCall] = field(default_factory=dict)

    def add(self, fragment: dict[str, Any]) -> None:
        index = int(fragment.get("index", len(self._calls)))
        call = self._calls.setdefault(index, _PendingCall())
        call.id = call.id or str(fragment.get("id") or "")
        function = fragment.get("function") or {}
        call.name += str(function.get("name") or "")
        call.arguments += str(function.get("arguments") or "")

    def __bool__(self) -> bool:
        return bool(self._calls)

    def calls(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(id, name, arguments) of every call, in index order."""
        assembled = []
        for index in sorted(self._calls):
            call = self._calls[index]
            if not call.name:
                raise ModelError("The model asked for a tool call without naming the tool.")
            try:
                arguments = json.loads(call.arguments or "{}")
            except ValueError:
                raise ModelError(
                    f"The model sent arguments for {call.name} that are not valid JSON."
                ) from None
            if not isinstance(arguments, dict):
                raise ModelError(
                    f"The model sent arguments for {call.name} that are not an object."
                )
            assembled.append((call.id or f"call_{index}", call.name, arguments))
        return assembled
