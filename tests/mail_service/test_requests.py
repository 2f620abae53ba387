"""Bad input and bad identity: every refusal in the error envelope with its error code."""

import httpx
import pytest
from fastapi import FastAPI

from aura.kit.tokens import encode_token, issue_claims
from aura.mail_service.demo_mail import DemoMailbox
from tests.mail_service.mailboxes import headers_for, rows_by_id
from tests.support.identity import TEST_JWT_SECRET, auth_headers, token_for

pytestmark = pytest.mark.db

OTHER_SECRET = "another-secret-that-is-long-enough-0123"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"folder": "spam"}, "folder"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": "9223372036854775808"}, "offset"),
        ({"unread": "maybe"}, "unread"),
    ],
)
async def test_bad_list_parameters(
    client: httpx.AsyncClient, mailbox: DemoMailbox, params: dict[str, object], field: str
) -> None:
    response = await client.get("/mail/messages", params=params, headers=headers_for(mailbox))
    assert response.status_code == 400
    body = response.json()
    assert body["errorCode"] == "E4000" and body["success"] is False
    assert [problem["field"] for problem in body["errors"]] == [field]
    assert field in body["message"]


@pytest.mark.parametrize("action", ["delete", "restore", "read"])
@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"ids": []}, "ids", "E4000"),
        ({"ids": "msg-1"}, "ids", "E4000"),
        ({"ids": [1, 2]}, "ids.0", "E4000"),
        ({}, "ids", "E4001"),
    ],
)
async def test_bad_batch_bodies(
    client: httpx.AsyncClient,
    mailbox: DemoMailbox,
    action: str,
    body: dict[str, object],
    field: str,
    code: str,
) -> None:
    response = await client.post(
        f"/mail/messages/{action}", json=body, headers=headers_for(mailbox)
    )
    assert response.status_code == 400
    error = response.json()
    assert error["errorCode"] == code
    assert field in [problem["field"] for problem in error["errors"]]


@pytest.mark.parametrize("flag", ["sometimes", "no", "yes", 1, None])
async def test_read_flag_must_be_a_boolean(
    client: httpx.AsyncClient, mail_app: FastAPI, mailbox: DemoMailbox, flag: object
) -> None:
    before = await rows_by_id(mail_app, mailbox)
    some = next(iter(before))
    response = await client.post(
        "/mail/messages/read",
        json={"ids": [some], "read": flag},
        headers=headers_for(mailbox),
    )
    assert response.status_code == 400
    assert [problem["field"] for problem in response.json()["errors"]] == ["read"]
    assert (await rows_by_id(mail_app, mailbox))[some].read is before[some].read


async def test_malformed_json(client: httpx.AsyncClient, mailbox: DemoMailbox) -> None:
    headers = headers_for(mailbox) | {"Content-Type": "application/json"}
    response = await client.post("/mail/messages/delete", content=b'{"ids": [', headers=headers)
    assert response.status_code == 400
    assert response.json()["errorCode"] == "E4002"


def expired_token() -> str:
    claims = issue_claims("user123", "tenant1", "user", 3600)
    return encode_token(claims.model_copy(update={"iat": 1_000, "exp": 2_000}), TEST_JWT_SECRET)


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "E2000"),
        ({"X-Tenant-ID": "tenant1"}, 401, "E2000"),
        ({"Authorization": "Bearer not.a.jwt", "X-Tenant-ID": "tenant1"}, 401, "E2003"),
        (
            {
                "Authorization": f"Bearer {token_for(secret=OTHER_SECRET)}",
                "X-Tenant-ID": "tenant1",
            },
            401,
            "E2003",
        ),
        ({"Authorization": f"Bearer {expired_token()}", "X-Tenant-ID": "tenant1"}, 401, "E2002"),
        ({"Authorization": f"Bearer {token_for()}"}, 400, "E2006"),
        ({"Authorization": f"Bearer {token_for()}", "X-Tenant-ID": "acme"}, 403, "E2007"),
        (auth_headers(**{"X-User-ID": "user456"}), 403, "E2001"),
    ],
    ids=[
        "missing",
        "tenant-only",
        "malformed",
        "bad-signature",
        "expired",
        "no-tenant",
        "tenant-mismatch",
        "user-mismatch",
    ],
)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/mail/messages"),
        ("GET", "/mail/messages/msg-1"),
        ("GET", "/mail/folders"),
        ("POST", "/mail/messages/delete"),
        ("POST", "/mail/messages/send"),
    ],
)
async def test_identity_is_checked_on_every_call(
    client: httpx.AsyncClient,
    mail_app: FastAPI,
    headers: dict[str, str],
    status: int,
    code: str,
    method: str,
    path: str,
) -> None:
    own = await rows_by_id(mail_app, DemoMailbox("tenant1", "user123", "", ""))
    trashable = next(r.id for r in own.values() if r.folder == "inbox")
    body = {"ids": [trashable]} if path.endswith("delete") else None
    if path.endswith("send"):
        body = {"to": ["seoyeon.lee@tenant1.example.com"], "subject": "x", "body": "y"}  # type: ignore[dict-item]
    response = await client.request(method, path, json=body, headers=headers)
    assert response.status_code == status
    assert response.json()["errorCode"] == code
    assert (await rows_by_id(mail_app, DemoMailbox("tenant1", "user123", "", "")))[
        trashable
    ].folder == "inbox"


async def test_matching_user_header_is_accepted(client: httpx.AsyncClient) -> None:
    headers = auth_headers("user123", "tenant1", **{"X-User-ID": "user123"})
    response = await client.get("/mail/folders", headers=headers)
    assert response.status_code == 200


async def test_health(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json()["data"]["status"] == "healthy"
