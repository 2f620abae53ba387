"""The openai provider against a local scripted chat-completions server on loopback."""

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest

from aura.agent.llm.base import Conversation, ModelError, ToolCall, ToolOutcome
from aura.agent.llm.openai import OpenAIChatModel
from tests.agent.tools.declared import declared_mail_tools
from tests.support.openai_server import (
    ErrorReply,
    ScriptedOpenAI,
    StreamReply,
    scripted_openai,
    text_reply,
    text_then_tool_call_reply,
    tool_call_reply,
    tool_call_with_text_reply,
)


@pytest.fixture
async def server() -> AsyncIterator[ScriptedOpenAI]:
    async with scripted_openai() as scripted:
        yield scripted


@pytest.fixture
async def model(server: ScriptedOpenAI) -> AsyncIterator[OpenAIChatModel]:
    chat = OpenAIChatModel(
        tools=declared_mail_tools(), base_url=server.base_url, model="scripted-1", api_key="sk-test"
    )
    try:
        yield chat
    finally:
        await chat.aclose()


def conversation(prompt: str = "메일 3개를 삭제해주세요", **page: object) -> Conversation:
    return Conversation(prompt=prompt, language="ko", page=dict(page))


async def test_tool_call_fragments_are_assembled(server: ScriptedOpenAI, model: OpenAIChatModel):
    server.script(
        tool_call_reply(
            ("call_a", "list_messages", ['{"fol', 'der": "inbox",', ' "limit": 3}']),
            ("call_b", "search_messages", ['{"sender": "김', '철수"}']),
        )
    )
    turn = await model.turn(conversation())
    assert turn.answer is None
    assert turn.tool_calls == [
        ToolCall("call_a", "list_messages", {"folder": "inbox", "limit": 3}, "step-call_a"),
        ToolCall("call_b", "search_messages", {"sender": "김철수"}, "step-call_b"),
    ]
    assert [item.id for item in turn.plan] == ["step-call_a", "step-call_b"]


async def test_request_carries_tools_messages_and_key(
    server: ScriptedOpenAI, model: OpenAIChatModel
):
    server.script(text_reply("ok"))
    turn = await model.turn(conversation(itemId="msg-7", selectedItemIds=["msg-1"]))
    assert turn.answer is not None
    assert [piece async for piece in turn.answer] == ["ok"]
    body, headers = server.requests[0], server.headers[0]
    assert headers["authorization"] == "Bearer sk-test"
    assert body["model"] == "scripted-1" and body["stream"] is True
    names = {spec["function"]["name"] for spec in body["tools"]}
    assert names == {tool.name for tool in declared_mail_tools()}
    system, user = body["messages"][0], body["messages"][-1]
    assert system["role"] == "system" and "msg-7" in system["content"]
    assert "Korean" in system["content"] and "delete_messages" in system["content"]
    assert user == {"role": "user", "content": "메일 3개를 삭제해주세요"}


async def test_content_deltas_are_streamed_in_order(server: ScriptedOpenAI, model: OpenAIChatModel):
    server.script(text_reply("메일 ", "3개를 ", "휴지통으로 ", "옮겼습니다."))
    turn = await model.turn(conversation())
    assert turn.answer is not None and not turn.tool_calls
    pieces = [piece async for piece in turn.answer]
    assert pieces == ["메일 ", "3개를 ", "휴지통으로 ", "옮겼습니다."]


async def test_outcomes_are_sent_back_as_tool_messages(
    server: ScriptedOpenAI, model: OpenAIChatModel
):
    server.script(text_reply("done"))
    talk = conversation()
    listed = ToolCall("call_1", "list_messages", {"limit": 3}, "step-call_1")
    deleting = ToolCall("call_2", "delete_messages", {"ids": ["m1"]}, "step-call_2")
    talk.outcomes += [
        ToolOutcome(listed, "completed", result={"items": [{"id": "m1", "subject": "회의"}]}),
        ToolOutcome(deleting, "rejected", reason="중요한 메일입니다"),
    ]
    turn = await model.turn(talk)
    assert turn.answer is not None
    assert [piece async for piece in turn.answer] == ["done"]
    messages = server.requests[0]["messages"]
    assert [m["role"] for m in messages] == [
        "system", "user", "assistant", "tool", "assistant", "tool",
    ]  # fmt: skip
    assert messages[2]["tool_calls"][0]["function"]["name"] == "list_messages"
    assert json.loads(messages[3]["content"])["result"]["items"][0]["subject"] == "회의"
    assert messages[5]["tool_call_id"] == "call_2"
    rejected = json.loads(messages[5]["content"])
    assert rejected == {"status": "rejected", "reason": "중요한 메일입니다", "executed": False}


