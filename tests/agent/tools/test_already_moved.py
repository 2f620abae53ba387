"""Two runs of one user preview the same newest mails and both are approved: the first moves them,
the second finds them already in the trash and says so plainly, in the tool result (`notice`,
`alreadyInTrash`, for the console and the CLI) and in the answer, never "0 mails moved"."""

from dataclasses import replace
from typing import Any

import pytest
from fastapi import FastAPI

from aura.agent.llm.base import Conversation, ToolCall, ToolOutcome
from aura.agent.llm.language import detect_language
from aura.agent.llm.offline import OfflinePlanner
from aura.agent.tools.base import ToolContext
from aura.agent.tools.registry import ToolRegistry
from aura.mail_service.demo_mail import DemoMailbox
from tests.mail_service.mailboxes import newest_first, rows_by_id

pytestmark = pytest.mark.db


async def until_approval(
    tools: ToolRegistry, conversation: Conversation, ctx: ToolContext
) -> ToolCall:
    """Plan and run the ungated calls until the planner asks for an approval."""
    planner = OfflinePlanner()
    for _ in range(10):
        turn = await planner.turn(conversation)
        conversation.announced_plan.extend(turn.plan)
        assert turn.answer is None, "the planner answered before asking to delete"
        for call in turn.tool_calls:
            tool = tools.get(call.name)
            if tool.requires_approval:
                return call
            result = await tool.run(tool.parse(call.arguments), ctx)
            conversation.outcomes.append(ToolOutcome(call, "completed", result=result))
    raise AssertionError("no gated call")


async def approve_and_answer(
    tools: ToolRegistry, conversation: Conversation, call: ToolCall, ctx: ToolContext
):
    tool = tools.get(call.name)
    result = await tool.run(tool.parse(call.arguments), ctx)
    conversation.outcomes.append(ToolOutcome(call, "completed", result=result))
    turn = await OfflinePlanner().turn(conversation)
    assert turn.answer is not None
    return result, "".join([piece async for piece in turn.answer])


@pytest.mark.parametrize(
    ("prompt", "notice"),
    [
        (
            "메일 3개를 삭제해주세요",
            "메일 3개는 이 승인이 실행되기 전에 이미 휴지통에 옮겨져 있었습니다. 옮긴 메일이 "
            "없습니다.",
        ),
        (
            "delete my 3 newest mails",
            "These 3 mails were already in the trash (moved there before this approval ran), so "
            "nothing was moved.",
        ),
    ],
)
async def test_the_second_of_two_runs_says_the_mails_were_already_in_the_trash(
    tools: ToolRegistry,
    mail_app: FastAPI,
    mailbox: DemoMailbox,
    ctx: ToolContext,
    prompt: str,
    notice: str,
):
    language = detect_language(prompt)
    ctx = replace(ctx, language=language)
    first, second = (Conversation(prompt, language) for _ in range(2))
    first_call = await until_approval(tools, first, ctx)
    second_call = await until_approval(
        tools, second, ctx
    )  # previews the same mails: none moved yet
    before = await rows_by_id(mail_app, mailbox)
    newest = newest_first([row for row in before.values() if row.folder == "inbox"])[:3]
    assert first_call.arguments["ids"] == second_call.arguments["ids"] == newest

    moved, _ = await approve_and_answer(tools, first, first_call, ctx)
    result, answer = await approve_and_answer(tools, second, second_call, ctx)

    assert moved["count"] == 3 and "notice" not in moved
    assert result["count"] == 0 and result["alreadyInTrash"] == 3
    assert [message["id"] for message in result["unchanged"]] == newest
    assert result["notice"] == notice
    assert answer == notice
    assert "0개" not in answer and "Moved 0" not in answer


async def test_some_already_moved_some_moved_now(
    tools: ToolRegistry, mail_app: FastAPI, mailbox: DemoMailbox, ctx: ToolContext
):
    rows = await rows_by_id(mail_app, mailbox)
    ids = newest_first([row for row in rows.values() if row.folder == "inbox"])[:2]
    tool = tools.get("delete_messages")
    await tool.run(tool.parse({"ids": ids[:1]}), ctx)
    result: dict[str, Any] = await tool.run(tool.parse({"ids": ids}), replace(ctx, language="en"))
    assert result["count"] == 1 and result["alreadyInTrash"] == 1
    assert result["notice"] == (
        "This mail was already in the trash (moved there before this approval ran)."
    )
