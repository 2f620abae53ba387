"""The mail tools against the real mail service (app + lifespan + database, over ASGI)."""

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from aura.agent.tools.apps import mail_tools
from aura.agent.tools.base import Tool, ToolContext, ToolFailure
from aura.agent.tools.mail_api import MailClient
from aura.agent.tools.registry import ToolRegistry
from aura.contracts.identity import Caller
from aura.mail_service.demo_mail import DemoMailbox
from tests.agent.tools.conftest import context_for
from tests.mail_service.mailboxes import fresh_mailbox, newest_first, rows_by_id
from tests.support.identity import token_for
from tests.support.ports import free_port

pytestmark = pytest.mark.db


async def call(
    tools: ToolRegistry, name: str, params: dict[str, Any], ctx: ToolContext
) -> dict[str, Any]:
    tool: Tool[Any] = tools.get(name)
    return await tool.run(tool.parse(params), ctx)


async def inbox_ids(app: FastAPI, mailbox: DemoMailbox, **where: Any) -> list[str]:
    rows = [
        row
        for row in (await rows_by_id(app, mailbox)).values()
        if row.folder == "inbox" and all(getattr(row, k) == v for k, v in where.items())
    ]
    return newest_first(rows)


async def test_list_newest_and_oldest(
    tools: ToolRegistry, mail_app: FastAPI, mailbox: DemoMailbox, ctx: ToolContext
):
    expected = await inbox_ids(mail_app, mailbox)
    assert len(expected) >= 4, "the demo inbox should hold a few mails"
    newest = await call(tools, "list_messages", {"limit": 3}, ctx)
    assert [item["id"] for item in newest["items"]] == expected[:3]
    assert newest["total"] == len(expected)
    oldest = await call(tools, "list_messages", {"limit": 2, "order": "oldest"}, ctx)
    assert [item["id"] for item in oldest["items"]] == expected[::-1][:2]
    item = newest["items"][0]
    assert {"id", "from", "to", "subject", "snippet", "receivedAt", "read", "folder"} <= set(item)


async def test_list_unread_and_read(
    tools: ToolRegistry, mail_app: FastAPI, mailbox: DemoMailbox, ctx: ToolContext
):
    unread = await call(tools, "list_messages", {"unread": True, "limit": 100}, ctx)
    read = await call(tools, "list_messages", {"unread": False, "limit": 100}, ctx)
    assert [i["id"] for i in unread["items"]] == await inbox_ids(mail_app, mailbox, read=False)
    assert [i["id"] for i in read["items"]] == await inbox_ids(mail_app, mailbox, read=True)
    assert unread["items"] and read["items"]


async def test_search_by_sender_and_words(
    tools: ToolRegistry, mail_app: FastAPI, mailbox: DemoMailbox, ctx: ToolContext
):
    rows = await rows_by_id(mail_app, mailbox)
    sample = next(row for row in rows.values() if row.folder == "inbox")
    found = await call(
        tools, "search_messages", {"sender": sample.sender_address, "limit": 100}, ctx
    )
    assert sample.id in [item["id"] for item in found["items"]]
    assert all(sample.sender_address in item["from"] for item in found["items"])
    word = sample.subject.split()[0]
    by_words = await call(tools, "search_messages", {"words": word, "limit": 100}, ctx)
    assert sample.id in [item["id"] for item in by_words["items"]]


async def test_read_message_and_unknown_id(
    tools: ToolRegistry, mail_app: FastAPI, mailbox: DemoMailbox, ctx: ToolContext
):
    rows = await rows_by_id(mail_app, mailbox)
    message_id, row = next(iter(rows.items()))
    result = await call(tools, "read_message", {"id": message_id}, ctx)
    assert result["found"] is True and result["message"]["body"] == row.body
    with pytest.raises(ToolFailure, match="msg-does-not-exist"):
        await call(tools, "read_message", {"id": "msg-does-not-exist"}, ctx)
    missing = await call(
        tools, "read_message", {"id": "msg-does-not-exist", "missing_ok": True}, ctx
    )
    assert missing == {"id": "msg-does-not-exist", "found": False, "message": None}