async def test_http_error_becomes_model_error(server: ScriptedOpenAI, model: OpenAIChatModel):
    server.script(ErrorReply(429, {"error": {"message": "Rate limit reached"}}))
    with pytest.raises(ModelError, match=r"HTTP 429: Rate limit reached"):
        await model.turn(conversation())


async def test_malformed_chunk_becomes_model_error(server: ScriptedOpenAI, model: OpenAIChatModel):
    server.script(StreamReply(chunks=[], raw_lines=["data: {not json"]))
    with pytest.raises(ModelError, match="malformed"):
        await model.turn(conversation())


async def test_invalid_tool_arguments_become_model_error(
    server: ScriptedOpenAI, model: OpenAIChatModel
):
    server.script(tool_call_reply(("call_x", "list_messages", ['{"limit": '])))
    with pytest.raises(ModelError, match="not valid JSON"):
        await model.turn(conversation())


async def test_empty_reply_becomes_model_error(server: ScriptedOpenAI, model: OpenAIChatModel):
    server.script(StreamReply(chunks=[]))
    with pytest.raises(ModelError, match="without an answer"):
        await model.turn(conversation())


async def test_unreachable_endpoint_becomes_model_error():
    from tests.support.ports import free_port

    base_url = f"http://127.0.0.1:{free_port()}/v1"
    async with httpx.AsyncClient() as http:
        chat = OpenAIChatModel(tools=declared_mail_tools(), base_url=base_url, model="m", http=http)
        with pytest.raises(ModelError, match="could not be reached"):
            await chat.turn(conversation())


async def test_text_beside_the_first_call_is_the_thought_and_every_call_is_kept(
    server: ScriptedOpenAI, model: OpenAIChatModel
):
    server.script(
        tool_call_with_text_reply(
            "I'll delete the 3 newest mails.",
            ("call_d", "delete_messages", ['{"ids": ["m1", ', '"m2", "m3"]}']),
            ("call_e", "list_messages", ['{"folder": "trash"}']),
        )
    )
    turn = await model.turn(conversation())
    assert turn.answer is None
    assert turn.thought == "I'll delete the 3 newest mails."
    assert turn.tool_calls == [
        ToolCall("call_d", "delete_messages", {"ids": ["m1", "m2", "m3"]}, "step-call_d"),
        ToolCall("call_e", "list_messages", {"folder": "trash"}, "step-call_e"),
    ]


async def test_tool_calls_after_answer_text_are_refused_not_run(
    server: ScriptedOpenAI, model: OpenAIChatModel
):
    server.script(
        text_then_tool_call_reply(
            ["I'll delete ", "the 3 newest mails."],
            ("call_d", "delete_messages", ['{"ids": ["m1", ', '"m2", "m3"]}']),
        )
    )
    turn = await model.turn(conversation())
    assert turn.tool_calls == [] and turn.answer is not None
    received: list[str] = []
    with pytest.raises(ModelError, match="after it had begun answering"):
        async for piece in turn.answer:
            received.append(piece)
    assert received == ["I'll delete ", "the 3 newest mails."]


async def test_the_answer_streams_before_the_model_finishes_writing(
    server: ScriptedOpenAI, model: OpenAIChatModel
):
    # The server sends the role chunk and the first word, then holds the rest of the reply
    # until the test has seen that first word come out of the provider.
    gate = asyncio.Event()
    reply = text_reply("Three ", "mails ", "match.")
    reply.gate, reply.gate_after, reply.pause = gate, 2, 0.05  # a model writing slowly
    server.script(reply)
    turn = await model.turn(conversation("how many mails match?"))
    assert turn.answer is not None
    first = await anext(turn.answer)
    assert first == "Three " and not gate.is_set()
    gate.set()
    assert [piece async for piece in turn.answer] == ["mails ", "match."]


async def test_an_answer_abandoned_midway_closes_the_response(
    server: ScriptedOpenAI, model: OpenAIChatModel
):
    server.script(text_reply("one ", "two ", "three"), text_reply("again"))
    turn = await model.turn(conversation())
    assert turn.answer is not None
    assert await anext(turn.answer) == "one "
    await turn.answer.aclose()  # type: ignore[attr-defined]
    # the connection went back to the pool: the next turn is served
    second = await model.turn(conversation())
    assert second.answer is not None
    assert [piece async for piece in second.answer] == ["again"]
