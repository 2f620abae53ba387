"""`POST /auth/login` against the real app and database (docs/contract.md#auth-server)."""

import uuid
from typing import Any

import httpx
import jwt
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from aura.auth_server.demo_users import DEMO_PASSWORD, DEMO_USERS
from aura.auth_server.errors import BAD_CREDENTIALS_MESSAGE
from aura.auth_server.passwords import Passwords
from aura.auth_server.repository import UserRepository
from aura.kit.database import session_factory
from aura.kit.tokens import decode_token
from tests.auth_server.conftest import TOKEN_TTL_SECONDS

pytestmark = pytest.mark.db


async def login(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    return await client.post("/auth/login", json=body)


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["status"] == "ERROR" and body["success"] is False
    assert body["errorCode"] == code
    assert "data" not in body
    return body


async def test_login_returns_a_token_with_the_users_claims(
    client: httpx.AsyncClient, jwt_secret: str
) -> None:
    response = await login(client, username="user123", password=DEMO_PASSWORD, tenantId="tenant1")

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "SUCCESS" and body["success"] is True
    data = body["data"]
    assert data["tokenType"] == "Bearer"
    assert data["expiresIn"] == TOKEN_TTL_SECONDS
    assert (data["userId"], data["tenantId"]) == ("user123", "tenant1")

    token = data["accessToken"]
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    raw = jwt.decode(token, options={"verify_signature": False})
    assert type(raw["iat"]) is int and type(raw["exp"]) is int
    assert raw["exp"] - raw["iat"] == TOKEN_TTL_SECONDS
    claims = decode_token(token, jwt_secret)
    assert claims.sub == "user123" and claims.tenant_id == "tenant1"
    assert claims.role == "user"
    assert claims.email == "minjun.kim@tenant1.example.com"
    assert claims.name == "김민준"


async def test_the_approvers_token_carries_the_approver_role(
    client: httpx.AsyncClient, jwt_secret: str
) -> None:
    approver = next(u for u in DEMO_USERS if u.tenant_id == "default" and u.role == "approver")
    response = await login(
        client, username=approver.username, password=DEMO_PASSWORD, tenantId="default"
    )
    assert response.status_code == 200, response.text
    claims = decode_token(response.json()["data"]["accessToken"], jwt_secret)
    assert (claims.sub, claims.role) == (approver.user_id, "approver")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            {"username": "user123", "password": "wrong", "tenantId": "tenant1"}, id="wrong password"
        ),
        pytest.param(
            {"username": "nobody", "password": DEMO_PASSWORD, "tenantId": "tenant1"},
            id="unknown user",
        ),
        pytest.param(
            {"username": "user123", "password": DEMO_PASSWORD, "tenantId": "nowhere"},
            id="unknown tenant",
        ),
        pytest.param(
            {"username": "seoyeon.lee", "password": DEMO_PASSWORD, "tenantId": "default"},
            id="user of another tenant",
        ),
        pytest.param(
            {"email": "nobody@tenant1.example.com", "password": DEMO_PASSWORD},
            id="unknown email without tenant",
        ),
    ],
)
async def test_bad_credentials_are_refused_alike(
    client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    refused = assert_error(await login(client, **body), 401, "E2004")
    # One message for every cause: the answer does not tell which part was wrong.
    assert refused["message"] == BAD_CREDENTIALS_MESSAGE


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        pytest.param({}, ["username", "password"], id="empty object"),
        pytest.param(
            {"username": "user123", "tenantId": "tenant1"}, ["password"], id="no password"
        ),
        pytest.param(
            {"password": DEMO_PASSWORD, "tenantId": "tenant1"}, ["username"], id="no username"
        ),
        pytest.param(
            {"username": "  ", "password": "", "tenantId": "tenant1"},
            ["username", "password"],
            id="blank fields",
        ),
    ],
)
async def test_missing_fields_are_named(
    client: httpx.AsyncClient, body: dict[str, Any], fields: list[str]
) -> None:
    refused = assert_error(await login(client, **body), 400, "E4001")
    assert [problem["field"] for problem in refused["errors"]] == fields
    for field in fields:
        assert field in refused["message"]