async def test_delete_preview_message_and_run(
    tools: ToolRegistry, mail_app: FastAPI, mailbox: DemoMailbox, ctx: ToolContext
):
    ids = (await inbox_ids(mail_app, mailbox))[:3]
    rows = await rows_by_id(mail_app, mailbox)
    tool = tools.get("delete_messages")
    args = tool.parse({"ids": ids})
    preview = await tool.preview(args, ctx)
    assert [p["id"] for p in preview] == ids
    assert [p["subject"] for p in preview] == [rows[i].subject for i in ids]
    assert all(p["from"] and p["receivedAt"] for p in preview)
    korean = tool.approval_message(args, preview, "ko")
    assert korean.startswith("메일 3개를 휴지통으로 이동합니다: ")
    assert all(rows[i].subject in korean for i in ids)
    assert tool.approval_message(args, preview, "en").startswith("Move 3 mails to the trash: ")

    result = await tool.run(args, ctx)
    assert result["count"] == 3 and [m["id"] for m in result["messages"]] == ids
    after = await rows_by_id(mail_app, mailbox)
    assert {i for i, r in after.items() if r.folder == "trash" and rows[i].folder != "trash"} == (
        set(ids)
    )

    restored = await call(tools, "restore_messages", {"ids": ids}, ctx)
    assert restored["count"] == 3
    assert all(r.folder == "inbox" for i, r in (await rows_by_id(mail_app, mailbox)).items()
               if i in ids)  # fmt: skip


async def test_delete_of_unknown_id_changes_nothing(
    tools: ToolRegistry, mail_app: FastAPI, mailbox: DemoMailbox, ctx: ToolContext
):
    ids = [*(await inbox_ids(mail_app, mailbox))[:1], "msg-unknown-1"]
    with pytest.raises(ToolFailure, match="msg-unknown-1"):
        await call(tools, "delete_messages", {"ids": ids}, ctx)
    assert (await rows_by_id(mail_app, mailbox))[ids[0]].folder == "inbox"


async def test_mark_read(
    tools: ToolRegistry, mail_app: FastAPI, mailbox: DemoMailbox, ctx: ToolContext
):
    unread = await inbox_ids(mail_app, mailbox, read=False)
    result = await call(tools, "mark_read", {"ids": unread[:2]}, ctx)
    assert result["read"] is True and result["count"] == 2
    rows = await rows_by_id(mail_app, mailbox)
    assert all(rows[i].read for i in unread[:2])
    back = await call(tools, "mark_read", {"ids": unread[:1], "read": False}, ctx)
    assert back["count"] == 1 and not (await rows_by_id(mail_app, mailbox))[unread[0]].read


async def test_send(tools: ToolRegistry, mail_app: FastAPI, mailbox: DemoMailbox, ctx: ToolContext):
    tool = tools.get("send_message")
    args = tool.parse({"to": ["kim@example.com"], "subject": "회의 안내", "body": "10시입니다."})
    preview = await tool.preview(args, ctx)
    assert preview == {"to": ["kim@example.com"], "subject": "회의 안내", "body": "10시입니다."}
    assert tool.approval_message(args, preview, "ko") == (
        "kim@example.com에게 「회의 안내」 메일을 보냅니다."
    )
    result = await tool.run(args, ctx)
    sent = (await rows_by_id(mail_app, mailbox))[result["id"]]
    assert sent.folder == "sent" and sent.subject == "회의 안내" and sent.body == "10시입니다."


async def test_another_users_mail_is_not_found(
    tools: ToolRegistry,
    mail_app: FastAPI,
    mailbox: DemoMailbox,
    mail_http: httpx.AsyncClient,
    ctx: ToolContext,
):
    stranger = await fresh_mailbox(mail_app, tenant_id=mailbox.tenant_id)
    theirs = next(iter(await rows_by_id(mail_app, stranger)))
    with pytest.raises(ToolFailure, match="not"):
        await call(tools, "read_message", {"id": theirs}, ctx)
    assert (await rows_by_id(mail_app, stranger))[theirs].folder != "trash"


async def test_identity_headers_are_checked_by_the_mail_service(
    tools: ToolRegistry, mailbox: DemoMailbox, mail_http: httpx.AsyncClient
):
    # The token says one user, X-User-ID another: the mail service must refuse (E2001).
    caller = Caller(
        user_id="someone-else",
        tenant_id=mailbox.tenant_id,
        token=token_for(mailbox.user_id, mailbox.tenant_id),
    )
    ctx = ToolContext(caller=caller, request_id="req-1")
    with pytest.raises(ToolFailure, match="refused"):
        await call(tools, "list_messages", {}, ctx)


async def test_unreachable_mail_service_is_a_clear_failure(mailbox: DemoMailbox):
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{free_port()}") as http:
        unreachable = ToolRegistry(mail_tools(MailClient(http)))
        with pytest.raises(ToolFailure, match="could not be reached"):
            await call(unreachable, "list_messages", {}, context_for(mailbox))
