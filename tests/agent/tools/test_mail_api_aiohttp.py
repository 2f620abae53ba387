"""The agent's mail client over aiohttp (what `open_apps` builds): the same answers and the same
retry rule as over httpx. A read, or a change carrying its idempotency key, goes out once more
when the pooled connection it went out on had been closed; a change without a key is not
repeated; a service that is not there, or answers with something unreadable, is a `ToolFailure`.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
import pytest
from fastapi import FastAPI

from aura.agent.tools.apps import open_apps
from aura.agent.tools.base import ToolContext, ToolFailure
from aura.agent.tools.browsing import ListArgs
from aura.agent.tools.mail_api import MailClient
from aura.mail_service.demo_mail import DemoMailbox
from tests.agent.tools.conftest import context_for
from tests.agent.tools.test_token_during_wait import serving
from tests.gateway.test_replicas import flaky_upstream
from tests.support.ports import free_port

from .test_mail_api_retry import LISTING, caller_context


@asynccontextmanager
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http:
        yield http


async def test_a_read_on_a_closed_connection_is_sent_again() -> None:
    async with flaky_upstream(LISTING) as (url, upstream), session() as http:
        for _ in range(3):
            assert await MailClient(http, url).list(caller_context(), {}) == LISTING["data"]
    assert upstream.requests == ["GET", "GET", "GET"]


async def test_a_keyed_change_is_sent_again_and_an_unkeyed_one_is_not() -> None:
    async with flaky_upstream(LISTING) as (url, upstream), session() as http:
        mail = MailClient(http, url)
        await mail.post(caller_context(), "delete", {"ids": ["m1"]}, "move the mails")
        await mail.post(caller_context("req_0123456789abcdef"), "delete", {"ids": ["m1"]}, "move")
        with pytest.raises(ToolFailure, match="could not be reached"):
            await mail.post(caller_context(), "delete", {"ids": ["m1"]}, "move the mails")
    assert upstream.requests == ["POST", "POST"]


async def test_a_service_that_is_not_there_is_a_tool_failure() -> None:
    async with session() as http:
        mail = MailClient(http, f"http://127.0.0.1:{free_port()}")
        with pytest.raises(ToolFailure, match="could not be reached"):
            await mail.list(caller_context(), {})


async def test_an_answer_that_is_not_an_envelope_is_a_tool_failure() -> None:
    async with flaky_upstream(["not", "an", "envelope"]) as (url, _), session() as http:
        with pytest.raises(ToolFailure, match="could not read"):
            await MailClient(http, url).list(caller_context(), {})


class MailSettings:
    def __init__(self, url: str) -> None:
        self.mail_url = url
        self.mail_timeout_seconds = 10.0


@pytest.mark.db
async def test_the_agents_tools_read_and_change_the_real_mail_service(
    mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    ctx: ToolContext = context_for(mailbox)
    async with serving(mail_app) as url, open_apps(MailSettings(url)) as tools:
        listing = tools.get("list_messages")
        page = await listing.run(ListArgs(limit=2), ctx)
        assert len(page["items"]) == 2 and page["total"] >= 2
        ids = [item["id"] for item in page["items"]]
        deleting = tools.get("delete_messages")
        done = await deleting.run(deleting.parse({"ids": ids[:1]}), ctx)
        assert done, done
        with pytest.raises(ToolFailure):
            await tools.get("read_message").run(
                tools.get("read_message").parse({"id": "no-such-mail"}), ctx
            )
