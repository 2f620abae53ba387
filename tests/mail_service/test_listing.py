"""Listing, filtering, paging and reading one message, checked against the database."""

import httpx
import pytest
from fastapi import FastAPI

from aura.mail_service.demo_mail import DemoMailbox
from tests.mail_service.mailboxes import headers_for, newest_first, rows_of

pytestmark = pytest.mark.db

SUMMARY_FIELDS = {"id", "from", "to", "subject", "snippet", "receivedAt", "read", "folder"}


async def listing(
    client: httpx.AsyncClient, mailbox: DemoMailbox, **params: str | int
) -> dict[str, object]:
    response = await client.get("/mail/messages", params=params, headers=headers_for(mailbox))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["success"] is True and body["status"] == "SUCCESS"
    data: dict[str, object] = body["data"]
    return data


def ids(page: dict[str, object]) -> list[str]:
    items = page["items"]
    assert isinstance(items, list)
    return [item["id"] for item in items]


@pytest.mark.parametrize("folder", ["inbox", "sent", "trash"])
async def test_each_folder_lists_its_messages_newest_first(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox, folder: str
) -> None:
    rows = [r for r in await rows_of(mail_app, mailbox.tenant_id, mailbox.user_id)]
    expected = newest_first([r for r in rows if r.folder == folder])
    page = await listing(client, mailbox, folder=folder, limit=100)
    assert page["total"] == len(expected) > 0
    assert ids(page) == expected
    items = page["items"]
    assert isinstance(items, list)
    for item in items:
        assert set(item) == SUMMARY_FIELDS
        assert item["folder"] == folder
        assert item["receivedAt"].endswith("Z")


async def test_inbox_is_the_default_folder(client: httpx.AsyncClient, mailbox: DemoMailbox) -> None:
    assert await listing(client, mailbox, limit=100) == await listing(
        client, mailbox, folder="inbox", limit=100
    )


@pytest.mark.parametrize("unread", [True, False])
async def test_unread_filter(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox, unread: bool
) -> None:
    rows = await rows_of(mail_app, mailbox.tenant_id, mailbox.user_id)
    expected = newest_first([r for r in rows if r.folder == "inbox" and r.read is not unread])
    page = await listing(client, mailbox, unread=str(unread).lower(), limit=100)
    assert ids(page) == expected
    assert page["total"] == len(expected) > 0


async def test_sender_filter_matches_name_or_address_in_any_case(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    inbox = [
        r
        for r in await rows_of(mail_app, mailbox.tenant_id, mailbox.user_id)
        if r.folder == "inbox"
    ]
    sender = inbox[0]
    by_name = newest_first([r for r in inbox if sender.sender_name in r.sender_name])
    page = await listing(client, mailbox, **{"from": sender.sender_name, "limit": 100})
    assert ids(page) == by_name and len(by_name) < len(inbox)

    domain = "@" + sender.sender_address.split("@")[1]
    by_domain = newest_first([r for r in inbox if domain in r.sender_address])
    page = await listing(client, mailbox, **{"from": domain.upper(), "limit": 100})
    assert ids(page) == by_domain


async def test_query_needs_every_word_in_subject_or_body(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    inbox = [
        r
        for r in await rows_of(mail_app, mailbox.tenant_id, mailbox.user_id)
        if r.folder == "inbox"
    ]
    word = inbox[0].subject.split()[-1]
    text = {r.id: f"{r.subject}\n{r.body}".lower() for r in inbox}
    one = newest_first([r for r in inbox if word.lower() in text[r.id]])
    page = await listing(client, mailbox, q=word.upper(), limit=100)
    assert ids(page) == one and one

    second = inbox[0].body.split()[0]
    both = newest_first(
        [r for r in inbox if word.lower() in text[r.id] and second.lower() in text[r.id]]
    )
    page = await listing(client, mailbox, q=f"{word} {second}", limit=100)
    assert ids(page) == both and inbox[0].id in ids(page)

    page = await listing(client, mailbox, q=f"{word} zz-no-such-word-zz")
    assert page == {"items": [], "total": 0}


async def test_filters_combine(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    rows = await rows_of(mail_app, mailbox.tenant_id, mailbox.user_id)
    inbox = [r for r in rows if r.folder == "inbox"]
    domain = "@" + inbox[0].sender_address.split("@")[1]
    expected = newest_first([r for r in inbox if not r.read and domain in r.sender_address])
    page = await listing(client, mailbox, **{"from": domain, "unread": "true", "limit": 100})
    assert ids(page) == expected


async def test_paging_walks_the_whole_folder_once(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    rows = await rows_of(mail_app, mailbox.tenant_id, mailbox.user_id)
    expected = newest_first([r for r in rows if r.folder == "inbox"])
    seen: list[str] = []
    for offset in range(0, len(expected), 7):
        page = await listing(client, mailbox, limit=7, offset=offset)
        assert page["total"] == len(expected)
        assert len(ids(page)) == min(7, len(expected) - offset)
        seen += ids(page)
    assert seen == expected

    beyond = await listing(client, mailbox, offset=len(expected))
    assert beyond == {"items": [], "total": len(expected)}
    default = await listing(client, mailbox)
    assert ids(default) == expected[:20]


async def test_get_one_message_with_its_body(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    row = (await rows_of(mail_app, mailbox.tenant_id, mailbox.user_id))[0]
    response = await client.get(f"/mail/messages/{row.id}", headers=headers_for(mailbox))
    assert response.status_code == 200
    data = response.json()["data"]
    assert set(data) == SUMMARY_FIELDS | {"body"}
    assert data["id"] == row.id and data["body"] == row.body and data["subject"] == row.subject
    assert data["from"] == f"{row.sender_name} <{row.sender_address}>"
    assert data["to"] == row.recipients


async def test_unknown_message_is_404(client: httpx.AsyncClient, mailbox: DemoMailbox) -> None:
    response = await client.get("/mail/messages/msg-does-not-exist", headers=headers_for(mailbox))
    assert response.status_code == 404
    body = response.json()
    assert body["errorCode"] == "E1004" and body["success"] is False
    assert "msg-does-not-exist" in body["message"]


async def test_folder_counts(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    rows = await rows_of(mail_app, mailbox.tenant_id, mailbox.user_id)
    response = await client.get("/mail/folders", headers=headers_for(mailbox))
    assert response.status_code == 200
    expected = [
        {
            "folder": folder,
            "total": sum(r.folder == folder for r in rows),
            "unread": sum(r.folder == folder and not r.read for r in rows),
        }
        for folder in ("inbox", "sent", "trash")
    ]
    assert response.json()["data"] == {"folders": expected}
