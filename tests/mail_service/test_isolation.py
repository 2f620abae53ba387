"""Another user's or tenant's message is indistinguishable from one that does not exist."""

import httpx
import pytest
from fastapi import FastAPI

from aura.mail_service.demo_mail import DemoMailbox
from tests.mail_service.mailboxes import fresh_mailbox, headers_for, rows_by_id
from tests.support.identity import auth_headers

pytestmark = pytest.mark.db


async def every_listed_id(client: httpx.AsyncClient, headers: dict[str, str]) -> set[str]:
    seen: set[str] = set()
    for folder in ("inbox", "sent", "trash"):
        response = await client.get(
            "/mail/messages", params={"folder": folder, "limit": 100}, headers=headers
        )
        seen |= {item["id"] for item in response.json()["data"]["items"]}
    return seen


async def assert_hidden_from(
    client: httpx.AsyncClient, app: FastAPI, owner: DemoMailbox, headers: dict[str, str]
) -> None:
    owned = await rows_by_id(app, owner)
    target = next(r for r in owned.values() if r.folder == "inbox")
    assert not await every_listed_id(client, headers) & set(owned)

    got = await client.get(f"/mail/messages/{target.id}", headers=headers)
    missing = await client.get("/mail/messages/msg-0000000000000000", headers=headers)
    assert got.status_code == missing.status_code == 404
    assert got.json()["errorCode"] == missing.json()["errorCode"] == "E1004"

    for action, body in (
        ("delete", {"ids": [target.id]}),
        ("restore", {"ids": [target.id]}),
        ("read", {"ids": [target.id], "read": not target.read}),
    ):
        response = await client.post(f"/mail/messages/{action}", json=body, headers=headers)
        assert response.status_code == 404, action
        assert response.json()["errorCode"] == "E1004"
    after = (await rows_by_id(app, owner))[target.id]
    assert (after.folder, after.read, after.updated_at) == (
        target.folder,
        target.read,
        target.updated_at,
    )


async def test_another_user_of_the_same_tenant_cannot_see_or_touch(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    neighbour = await fresh_mailbox(mail_app, tenant_id=mailbox.tenant_id)
    await assert_hidden_from(client, mail_app, mailbox, headers_for(neighbour))
    # An approver or admin of the tenant reads no one else's mail either.
    admin = auth_headers(neighbour.user_id, neighbour.tenant_id, "admin")
    await assert_hidden_from(client, mail_app, mailbox, admin)


async def test_the_same_user_id_in_another_tenant_is_another_mailbox(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox
) -> None:
    twin = DemoMailbox(f"{mailbox.tenant_id}-other", mailbox.user_id, "Twin", "twin@test.example")
    await assert_hidden_from(client, mail_app, mailbox, headers_for(twin))


async def test_a_batch_mixing_own_and_foreign_ids_changes_nothing(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox, other_mailbox: DemoMailbox
) -> None:
    mine = next(r for r in (await rows_by_id(mail_app, mailbox)).values() if r.folder == "inbox")
    theirs = next(
        r for r in (await rows_by_id(mail_app, other_mailbox)).values() if r.folder == "inbox"
    )
    response = await client.post(
        "/mail/messages/delete", json={"ids": [mine.id, theirs.id]}, headers=headers_for(mailbox)
    )
    assert response.status_code == 404
    assert theirs.id in response.json()["message"]
    assert (await rows_by_id(mail_app, mailbox))[mine.id].folder == "inbox"
    assert (await rows_by_id(mail_app, other_mailbox))[theirs.id].folder == "inbox"


async def test_demo_tenants_see_only_their_own_mail(
    client: httpx.AsyncClient, mail_app: FastAPI
) -> None:
    users = [
        ("tenant1", "user123"),
        ("tenant1", "user456"),
        ("acme", "alice"),
        ("default", "user001"),
    ]
    seen = [await every_listed_id(client, auth_headers(user, tenant)) for tenant, user in users]
    for index, ids in enumerate(seen):
        assert ids
        for other in seen[index + 1 :]:
            assert ids.isdisjoint(other)
