"""Delete to trash, restore, mark read, send: what the API answers and what the database holds."""

import uuid

import httpx
import pytest
from fastapi import FastAPI

from aura.mail_service.demo_mail import DemoMailbox
from tests.mail_service.mailboxes import headers_for, rows_by_id, rows_of
from tests.support.identity import auth_headers

pytestmark = pytest.mark.db


async def post(
    client: httpx.AsyncClient, mailbox: DemoMailbox, action: str, body: object
) -> httpx.Response:
    return await client.post(f"/mail/messages/{action}", json=body, headers=headers_for(mailbox))


async def in_folder(app: FastAPI, mailbox: DemoMailbox, folder: str) -> list[str]:
    rows = await rows_of(app, mailbox.tenant_id, mailbox.user_id)
    return sorted((r.id for r in rows if r.folder == folder), key=lambda i: i)


async def test_delete_moves_to_trash_and_restore_puts_back(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    inbox_ids = (await in_folder(mail_app, mailbox, "inbox"))[:2]
    sent_id = (await in_folder(mail_app, mailbox, "sent"))[0]
    before = await rows_by_id(mail_app, mailbox)

    response = await post(client, mailbox, "delete", {"ids": [*inbox_ids, sent_id]})
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["action"] == "delete"
    assert data["changed"] == [*inbox_ids, sent_id] and data["count"] == 3
    assert data["unchanged"] == []
    first = data["messages"][0]
    assert first["id"] == inbox_ids[0] and first["folder"] == "trash"
    assert first["subject"] == before[inbox_ids[0]].subject
    assert first["from"].endswith(f"<{before[inbox_ids[0]].sender_address}>")
    assert "receivedAt" in first

    rows = await rows_by_id(mail_app, mailbox)
    assert [rows[i].folder for i in (*inbox_ids, sent_id)] == ["trash"] * 3
    assert [rows[i].previous_folder for i in (*inbox_ids, sent_id)] == ["inbox", "inbox", "sent"]
    assert len(rows) == len(before), "nothing is destroyed"
    listed = await client.get("/mail/messages", params={"limit": 100}, headers=headers_for(mailbox))
    assert not {item["id"] for item in listed.json()["data"]["items"]} & set(inbox_ids)

    response = await post(client, mailbox, "restore", {"ids": [sent_id, *inbox_ids]})
    assert response.status_code == 200
    assert response.json()["data"]["changed"] == [sent_id, *inbox_ids]
    rows = await rows_by_id(mail_app, mailbox)
    assert rows[sent_id].folder == "sent"
    assert [rows[i].folder for i in inbox_ids] == ["inbox", "inbox"]
    assert all(rows[i].previous_folder is None for i in (*inbox_ids, sent_id))


async def test_deleting_from_trash_keeps_it_there(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    trashed = (await in_folder(mail_app, mailbox, "trash"))[0]
    before = (await rows_by_id(mail_app, mailbox))[trashed]
    response = await post(client, mailbox, "delete", {"ids": [trashed]})
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["changed"] == [] and data["unchanged"] == [trashed] and data["count"] == 0
    after = (await rows_by_id(mail_app, mailbox))[trashed]
    assert (after.folder, after.previous_folder) == ("trash", before.previous_folder)

    restored = await post(client, mailbox, "restore", {"ids": [trashed]})
    assert restored.json()["data"]["changed"] == [trashed]
    assert (await rows_by_id(mail_app, mailbox))[trashed].folder == before.previous_folder


async def test_restoring_a_message_not_in_trash_changes_nothing(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    inbox_id = (await in_folder(mail_app, mailbox, "inbox"))[0]
    response = await post(client, mailbox, "restore", {"ids": [inbox_id, inbox_id]})
    assert response.status_code == 200
    assert response.json()["data"]["unchanged"] == [inbox_id]
    assert (await rows_by_id(mail_app, mailbox))[inbox_id].folder == "inbox"


@pytest.mark.parametrize("read", [True, False])
async def test_mark_read_and_unread(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox, read: bool
) -> None:
    rows = await rows_by_id(mail_app, mailbox)
    to_flip = [r.id for r in rows.values() if r.folder == "inbox" and r.read is not read][:2]
    already = next(r.id for r in rows.values() if r.read is read)
    response = await post(client, mailbox, "read", {"ids": [*to_flip, already], "read": read})
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["changed"] == to_flip and data["unchanged"] == [already]
    assert all(message["read"] is read for message in data["messages"])
    after = await rows_by_id(mail_app, mailbox)
    assert all(after[i].read is read for i in (*to_flip, already))
    untouched = [i for i in rows if i not in (*to_flip, already)]
    assert all(after[i].read is rows[i].read for i in untouched)


async def test_read_defaults_to_true(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    rows = await rows_by_id(mail_app, mailbox)
    unread = next(r.id for r in rows.values() if not r.read)
    response = await post(client, mailbox, "read", {"ids": [unread]})
    assert response.status_code == 200
    assert (await rows_by_id(mail_app, mailbox))[unread].read is True


@pytest.mark.parametrize("action", ["delete", "restore", "read"])
async def test_one_unknown_id_fails_the_whole_batch(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox, action: str
) -> None:
    before = await rows_by_id(mail_app, mailbox)
    folder = "trash" if action == "restore" else "inbox"
    known = [i for i, r in before.items() if r.folder == folder][:3]
    unknown = f"msg-{uuid.uuid4().hex[:16]}"
    body: dict[str, object] = {"ids": [known[0], unknown, *known[1:]]}
    if action == "read":
        body["read"] = not before[known[0]].read
    response = await post(client, mailbox, action, body)
    assert response.status_code == 404
    error = response.json()
    assert error["errorCode"] == "E1004" and error["success"] is False
    assert unknown in error["message"]
    assert all(known_id not in error["message"] for known_id in known)
    assert error["errors"] == [{"field": "ids", "reason": f"{unknown} was not found"}]
    after = await rows_by_id(mail_app, mailbox)
    snapshot = [(r.folder, r.previous_folder, r.read, r.updated_at) for r in before.values()]
    assert [(r.folder, r.previous_folder, r.read, r.updated_at) for r in after.values()] == snapshot


async def test_send_files_in_sent(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    subject = f"Quarterly plan {uuid.uuid4().hex[:8]}"
    message = {"to": ["partner@northwind.example.com"], "subject": subject, "body": "안녕하세요"}
    response = await post(client, mailbox, "send", message)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["folder"] == "sent" and data["subject"] == subject and data["body"] == "안녕하세요"
    # Not a demo user and no email claim in the token: the user id is all we know of them.
    assert data["from"] == mailbox.user_id
    assert data["deliveredTo"] == []
    row = (await rows_by_id(mail_app, mailbox))[data["id"]]
    assert (row.folder, row.subject, row.recipients, row.read) == (
        "sent",
        subject,
        ["partner@northwind.example.com"],
        True,
    )
    page = await client.get(
        "/mail/messages", params={"folder": "sent", "q": subject}, headers=headers_for(mailbox)
    )
    assert [item["id"] for item in page.json()["data"]["items"]] == [data["id"]]


async def test_send_to_a_colleague_lands_in_their_inbox(
    client: httpx.AsyncClient, mail_app: FastAPI
) -> None:
    subject = f"점심 약속 {uuid.uuid4().hex[:8]}"
    response = await client.post(
        "/mail/messages/send",
        json={
            "to": ["seoyeon.lee@tenant1.example.com"],
            "subject": subject,
            "body": "내일 12시 어때요?",
        },
        headers=auth_headers("user123", "tenant1"),
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["from"] == "김민준 <minjun.kim@tenant1.example.com>"
    assert data["deliveredTo"] == ["seoyeon.lee@tenant1.example.com"]
    inbox = await client.get(
        "/mail/messages",
        params={"q": subject, "unread": "true"},
        headers=auth_headers("user456", "tenant1", "approver"),
    )
    items = inbox.json()["data"]["items"]
    assert [(item["subject"], item["folder"]) for item in items] == [(subject, "inbox")]
    assert items[0]["id"] != data["id"]
    elsewhere = await client.get(
        "/mail/messages", params={"q": subject}, headers=auth_headers("alice", "acme")
    )
    assert elsewhere.json()["data"]["total"] == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to": ["not an address"], "subject": "s", "body": ""}, "to.0"),
        ({"to": ["a@b.example", "nobody"], "subject": "s", "body": ""}, "to.1"),
        ({"to": [], "subject": "s", "body": ""}, "to"),
        ({"to": ["a@b.example"], "subject": "", "body": ""}, "subject"),
        ({"to": ["a@b.example"], "subject": "   ", "body": ""}, "subject"),
        ({"to": "a@b.example", "subject": "s", "body": ""}, "to"),
        ({"subject": "s", "body": ""}, "to"),
    ],
)
async def test_send_refuses_bad_messages(
    client: httpx.AsyncClient,
    mail_app: FastAPI,
    mailbox: DemoMailbox,
    body: dict[str, object],
    field: str,
) -> None:
    before = len(await rows_of(mail_app, mailbox.tenant_id, mailbox.user_id))
    response = await post(client, mailbox, "send", body)
    assert response.status_code == 400
    error = response.json()
    assert error["errorCode"] in ("E4000", "E4001")
    assert field in [problem["field"] for problem in error["errors"]]
    assert len(await rows_of(mail_app, mailbox.tenant_id, mailbox.user_id)) == before
