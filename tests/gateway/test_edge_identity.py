"""JWT verification at the edge (docs/contract.md#identity): refused requests never reach an
upstream."""

import base64
import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import jwt
import pytest

from tests.support.identity import TEST_JWT_SECRET, auth_headers, token_for

PROTECTED = "/api/mail/messages"


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    payload: dict[str, Any] = {
        "sub": "user123",
        "tenant_id": "tenant1",
        "role": "user",
        "iat": now,
        "exp": now + 600,
    }
    payload.update(overrides)
    return payload


def signed(payload: dict[str, Any], algorithm: str = "HS256", secret: str = TEST_JWT_SECRET) -> str:
    return jwt.encode(payload, secret.encode(), algorithm=algorithm)


def unsigned(payload: dict[str, Any]) -> str:
    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(payload)}."


def bearer(token: str, tenant: str | None = "tenant1", **extra: str) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}", **extra}
    if tenant is not None:
        headers["X-Tenant-ID"] = tenant
    return headers


def assert_refused(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == "ERROR"
    assert body["success"] is False
    assert body["errorCode"] == code
    assert "service" not in body  # the envelope came from the gateway, not an upstream


async def test_valid_token_reaches_the_upstream_with_identity_headers(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(PROTECTED, headers=auth_headers(**{"X-User-ID": "user123"}))
    assert response.status_code == 200
    body = response.json()
    assert body["service"] == "mail"
    assert body["path"] == "/mail/messages"
    assert body["headers"]["x-tenant-id"] == ["tenant1"]
    assert body["headers"]["x-user-id"] == ["user123"]
    assert body["headers"]["authorization"][0].startswith("Bearer ")


def expired() -> str:
    now = int(time.time())
    return signed(claims(iat=now - 700, exp=now - 10))


REFUSALS: dict[str, tuple[Callable[[], dict[str, str]], int, str]] = {
    "missing": (dict, 401, "E2000"),
    "not-bearer": (
        lambda: {"Authorization": "Basic dXNlcjpwYXNz", "X-Tenant-ID": "tenant1"},
        401,
        "E2003",
    ),
    "expired": (lambda: bearer(expired()), 401, "E2002"),
    "bad-signature": (lambda: bearer(signed(claims(), secret="x" * 40)), 401, "E2003"),
    "alg-none": (lambda: bearer(unsigned(claims())), 401, "E2003"),
    "hs384": (lambda: bearer(signed(claims(), "HS384")), 401, "E2003"),
    "hs512": (lambda: bearer(signed(claims(), "HS512")), 401, "E2003"),
    "exp-float": (lambda: bearer(signed(claims(exp=time.time() + 600.5))), 401, "E2003"),
    "exp-string": (lambda: bearer(signed(claims(exp=str(int(time.time()) + 600)))), 401, "E2003"),
    "malformed": (lambda: bearer("not.a.jwt"), 401, "E2003"),
    "tenant-missing": (lambda: bearer(token_for(), tenant=None), 400, "E2006"),
    "tenant-mismatch": (lambda: bearer(token_for(), tenant="tenant2"), 403, "E2007"),
    "user-mismatch": (lambda: bearer(token_for(), **{"X-User-ID": "someone-else"}), 403, "E2001"),
}


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
@pytest.mark.parametrize("case", list(REFUSALS))
async def test_refused_at_the_edge(client: httpx.AsyncClient, case: str) -> None:
    headers, status, code = REFUSALS[case]
    assert_refused(await client.get(PROTECTED, headers=headers()), status, code)


async def test_the_stream_is_refused_before_it_starts(client: httpx.AsyncClient) -> None:
    headers = bearer(token_for(), **{"X-User-ID": "intruder", "Accept": "text/event-stream"})
    response = await client.post("/api/aura/test/stream", headers=headers, json={"prompt": "hi"})
    assert_refused(response, 403, "E2001")
    assert not response.headers["content-type"].startswith("text/event-stream")


async def test_login_needs_no_token(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/auth/login", json={"username": "u", "password": "p"})
    assert response.status_code == 200
    assert response.json()["service"] == "auth"
    assert response.json()["path"] == "/auth/login"


@pytest.mark.parametrize(
    ("path", "service", "upstream_path"),
    [
        ("/api/auth/health", "auth", "/health"),
        ("/api/main/health", "main", "/main/health"),
        ("/api/mail/health", "mail", "/health"),
        ("/api/aura/health", "agent", "/health"),
    ],
)
async def test_service_health_through_the_gateway_needs_no_token(
    client: httpx.AsyncClient, path: str, service: str, upstream_path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    assert response.json()["service"] == service
    assert response.json()["path"] == upstream_path


async def test_gateway_health(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json()["data"]["status"] == "healthy"


async def test_unrouted_api_path_is_a_404_envelope(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/aurax", headers=auth_headers())
    assert_refused(response, 404, "E1004")


async def test_refusals_carry_a_request_id(client: httpx.AsyncClient) -> None:
    response = await client.get(PROTECTED)
    assert response.headers["x-request-id"]
