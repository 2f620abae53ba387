"""Login bodies that once gave 500 (issue 10, item 8): deep nesting and lone surrogates."""

import httpx
import pytest

from tests.auth_server.forged_tokens import claims, signed
from tests.support.identity import TEST_JWT_SECRET

pytestmark = pytest.mark.db


async def login(client: httpx.AsyncClient, body: bytes) -> httpx.Response:
    return await client.post(
        "/auth/login", content=body, headers={"Content-Type": "application/json"}
    )


@pytest.mark.parametrize("depth", [40, 900, 100_000])
async def test_a_deeply_nested_username_is_a_400(client: httpx.AsyncClient, depth: int) -> None:
    nested = b"[" * depth + b"]" * depth
    response = await login(client, b'{"username": ' + nested + b', "password": "x"}')
    body = response.json()
    assert response.status_code == 400, body
    assert body["errorCode"] == "E4000" and body["success"] is False


@pytest.mark.parametrize("text", [b'"\\ud800"', b'"user\xed\xa0\x80"'], ids=["escape", "bytes"])
@pytest.mark.parametrize("field", ["username", "password", "tenantId"])
async def test_a_lone_surrogate_is_a_400_naming_the_field(
    client: httpx.AsyncClient, text: bytes, field: str
) -> None:
    values = {"username": b'"user123"', "password": b'"password123"', "tenantId": b'"tenant1"'}
    values[field] = text
    body = b"{" + b", ".join(b'"%s": %s' % (k.encode(), v) for k, v in values.items()) + b"}"
    response = await login(client, body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.parametrize("sub", ["", "  "])
async def test_a_signed_token_with_a_blank_sub_is_401(client: httpx.AsyncClient, sub: str) -> None:
    token = signed(claims(user_id=sub), TEST_JWT_SECRET)
    response = await client.get(
        "/auth/me", headers={"Authorization": f"Bearer {token}", "X-Tenant-ID": "tenant1"}
    )
    assert (response.status_code, response.json()["errorCode"]) == (401, "E2003")
