"""The `openai` provider through the whole agent: runtime, approval gate, event log and SSE, with
the agent on uvicorn and a scripted chat-completions server standing in for the LLM."""

import json

import pytest

from aura.agent.llm.openai import OpenAIChatModel
from aura.agent.tools.registry import ToolRegistry
from tests.agent.harness import SseTranscript, agent_settings, decide, read_stream, running_agent
from tests.agent.items import DeleteItems, Journal, ListItems
from tests.support.identity import auth_headers
from tests.support.openai_server import (
    scripted_openai,
    text_reply,
    tool_call_with_text_reply,
)

pytestmark = pytest.mark.db


def subsequence(types: list[str], expected: list[str]) -> bool:
    position = 0
    for kind in types:
        if position < len(expected) and kind == expected[position]:
            position += 1
    return position == len(expected)


async def test_an_openai_tool_call_goes_through_the_gate_and_the_answer_streams(
    redis_url, database_url, redis, http, journal: Journal
):
    tools = ToolRegistry([ListItems(journal), DeleteItems(journal)])
    async with scripted_openai() as server:
        server.script(
            # a sentence beside the call in one reply: the thought, and the call is kept
            tool_call_with_text_reply(
                "항목 2개를 삭제하겠습니다.",
                ("call_1", "delete_items", ['{"ids": ["m1",', ' "m3"]}']),
            ),
            text_reply("삭제했습니다: ", "주간 회의록, ", "점심 메뉴 투표"),
        )

        def model_factory(settings, _tools, model_http):
            return OpenAIChatModel(
                tools=tools, base_url=server.base_url, model="scripted-1", http=model_http
            )

        settings = agent_settings(redis_url, database_url)
        async with (
            running_agent(settings, model_factory, tools) as agent,
            http.stream(
                "POST",
                f"{agent.url}/aura/test/stream",
                json={"prompt": "메일 2개를 삭제해주세요"},
                headers=auth_headers(),
            ) as response,
        ):
            transcript = SseTranscript()
            await read_stream(response, transcript, until=lambda e: e.type == "hitl")
            hitl = transcript.events[-1].payload
            assert hitl["actionType"] == "delete_items"
            assert hitl["params"] == {"ids": ["m1", "m3"]}
            assert journal.runs == []
            await decide(redis, hitl["requestId"], "approved")
            await read_stream(response, transcript)

    types = transcript.types()
    assert transcript.events[0].payload["model"] == "openai:scripted-1"
    assert subsequence(
        types,
        ["start", "thought", "plan_step", "plan_step_update", "hitl", "plan_step_update",
         "tool_call_start", "tool_execution", "content", "content", "content", "end"],
    )  # fmt: skip
    assert transcript.of("thought")[0].payload["content"] == "항목 2개를 삭제하겠습니다."
    tool = [e.payload for e in transcript.of("tool_execution")]
    assert [t["status"] for t in tool] == ["completed"]
    assert tool[0]["result"]["deleted"][0]["subject"] == "주간 회의록"
    contents = transcript.of("content")
    assert [c.payload["content"] for c in contents] == [
        "삭제했습니다: ", "주간 회의록, ", "점심 메뉴 투표",
    ]  # fmt: skip
    assert contents[-1].payload["chunk"] is False
    assert transcript.of("end")[0].payload["status"] == "completed"
    assert types[-1] == "end" and transcript.done
    assert journal.of("delete_items") == [{"ids": ["m1", "m3"]}]
    # the model was told what the tool returned
    tool_message = server.requests[1]["messages"][-1]
    assert tool_message["role"] == "tool" and tool_message["tool_call_id"] == "call_1"
    assert json.loads(tool_message["content"])["status"] == "completed"
