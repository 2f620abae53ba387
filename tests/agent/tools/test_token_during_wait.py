"""An approved action runs even when the caller's token expired while the run waited for the
decision: the agent signs a short-lived token for the same identity (the approval authorises
acting on the user's behalf). The mail service is the real one, on a loopback port."""

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from aura.agent.llm.base import Conversation, ModelTurn, ToolCall
from aura.agent.llm.scripted import text_deltas
from aura.mail_service.demo_mail import DemoMailbox
from tests.agent.harness import SseTranscript, agent_settings, decide, read_stream, running_agent
from tests.mail_service.mailboxes import newest_first, rows_by_id
from tests.support.identity import token_for
from tests.support.ports import free_port

pytestmark = pytest.mark.db


@asynccontextmanager
async def serving(app: FastAPI) -> AsyncIterator[str]:
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


class DeleteThenAnswer:
    def __init__(self, ids: list[str]) -> None:
        self._ids = ids

    @property
    def model_name(self) -> str:
        return "scripted"

    async def turn(self, conversation: Conversation) -> ModelTurn:
        if conversation.outcomes:
            return ModelTurn(answer=text_deltas(str(conversation.outcomes[-1].result)))
        call = ToolCall("call-1", "delete_messages", {"ids": self._ids}, "step-1")
        return ModelTurn(tool_calls=[call])


async def test_an_approved_action_runs_after_the_callers_token_expired(
    redis_url, database_url, redis, mail_app: FastAPI, mailbox: DemoMailbox
):
    before = await rows_by_id(mail_app, mailbox)
    ids = newest_first([r for r in before.values() if r.folder == "inbox"])[:2]
    token = token_for(mailbox.user_id, mailbox.tenant_id, lifetime_seconds=2)
    expires = time.time() + 2
    headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": mailbox.tenant_id}
    async with serving(mail_app) as mail_url:
        settings = agent_settings(redis_url, database_url, mail_url=mail_url)
        model = DeleteThenAnswer(ids)
        async with (
            running_agent(settings, lambda *_: model, None) as agent,
            httpx.AsyncClient(timeout=60) as http,
            http.stream(
                "POST", f"{agent.url}/aura/test/stream", json={"prompt": "delete"}, headers=headers
            ) as response,
        ):
            transcript = SseTranscript()
            await read_stream(response, transcript, until=lambda e: e.type == "hitl")
            hitl = transcript.events[-1].payload
            assert [item["id"] for item in hitl["preview"]] == ids  # read with the token
            while time.time() <= expires + 1:
                await asyncio.sleep(0.2)
            refused = await http.get(f"{mail_url}/mail/messages", headers=headers)
            assert refused.status_code == 401  # the caller's own token is dead now
            await decide(redis, hitl["requestId"], "approved")
            await read_stream(response, transcript)
    executed = [e.payload for e in transcript.of("tool_execution")]
    assert executed[-1]["status"] == "completed", executed[-1]
    assert transcript.of("end")[0].payload["status"] == "completed" and transcript.done
    after = await rows_by_id(mail_app, mailbox)
    assert {i for i in ids if after[i].folder == "trash"} == set(ids)
