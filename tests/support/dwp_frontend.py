"""A model of the original DWP web frontend (React, January build), written from how it reads.

It applies every answer and stream event the way that client does and raises `PageCrash` where
React would throw: an object rendered as a child ("Objects are not valid as a React child"). What
it knows of the client (from its source):

- it reads only `data:` lines (ignores `event:`, `id:` and comments), stops at `data: [DONE]`,
  `JSON.parse`s each line, `type = json.type`, `eventData = json.data || json`;
- it drops whatever follows a `hitl` event in the same network chunk;
- `thought`/`thinking` → `thoughtType`, `content || message`; `plan_step` → `title`,
  `description`, `order`, `canSkip`, `confidence`;
- `hitl`/`approval_required` → `requestId`, `message`, `actionType || action`, `params` (an
  object), `confidence`, `editableContent = eventData.editableContent || eventData.message`,
  rendered as text;
- `tool_execution`/`action` → a NEW execution entry `{tool, params}` for every such event, logged
  as `실행: <tool> <JSON params>`; when that same event says `completed`/`failed`, the new entry is
  updated with `result` / `error`;
- `content`/`message` → `content || message` appended to the answer;
- every other type (`plan_step_update`, `timeline_step_update`, …) is ignored;
- `GET /api/main/health`'s `data` is rendered as text on the dashboard.
"""

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

RENDERED_SCALARS = (str, int, float, bool)


class PageCrash(AssertionError):
    """What React throws: the page goes blank."""


def js_or(value: Any, fallback: Any) -> Any:
    """JavaScript's `a || b`: `{}` and `[]` are truthy, `""`, `0`, `false`, null are not."""
    if (
        value is None
        or value is False
        or value == ""
        or (isinstance(value, int | float) and not isinstance(value, bool) and value == 0)
    ):
        return fallback
    return value


def js_string(value: Any) -> str:
    """What `"" + value` gives in JavaScript for the values a JSON event can hold."""
    if value is None:
        return "undefined"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "[object Object]"
    if isinstance(value, list):
        return ",".join("" if item is None else js_string(item) for item in value)
    return str(value)


def render_text(where: str, value: Any) -> None:
    """React renders strings, numbers, booleans, null and arrays of those; an object throws."""
    if value is None or isinstance(value, RENDERED_SCALARS):
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            render_text(f"{where}[{index}]", item)
        return
    keys = ", ".join(value) if isinstance(value, dict) else type(value).__name__
    raise PageCrash(
        f"Objects are not valid as a React child (found: object with keys {{{keys}}}) at {where}"
    )


@dataclass
class Execution:
    tool: str
    params: Any
    status: str = "executing"
    result: Any = None
    error: Any = None


@dataclass
class ApprovalDialog:
    request_id: str
    message: str
    action: str
    params: dict[str, Any]
    editable_content: str
    confidence: Any


@dataclass
class OriginalFrontend:
    thoughts: list[tuple[Any, Any]] = field(default_factory=list)
    plan: list[dict[str, Any]] = field(default_factory=list)
    executions: list[Execution] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    dialogs: list[ApprovalDialog] = field(default_factory=list)
    answer: str = ""
    done: bool = False
    dropped: list[str] = field(default_factory=list)
    # Not the client's state: every parsed event, for the test to compare the views against.
    events: list[dict[str, Any]] = field(default_factory=list)

    def show_health(self, body: dict[str, Any]) -> None:
        render_text("health.data", body.get("data"))

    async def read(self, chunks: AsyncIterator[bytes], until_hitl: bool = False) -> None:
        """Read network chunks as the client does; return at `[DONE]` (or after a `hitl`)."""
        pending = b""
        async for chunk in chunks:
            pending += chunk
            *lines, pending = pending.split(b"\n")
            saw_hitl = False
            for raw in lines:
                line = raw.decode("utf-8").rstrip("\r")
                if not line.startswith("data:"):
                    continue
                if saw_hitl:
                    self.dropped.append(line)
                    continue
                text = line[5:].strip()
                if text == "[DONE]":
                    self.done = True
                    return
                saw_hitl = self.apply(json.loads(text))
            if saw_hitl and until_hitl:
                return

    def apply(self, message: dict[str, Any]) -> bool:
        """Apply one event; True when it opened the approval dialog."""
        self.events.append(message)
        kind = message.get("type")
        data = js_or(message.get("data"), message)
        if kind in ("thought", "thinking"):
            content = js_or(data.get("content"), data.get("message"))
            render_text("thought.thoughtType", data.get("thoughtType"))
            render_text("thought.content", content)
            self.thoughts.append((data.get("thoughtType"), content))
        elif kind == "plan_step":
            for name in ("title", "description", "order", "confidence"):
                render_text(f"plan_step.{name}", data.get(name))
            self.plan.append(data)
        elif kind in ("hitl", "approval_required"):
            return self._open_dialog(data)
        elif kind in ("tool_execution", "action"):
            self._add_execution(data)
        elif kind in ("content", "message"):
            delta = js_or(data.get("content"), data.get("message"))
            render_text("content", delta)
            self.answer += js_string(delta)
        return False

    def _open_dialog(self, data: dict[str, Any]) -> bool:
        editable = js_or(data.get("editableContent"), data.get("message"))
        action = js_or(data.get("actionType"), data.get("action"))
        for where, value in (
            ("hitl.message", data.get("message")),
            ("hitl.actionType", action),
            ("hitl.editableContent", editable),
            ("hitl.confidence", data.get("confidence")),
        ):
            render_text(where, value)
        params = data.get("params")
        if not isinstance(params, dict):
            raise PageCrash(f"hitl.params is not an object: {params!r}")
        self.dialogs.append(
            ApprovalDialog(
                request_id=str(data.get("requestId")).removeprefix("hitl-"),
                message=data.get("message"),
                action=action,
                params=params,
                editable_content=editable,
                confidence=data.get("confidence"),
            )
        )
        return True

    def _add_execution(self, data: dict[str, Any]) -> None:
        entry = Execution(tool=data.get("tool"), params=data.get("params"))
        render_text("execution.tool", entry.tool)
        self.executions.append(entry)
        self.log.append(
            f"실행: {js_string(entry.tool)} {json.dumps(entry.params, ensure_ascii=False)}"
        )
        if data.get("status") in ("completed", "failed"):
            entry.status = data["status"]
            entry.result = data.get("result")
            entry.error = data.get("error")
            render_text("execution.error", entry.error)

    def logged_as_run(self, tool: str) -> list[str]:
        return [line for line in self.log if line.startswith(f"실행: {tool} ")]
