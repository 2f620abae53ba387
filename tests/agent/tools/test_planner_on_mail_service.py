"""The offline planner calling the real tools against the real mail service, approving every
gated call: what the runtime does on the approval path, minus the runtime."""

from typing import Any

import pytest
from fastapi import FastAPI

from aura.agent.llm.base import Conversation, ToolOutcome
from aura.agent.llm.language import detect_language
from aura.agent.llm.offline import OfflinePlanner
from aura.agent.llm.offline.summaries import key_sentences
from aura.agent.tools.base import ToolContext
from aura.agent.tools.registry import ToolRegistry
from aura.mail_service.demo_mail import DemoMailbox
from tests.mail_service.mailboxes import mailbox_with_the_same_mail, newest_first, rows_by_id

pytestmark = pytest.mark.db


@pytest.fixture
async def mailbox(mail_app: FastAPI) -> DemoMailbox:
    """The same mail on every run: what the planner answers depends on the mail itself."""
    return await mailbox_with_the_same_mail(mail_app)


async def run_prompt(
    tools: ToolRegistry, prompt: str, ctx: ToolContext, page: dict[str, Any] | None = None
) -> tuple[str, list[ToolOutcome], list[Any]]:
    planner = OfflinePlanner(tools)
    conversation = Conversation(prompt, detect_language(prompt), page or {})
    previews: list[Any] = []
    for _ in range(10):
        turn = await planner.turn(conversation)
        conversation.announced_plan.extend(turn.plan)
        if turn.answer is not None:
            return "".join([d async for d in turn.answer]), conversation.outcomes, previews
        for call in turn.tool_calls:
            tool = tools.get(call.name)
            args = tool.parse(call.arguments)
            if tool.requires_approval:
                previews.append(await tool.preview(args, ctx))
            result = await tool.run(args, ctx)
            conversation.outcomes.append(ToolOutcome(call, "completed", result=result))
    raise AssertionError("no answer")


async def test_seed_scenario_deletes_the_three_newest(
    tools: ToolRegistry, mail_app: FastAPI, mailbox: DemoMailbox, ctx: ToolContext
):
    before = await rows_by_id(mail_app, mailbox)
    newest = newest_first([r for r in before.values() if r.folder == "inbox"])[:3]
    answer, _, previews = await run_prompt(tools, "메일 3개를 삭제해주세요", ctx)
    assert [p["id"] for p in previews[0]] == newest
    after = await rows_by_id(mail_app, mailbox)
    moved = {i for i in after if after[i].folder != before[i].folder}
    assert moved == set(newest) and all(after[i].folder == "trash" for i in newest)
    assert answer.startswith("메일 3개를 휴지통으로 이동했습니다")
    assert all(before[i].subject in answer for i in newest)


async def test_unread_listing_and_summary_come_from_the_mailbox(
    tools: ToolRegistry, mail_app: FastAPI, mailbox: DemoMailbox, ctx: ToolContext
):
    rows = await rows_by_id(mail_app, mailbox)
    unread = newest_first([r for r in rows.values() if r.folder == "inbox" and not r.read])
    answer, _, _ = await run_prompt(tools, "show my unread emails", ctx)
    assert answer.startswith(f"{len(unread)} matching mail")
    assert all(rows[i].subject in answer for i in unread[:10])

    item = unread[0]
    summary, _, _ = await run_prompt(tools, "이 메일 요약해줘", ctx, {"itemId": item})
    assert rows[item].subject in summary
    # Extractive: the mail's own key sentences, word for word, and not its greeting line.
    for sentence in key_sentences(rows[item].body):
        assert sentence[:20] in summary
    # A newsletter opens with a heading, which is content; a letter's opening line is a greeting.
    opening = rows[item].body.split("\n")[0].strip()
    if not any(sentence.startswith(opening) for sentence in key_sentences(rows[item].body)):
        assert all(not line.strip(" •-").startswith(opening) for line in summary.splitlines()[1:])


async def test_mark_all_unread_as_read(
    tools: ToolRegistry, mail_app: FastAPI, mailbox: DemoMailbox, ctx: ToolContext
):
    answer, outcomes, _ = await run_prompt(tools, "안 읽은 메일 모두 읽음으로 표시해줘", ctx)
    rows = await rows_by_id(mail_app, mailbox)
    assert all(r.read for r in rows.values() if r.folder == "inbox")
    assert answer.startswith(f"메일 {outcomes[-1].result['count']}개를 읽음으로 표시했습니다")  # type: ignore[index]
