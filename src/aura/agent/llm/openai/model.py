"""`LLM_PROVIDER=openai`: a streaming chat-completions client with tool calling.

A turn opens one streaming request and reads the reply to its end before deciding what it is:
a reply may begin with text ("I'll delete the 3 newest mails.") and carry tool calls after it,
and only the end of the stream tells. With tool calls, the text becomes the thought and the
calls are returned, never dropped. Without, the text deltas are the answer, replayed delta by
delta. The price is that an answer's first delta waits for the model's last one.
"""

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from aura.agent.llm.base import Conversation, ModelError, ModelTurn, PlanItem, ToolCall
from aura.agent.llm.openai.messages import chat_messages
from aura.agent.llm.openai.stream import ToolCallAssembler, chunk_deltas
from aura.agent.tools.registry import ToolRegistry

DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=10.0, pool=10.0)
ERROR_BODY_CHARS = 300


def _failure(exc: httpx.HTTPError, base_url: str) -> ModelError:
    if isinstance(exc, httpx.TimeoutException):
        return ModelError(f"The model endpoint at {base_url} did not answer in time.")
    return ModelError(f"The model endpoint at {base_url} could not be reached.")


def _error_text(body: bytes) -> str:
    try:
        parsed = json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace")[:ERROR_BODY_CHARS]
    error = parsed.get("error") if isinstance(parsed, dict) else None
    if isinstance(error, dict) and error.get("message"):
        return str(error["message"])[:ERROR_BODY_CHARS]
    return str(parsed)[:ERROR_BODY_CHARS]


class OpenAIChatModel:
    def __init__(
        self,
        *,
        tools: ToolRegistry,
        base_url: str,
        model: str,
        api_key: str | None = None,
        http: httpx.AsyncClient | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    ) -> None:
        self._tools = tools
        self._base_url = base_url.rstrip("/")
        self._model = model
        self._api_key = api_key
        self._timeout = timeout
        self._owns_http = http is None
        self._http = http or httpx.AsyncClient(timeout=timeout)

    @property
    def model_name(self) -> str:
        return f"openai:{self._model}"

    async def aclose(self) -> None:
        """Close the HTTP client if this model created it (not one it was handed)."""
        if self._owns_http:
            await self._http.aclose()

    def _request(self, conversation: Conversation) -> httpx.Request:
        headers = {"Accept": "text/event-stream"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        body: dict[str, Any] = {
            "model": self._model,
            "messages": chat_messages(conversation, self._tools),
            "stream": True,
        }
        if len(self._tools):
            body["tools"] = self._tools.function_specs()
            body["tool_choice"] = "auto"
        return self._http.build_request(
            "POST",
            f"{self._base_url}/chat/completions",
            json=body,
            headers=headers,
            timeout=self._timeout,
        )

    async def _open(self, conversation: Conversation) -> httpx.Response:
        try:
            response = await self._http.send(self._request(conversation), stream=True)
        except httpx.HTTPError as exc:
            raise _failure(exc, self._base_url) from None
        if response.status_code >= 400:
            try:
                body = await response.aread()
            finally:
                await response.aclose()
            raise ModelError(
                f"The model endpoint answered HTTP {response.status_code}: {_error_text(body)}"
            )
        return response

    async def turn(self, conversation: Conversation) -> ModelTurn:
        response = await self._open(conversation)
        assembler = ToolCallAssembler()
        pieces: list[str] = []
        try:
            async for delta in chunk_deltas(response.aiter_lines()):
                for fragment in delta.tool_fragments:
                    assembler.add(fragment)
                if delta.content:
                    pieces.append(delta.content)
        except httpx.HTTPError as exc:
            raise _failure(exc, self._base_url) from None
        finally:
            await response.aclose()
        if assembler:
            return self._tool_turn(assembler, "".join(pieces))
        if not pieces:
            raise ModelError("The model ended its reply without an answer or a tool call.")
        return ModelTurn(answer=_replay(pieces))

    def _tool_turn(self, assembler: ToolCallAssembler, thought: str) -> ModelTurn:
        plan: list[PlanItem] = []
        calls: list[ToolCall] = []
        for call_id, name, arguments in assembler.calls():
            step_id = f"step-{call_id}"
            description = self._tools.get(name).description if name in self._tools else name
            plan.append(PlanItem(id=step_id, title=name, description=description))
            calls.append(ToolCall(call_id, name, arguments, step_id))
        return ModelTurn(thought=thought.strip() or None, plan=plan, tool_calls=calls)


async def _replay(pieces: list[str]) -> AsyncIterator[str]:
    for piece in pieces:
        yield piece
