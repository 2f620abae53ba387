"""`GET /auth/me` and every identity error (docs/contract.md#headers), on the real app and DB."""

import time
from typing import Any

import httpx
import pytest

from aura.kit.tokens import encode_token, issue_claims
from tests.auth_server.forged_tokens import claims, signed, unsigned
from tests.support.identity import token_for

pytestmark = pytest.mark.db


async def me(client: httpx.AsyncClient, token: str | None, **headers: str) -> httpx.Response:
    sent = {"X-Tenant-ID": "tenant1", **headers}
    if token is not None:
        sent["Authorization"] = f"Bearer {token}"
    return await client.get("/auth/me", headers={k: v for k, v in sent.items() if v})


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert (body["status"], body["success"], body["errorCode"]) == ("ERROR", False, code)
    return body


async def test_a_valid_token_gets_the_user_from_the_database(client: httpx.AsyncClient) -> None:
    response = await me(client, token_for("user123", "tenant1"), **{"X-User-ID": "user123"})
    assert response.status_code == 200, response.text
    assert response.json()["data"] == {
        "userId": "user123",
        "tenantId": "tenant1",
        "email": "minjun.kim@tenant1.example.com",
        "role": "user",
        "name": "김민준",
    }


async def test_the_role_comes_from_the_database_not_the_token(
    client: httpx.AsyncClient,
) -> None:
    response = await me(client, token_for("user456", "tenant1", role="user"))
    assert response.status_code == 200, response.text
    assert response.json()["data"]["role"] == "approver"


async def test_missing_token(client: httpx.AsyncClient) -> None:
    assert_error(await me(client, None), 401, "E2000")


async def test_not_a_bearer_token(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/auth/me", headers={"Authorization": "Basic dXNlcjpwdw==", "X-Tenant-ID": "tenant1"}
    )
    assert_error(response, 401, "E2003")


async def test_expired_token(client: httpx.AsyncClient, jwt_secret: str) -> None:
    past = int(time.time()) - 120
    token = signed(claims(iat=past - 3600, exp=past), jwt_secret)
    assert_error(await me(client, token), 401, "E2002")


async def test_bad_signature(client: httpx.AsyncClient) -> None:
    token = signed(claims(), "another-secret-that-is-long-enough-for-hs256")
    assert_error(await me(client, token), 401, "E2003")


async def test_tampered_payload(client: httpx.AsyncClient, jwt_secret: str) -> None:
    header, _, signature = token_for("user123", "tenant1").split(".")
    _, payload, _ = signed(claims(user_id="user456"), jwt_secret).split(".")
    assert_error(await me(client, f"{header}.{payload}.{signature}"), 401, "E2003")


async def test_alg_none(client: httpx.AsyncClient) -> None:
    assert_error(await me(client, unsigned(claims())), 401, "E2003")


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
@pytest.mark.parametrize("algorithm", ["HS384", "HS512"])
async def test_other_hmac_algorithms(
    client: httpx.AsyncClient, jwt_secret: str, algorithm: str
) -> None:
    # Signed with the right secret: only the algorithm is wrong.
    token = signed(claims(), jwt_secret, algorithm)
    assert_error(await me(client, token), 401, "E2003")


@pytest.mark.parametrize(
    "exp",
    [
        pytest.param(time.time() + 600.5, id="float"),
        pytest.param(str(int(time.time()) + 600), id="string"),
    ],
)
async def test_exp_that_is_not_an_integer(
    client: httpx.AsyncClient, jwt_secret: str, exp: object
) -> None:
    assert_error(await me(client, signed(claims(exp=exp), jwt_secret)), 401, "E2003")


async def test_garbage_token(client: httpx.AsyncClient) -> None:
    assert_error(await me(client, "not.a.jwt"), 401, "E2003")


async def test_tenant_header_differs_from_the_claim(client: httpx.AsyncClient) -> None:
    response = await me(client, token_for("user123", "tenant1"), **{"X-Tenant-ID": "default"})
    assert_error(response, 403, "E2007")


async def test_missing_tenant_header(client: httpx.AsyncClient) -> None:
    response = await me(client, token_for("user123", "tenant1"), **{"X-Tenant-ID": ""})
    assert_error(response, 400, "E2006")


async def test_user_header_differs_from_sub(client: httpx.AsyncClient) -> None:
    response = await me(client, token_for("user123", "tenant1"), **{"X-User-ID": "user456"})
    assert_error(response, 403, "E2001")


async def test_a_valid_token_for_a_user_that_does_not_exist(
    client: httpx.AsyncClient, jwt_secret: str
) -> None:
    token = encode_token(issue_claims("ghost", "tenant1", "user", 600), jwt_secret)
    body = assert_error(await me(client, token), 401, "E2000")
    assert "no longer exists" in body["message"]
