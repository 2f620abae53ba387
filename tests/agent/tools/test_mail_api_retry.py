"""The agent's mail client on a pooled connection the mail service has just closed: a read, or a
change carrying its idempotency key, goes out once more on a new connection; a change without a
key is not repeated (the mail service may have acted on it)."""

import httpx
import pytest

from aura.agent.tools.base import ToolContext, ToolFailure
from aura.agent.tools.mail_api import MailClient
from aura.contracts.identity import Caller
from tests.gateway.test_replicas import flaky_upstream

CALLER = Caller(user_id="user123", tenant_id="tenant1", token="t")
LISTING = {"success": True, "data": {"items": [], "total": 0}}


def caller_context(key: str | None = None) -> ToolContext:
    return ToolContext(caller=CALLER, request_id="r", idempotency_key=key)


async def test_a_read_on_a_closed_connection_is_sent_again() -> None:
    async with (
        flaky_upstream(LISTING) as (url, upstream),
        httpx.AsyncClient(base_url=url) as client,
    ):
        for _ in range(3):
            assert await MailClient(client).list(caller_context(), {}) == LISTING["data"]
    assert upstream.requests == ["GET", "GET", "GET"]


async def test_a_keyed_change_is_sent_again_and_an_unkeyed_one_is_not() -> None:
    async with (
        flaky_upstream(LISTING) as (url, upstream),
        httpx.AsyncClient(base_url=url) as client,
    ):
        mail = MailClient(client)
        await mail.post(caller_context(), "delete", {"ids": ["m1"]}, "move the mails")
        await mail.post(caller_context("req_0123456789abcdef"), "delete", {"ids": ["m1"]}, "move")
        with pytest.raises(ToolFailure):
            await mail.post(caller_context(), "delete", {"ids": ["m1"]}, "move the mails")
    assert upstream.requests == ["POST", "POST"]
