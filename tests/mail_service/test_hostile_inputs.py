"""Bodies that once gave 500: lone surrogates in mail ids and deep nesting (issue 10, item 8)."""

import httpx
import pytest

from aura.mail_service.demo_mail import DemoMailbox
from tests.auth_server.forged_tokens import claims, signed
from tests.mail_service.mailboxes import headers_for
from tests.support.identity import TEST_JWT_SECRET

pytestmark = pytest.mark.db

SURROGATE_ESCAPE = b'"\\ud800"'
SURROGATE_BYTES = b'"\xed\xa0\x80"'


@pytest.mark.parametrize("path", ["delete", "restore", "read"])
@pytest.mark.parametrize("text", [SURROGATE_ESCAPE, SURROGATE_BYTES], ids=["escape", "bytes"])
async def test_a_lone_surrogate_in_an_id_is_a_400_naming_it(
    client: httpx.AsyncClient, mailbox: DemoMailbox, path: str, text: bytes
) -> None:
    response = await client.post(
        f"/mail/messages/{path}",
        content=b'{"ids": ["m-1", ' + text + b"]}",
        headers={**headers_for(mailbox), "Content-Type": "application/json"},
    )
    body = response.json()
    assert response.status_code == 400, body
    assert body["errorCode"] == "E4000" and body["errors"][0]["field"] == "ids.1"


async def test_a_lone_surrogate_in_a_message_is_a_400_naming_the_field(
    client: httpx.AsyncClient, mailbox: DemoMailbox
) -> None:
    response = await client.post(
        "/mail/messages/send",
        content=b'{"to": ["a@b.example"], "subject": "hi \\udfff", "body": "x"}',
        headers={**headers_for(mailbox), "Content-Type": "application/json"},
    )
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "subject"


async def test_deep_nesting_is_a_400(client: httpx.AsyncClient, mailbox: DemoMailbox) -> None:
    for depth in (100, 50_000):
        response = await client.post(
            "/mail/messages/delete",
            content=b'{"ids": ' + b"[" * depth + b"]" * depth + b"}",
            headers={**headers_for(mailbox), "Content-Type": "application/json"},
        )
        assert response.status_code == 400 and response.json()["errorCode"] == "E4000"


@pytest.mark.parametrize("sub", ["", "  "])
async def test_a_signed_token_with_a_blank_sub_is_401(client: httpx.AsyncClient, sub: str) -> None:
    token = signed(claims(user_id=sub), TEST_JWT_SECRET)
    headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": "tenant1"}
    for response in (
        await client.get("/mail/messages", headers=headers),
        await client.get("/mail/folders", headers=headers),
        await client.post("/mail/messages/delete", json={"ids": ["m-1"]}, headers=headers),
    ):
        assert (response.status_code, response.json()["errorCode"]) == (401, "E2003")
