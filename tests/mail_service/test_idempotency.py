"""Changes sent with an Idempotency-Key are applied once: a retry (the agent after a crash) gets
the first answer, the same key for another request is refused, and keys are per user."""

import asyncio
import uuid

import httpx
import pytest
from fastapi import FastAPI

from aura.mail_service.demo_mail import DemoMailbox
from tests.mail_service.mailboxes import headers_for, rows_by_id, rows_of

pytestmark = pytest.mark.db


def keyed(mailbox: DemoMailbox, key: str) -> dict[str, str]:
    return {**headers_for(mailbox), "Idempotency-Key": key}


async def inbox_ids(app: FastAPI, mailbox: DemoMailbox) -> list[str]:
    return sorted(
        row.id for row in (await rows_by_id(app, mailbox)).values() if row.folder == "inbox"
    )


async def test_a_retried_delete_gets_the_first_answer_and_moves_nothing_again(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    ids = (await inbox_ids(mail_app, mailbox))[:2]
    key = f"req_{uuid.uuid4().hex[:16]}"
    first = await client.post(
        "/mail/messages/delete", json={"ids": ids}, headers=keyed(mailbox, key)
    )
    assert first.status_code == 200 and "Idempotent-Replayed" not in first.headers
    # Restored by someone in between: a retry must still not move them again.
    await client.post("/mail/messages/restore", json={"ids": ids}, headers=headers_for(mailbox))
    again = await client.post(
        "/mail/messages/delete", json={"ids": ids}, headers=keyed(mailbox, key)
    )
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["data"] == first.json()["data"]  # "changed": the first answer
    rows = await rows_by_id(mail_app, mailbox)
    assert {rows[i].folder for i in ids} == {"inbox"}


async def test_a_send_retried_at_once_from_many_tasks_is_sent_once(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox, other_mailbox: DemoMailbox
) -> None:
    subject = f"한 번만 {uuid.uuid4().hex[:8]}"
    message = {"to": ["someone@elsewhere.example"], "subject": subject, "body": "once"}
    key = f"req_{uuid.uuid4().hex[:16]}"
    answers = await asyncio.gather(
        *(
            client.post("/mail/messages/send", json=message, headers=keyed(mailbox, key))
            for _ in range(8)
        )
    )
    assert [a.status_code for a in answers] == [200] * 8, [a.text for a in answers]
    assert len({a.json()["data"]["id"] for a in answers}) == 1
    sent = [
        r
        for r in await rows_of(mail_app, mailbox.tenant_id, mailbox.user_id)
        if r.subject == subject
    ]
    assert len(sent) == 1
    # Another user's identical key is a key of their own.
    other = await client.post(
        "/mail/messages/send", json=message, headers=keyed(other_mailbox, key)
    )
    assert other.status_code == 200 and "Idempotent-Replayed" not in other.headers


async def test_one_key_for_a_different_request_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    first_id, second_id = (await inbox_ids(mail_app, mailbox))[:2]
    key = f"req_{uuid.uuid4().hex[:16]}"
    ok = await client.post(
        "/mail/messages/delete", json={"ids": [first_id]}, headers=keyed(mailbox, key)
    )
    assert ok.status_code == 200
    for action, body in (("delete", {"ids": [second_id]}), ("restore", {"ids": [first_id]})):
        refused = await client.post(
            f"/mail/messages/{action}", json=body, headers=keyed(mailbox, key)
        )
        assert refused.status_code == 409, refused.text
        assert (
            refused.json()["errorCode"] == "E3001"
            and "Idempotency-Key" in refused.json()["message"]
        )
    rows = await rows_by_id(mail_app, mailbox)
    assert (rows[first_id].folder, rows[second_id].folder) == ("trash", "inbox")


@pytest.mark.parametrize("key", [b"has space", b"x" * 201, "키".encode()])
async def test_a_malformed_key_is_a_400_naming_the_header(
    client: httpx.AsyncClient, mailbox: DemoMailbox, key: bytes
) -> None:
    headers: dict[str, str | bytes] = {**headers_for(mailbox), "Idempotency-Key": key}
    response = await client.post("/mail/messages/read", json={"ids": ["x"]}, headers=headers)
    assert response.status_code == 400, response.text
    assert "Idempotency-Key" in response.text
