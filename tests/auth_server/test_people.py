"""`GET /auth/users`: the names of the caller's own tenant's users, token-checked."""

import httpx
import pytest

from tests.support.identity import token_for

pytestmark = pytest.mark.db


async def people(client: httpx.AsyncClient, token: str | None, tenant: str) -> httpx.Response:
    headers = {"X-Tenant-ID": tenant}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return await client.get("/auth/users", headers=headers)


async def test_a_user_gets_the_names_of_their_tenant_only(client: httpx.AsyncClient) -> None:
    response = await people(client, token_for("user123", "tenant1"), "tenant1")
    assert response.status_code == 200, response.text
    found = {person["userId"]: person["name"] for person in response.json()["data"]}
    assert found["user123"] == "김민준" and found["user456"] == "이서연"
    # Names only: no emails, roles or anything of another tenant.
    assert all(set(person) == {"userId", "name"} for person in response.json()["data"])
    assert "alice" not in found and "bob" not in found


async def test_another_tenant_sees_its_own_people(client: httpx.AsyncClient) -> None:
    response = await people(client, token_for("alice", "acme"), "acme")
    assert response.status_code == 200, response.text
    assert {p["userId"] for p in response.json()["data"]} >= {"alice", "bob"}
    assert "user123" not in {p["userId"] for p in response.json()["data"]}


async def test_without_a_token_nothing_is_listed(client: httpx.AsyncClient) -> None:
    response = await people(client, None, "tenant1")
    assert response.status_code == 401
    assert response.json()["errorCode"] == "E2000"


async def test_a_tenant_header_other_than_the_tokens_is_refused(
    client: httpx.AsyncClient,
) -> None:
    response = await people(client, token_for("user123", "tenant1"), "acme")
    assert response.status_code in (401, 403), response.text
    assert response.json()["success"] is False