async def test_a_field_of_the_wrong_type_is_named(client: httpx.AsyncClient) -> None:
    refused = assert_error(
        await login(client, username=["user123"], password=DEMO_PASSWORD, tenantId="tenant1"),
        400,
        "E4000",
    )
    assert refused["errors"][0]["field"] == "username"


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        pytest.param(
            b"username=user123&password=aura1234", "application/x-www-form-urlencoded", id="form"
        ),
        pytest.param(b'{"username":"user123","password":"aura1234"}', "text/plain", id="text"),
        pytest.param(b'{"username":"user123","password":"aura1234"}', None, id="no type"),
    ],
)
async def test_a_body_that_is_not_json_is_refused_with_a_clear_message(
    client: httpx.AsyncClient, content: bytes, content_type: str | None
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = await client.post("/auth/login", content=content, headers=headers)
    refused = assert_error(response, 400, "E4002")
    assert "application/json" in refused["message"]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b'{"username": "user123", "password": ', id="truncated"),
        pytest.param(b"", id="empty"),
        pytest.param(b"\xff\xfe{}", id="not utf-8"),
        pytest.param(b'["user123", "aura1234"]', id="array"),
    ],
)
async def test_malformed_json_is_refused_with_a_clear_message(
    client: httpx.AsyncClient, content: bytes
) -> None:
    response = await client.post(
        "/auth/login", content=content, headers={"Content-Type": "application/json"}
    )
    refused = assert_error(response, 400, "E4002")
    assert "JSON" in refused["message"]


async def test_json_with_a_charset_is_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/auth/login",
        content=b'{"username":"user123","password":"aura1234","tenantId":"tenant1"}',
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 200, response.text


async def test_email_login_without_tenant_finds_the_users_tenant(
    client: httpx.AsyncClient, jwt_secret: str
) -> None:
    # The original frontend posts {"email","password"} and nothing else.
    response = await login(client, email="Jiho.Park@default.example.com", password=DEMO_PASSWORD)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["userId"], data["tenantId"]) == ("user001", "default")
    assert decode_token(data["accessToken"], jwt_secret).tenant_id == "default"


async def test_username_login_without_tenant_when_unambiguous(client: httpx.AsyncClient) -> None:
    response = await login(client, username="user123", password=DEMO_PASSWORD)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["tenantId"] == "tenant1"


async def test_a_name_held_in_two_tenants_needs_the_tenant(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    name = f"twin-{uuid.uuid4().hex[:8]}"
    tenants = [f"t-{uuid.uuid4().hex[:8]}", f"t-{uuid.uuid4().hex[:8]}"]
    passwords = await Passwords.create()
    password_hash = await passwords.hash("twin-password")
    async with session_factory(engine).begin() as session:
        await UserRepository(session).insert_missing(
            [
                {
                    "tenant_id": tenant,
                    "user_id": name,
                    "username": name,
                    "email": f"{name}@{tenant}.example.com",
                    "display_name": "쌍둥이",
                    "role": "user",
                    "password_hash": password_hash,
                }
                for tenant in tenants
            ]
        )

    ambiguous = assert_error(
        await login(client, username=name, password="twin-password"), 400, "E4001"
    )
    assert [problem["field"] for problem in ambiguous["errors"]] == ["tenantId"]
    assert "tenant" in ambiguous["message"]
    # Without the password nobody learns that the name exists twice.
    assert_error(await login(client, username=name, password="wrong"), 401, "E2004")

    chosen = await login(client, username=name, password="twin-password", tenantId=tenants[1])
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["data"]["tenantId"] == tenants[1]


async def test_login_then_me(client: httpx.AsyncClient) -> None:
    response = await login(
        client, username="SEOYEON.LEE", password=DEMO_PASSWORD, tenantId="tenant1"
    )
    assert response.status_code == 200, response.text
    token = response.json()["data"]["accessToken"]
    me = await client.get(
        "/auth/me", headers={"Authorization": f"Bearer {token}", "X-Tenant-ID": "tenant1"}
    )
    assert me.status_code == 200, me.text
    assert me.json()["data"]["userId"] == "user456"


async def test_login_refuses_get(client: httpx.AsyncClient) -> None:
    assert_error(await client.get("/auth/login"), 405, "E1002")
