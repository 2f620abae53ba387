"""The real mail service, in-process, with demo mailboxes that are reset before every request.

Every request of the evaluation runs on the same demo mail (the seed is fixed by the mailbox and
the moment of seeding), so a request that moved mails to the trash does not change what the next
one sees. The planner is driven as the runtime drives it: each tool call runs through the real
tool against the mail service, and every approval-gated call is approved.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import delete, select

from aura.agent.llm.base import ChatModel, Conversation, ToolCall, ToolOutcome
from aura.agent.llm.language import detect_language
from aura.agent.tools.apps import mail_tools
from aura.agent.tools.base import ToolContext, ToolFailure
from aura.agent.tools.mail_api import MailClient
from aura.agent.tools.registry import ToolRegistry
from aura.contracts.identity import Caller
from aura.mail_service.app import create_app
from aura.mail_service.demo_mail import DemoMailbox
from aura.mail_service.models import MailMessage, SeededMailbox
from aura.mail_service.seed import DEMO_MAILBOXES, seed_mailbox
from aura.mail_service.settings import Settings
from tests.support.apps import asgi_client, started
from tests.support.identity import token_for

SEEDED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MAX_TURNS = 12
MAILBOXES = {box.user_id: box for box in DEMO_MAILBOXES}


@dataclass
class Run:
    calls: list[ToolCall] = field(default_factory=list)
    outcomes: list[ToolOutcome] = field(default_factory=list)
    approvals: list[str] = field(default_factory=list)
    """Names of the calls that went through the approval gate, in order."""
    answer: str = ""
    thought: str = ""


@dataclass(frozen=True)
class Folders:
    """A mailbox's mail ids per folder, newest first, as the demo seed writes them."""

    inbox: list[str]
    sent: list[str]
    trash: list[str]
    rows: dict[str, MailMessage]


class Mailroom:
    def __init__(self, app: FastAPI, http: httpx.AsyncClient) -> None:
        self.app, self.http = app, http
        self.tools = ToolRegistry(mail_tools(MailClient(http)))
        """The mail tools as the agent's lifespan builds them, over this mail service."""

    def _sessions(self) -> Any:
        return self.app.state.resources.mailbox.sessions

    async def reset(self, mailbox: DemoMailbox) -> Folders:
        sessions = self._sessions()
        async with sessions.begin() as session:
            await session.execute(
                delete(MailMessage).where(
                    MailMessage.tenant_id == mailbox.tenant_id,
                    MailMessage.user_id == mailbox.user_id,
                )
            )
            await session.execute(
                delete(SeededMailbox).where(
                    SeededMailbox.tenant_id == mailbox.tenant_id,
                    SeededMailbox.user_id == mailbox.user_id,
                )
            )
        colleagues = [box for box in DEMO_MAILBOXES if box.tenant_id == mailbox.tenant_id]
        await seed_mailbox(sessions, mailbox, colleagues, SEEDED_AT)
        return await self.folders(mailbox)

    async def folders(self, mailbox: DemoMailbox) -> Folders:
        async with self._sessions()() as session:
            query = select(MailMessage).where(
                MailMessage.tenant_id == mailbox.tenant_id, MailMessage.user_id == mailbox.user_id
            )
            rows = list((await session.scalars(query)).all())
        ordered = sorted(rows, key=lambda r: (r.received_at, r.id), reverse=True)

        def of(folder: str) -> list[str]:
            return [row.id for row in ordered if row.folder == folder]

        return Folders(of("inbox"), of("sent"), of("trash"), {row.id: row for row in rows})

    def context(self, mailbox: DemoMailbox, page: dict[str, Any]) -> ToolContext:
        caller = Caller(
            user_id=mailbox.user_id,
            tenant_id=mailbox.tenant_id,
            token=token_for(mailbox.user_id, mailbox.tenant_id),
        )
        return ToolContext(caller=caller, request_id="req-eval", page=page)


async def drive(
    model: ChatModel, tools: ToolRegistry, ctx: ToolContext, prompt: str, page: dict[str, Any]
) -> Run:
    """One request through the model and the real tools, approving every gated call."""
    conversation = Conversation(prompt, detect_language(prompt), dict(page))
    run = Run()
    for _ in range(MAX_TURNS):
        turn = await model.turn(conversation)
        conversation.announced_plan.extend(turn.plan)
        if turn.thought and not run.thought:
            run.thought = turn.thought
        if turn.answer is not None:
            run.answer = "".join([piece async for piece in turn.answer])
            run.outcomes = conversation.outcomes
            return run
        for call in turn.tool_calls:
            run.calls.append(call)
            tool = tools.get(call.name)
            if tool.requires_approval:
                run.approvals.append(call.name)
            try:
                result = await tool.run(tool.parse(call.arguments), ctx)
            except ToolFailure as exc:
                conversation.outcomes.append(ToolOutcome(call, "failed", error=str(exc)))
                continue
            conversation.outcomes.append(ToolOutcome(call, "completed", result=result))
    raise AssertionError(f"no answer after {MAX_TURNS} turns: {prompt!r}")


@asynccontextmanager
async def mailroom(database_url: str, jwt_secret: str) -> AsyncIterator[Mailroom]:
    settings = Settings(jwt_secret=jwt_secret, database_url=database_url, seed_demo_mail=False)
    async with (
        started(create_app(settings)) as app,
        asgi_client(app, "http://mail.eval") as http,
    ):
        yield Mailroom(app, http)
