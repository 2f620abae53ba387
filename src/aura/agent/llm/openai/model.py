"""`LLM_PROVIDER=openai`: a streaming chat-completions client with tool calling.

A turn opens one streaming request and decides what the reply is from its first delta that
tells: a tool-call fragment makes it a tool turn (read to the end, every call assembled, any text
beside them the thought); text makes it an answer, handed to the runtime at once and streamed
delta by delta as the model writes it, so the first `content` event follows the model's first
token rather than its last. A model that writes text and then asks for a tool in the same reply
(the protocol allows it) has by then shown that text as its answer: the late calls are refused
with a `ModelError`, never run behind the user's back, and the system prompt asks models not to
do it. The answer iterator owns the HTTP response and closes it when it ends.
"""

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from aura.agent.llm.base import Conversation, ModelError, ModelTurn, PlanItem, ToolCall
from aura.agent.llm.openai.messages import chat_messages
from aura.agent.llm.openai.stream import Delta, ToolCallAssembler, chunk_deltas
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
        deltas = chunk_deltas(response.aiter_lines())
        handed_over = False
        try:
            async for delta in deltas:
                if delta.tool_fragments:
                    return await self._read_tool_turn(deltas, delta)
                if delta.content:
                    handed_over = True
                    return ModelTurn(answer=self._answer(response, deltas, delta.content))
        except httpx.HTTPError as exc:
            raise _failure(exc, self._base_url) from None
        finally:
            if not handed_over:
                await response.aclose()
        raise ModelError("The model ended its reply without an answer or a tool call.")

    async def _read_tool_turn(self, deltas: AsyncIterator[Delta], first: Delta) -> ModelTurn:
        """A tool turn: every call's fragments to the end; any text alongside is the thought."""
        assembler = ToolCallAssembler()
        pieces = [first.content]
        for fragment in first.tool_fragments:
            assembler.add(fragment)
        async for delta in deltas:
            pieces.append(delta.content)
            for fragment in delta.tool_fragments:
                assembler.add(fragment)
        return self._tool_turn(assembler, "".join(pieces))

    async def _answer(
        self, response: httpx.Response, deltas: AsyncIterator[Delta], first: str
    ) -> AsyncIterator[str]:
        """The answer, each delta passed on as it arrives; the response closes when it ends."""
        try:
            yield first
            async for delta in deltas:
                if delta.tool_fragments:
                    # The text already went to the user as the answer: running tools now would
                    # act behind an answer that did not mention them, so the calls are refused.
                    raise ModelError(
                        "The model asked for a tool after it had begun answering; nothing was "
                        "run. Ask again."
                    )
                if delta.content:
                    yield delta.content
        except httpx.HTTPError as exc:
            raise _failure(exc, self._base_url) from None
        finally:
            await response.aclose()

    def _tool_turn(self, assembler: ToolCallAssembler, thought: str) -> ModelTurn:
        plan: list[PlanItem] = []
        calls: list[ToolCall] = []
        for call_id, name, arguments in assembler.calls():
            step_id = f"step-{call_id}"
            description = self._tools.get(name).description if name in self._tools else name
            plan.append(PlanItem(id=step_id, title=name, description=description))
            calls.append(ToolCall(call_id, name, arguments, step_id))
        return ModelTurn(thought=thought.strip() or None, plan=plan, tool_calls=calls)
