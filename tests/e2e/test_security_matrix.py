"""Every route that takes an identity refuses every forged token and a tenant header that is
not the token's, at the service itself and through the gateway (issue 10's suites).

The routes are read from each service's OpenAPI document, so a route added later is covered
without editing this file.
"""

import hashlib
import hmac
import json
import time
from typing import Any

import httpx
import jwt
import pytest

from tests.auth_server.forged_tokens import claims, signed, unsigned
from tests.support.identity import TEST_JWT_SECRET, token_for
from tests.support.system import RunningSystem

pytestmark = pytest.mark.e2e

SERVICES = ("auth", "main", "mail", "agent")
PATH_VALUES = {
    "request_id": "req_0123456789abcdef",
    "session_id": "sess_0123456789abcdef",
    "message_id": "m-1",
    "run_id": "run_0123456789abcdef",
}
BODIES = {
    "/aura/hitl/approve/{request_id}": {"userId": "user123"},
    "/aura/hitl/reject/{request_id}": {"userId": "user123"},
    "/aura/test/stream": {"prompt": "hello"},
    "/mail/messages/delete": {"ids": ["m-1"]},
    "/mail/messages/restore": {"ids": ["m-1"]},
    "/mail/messages/read": {"ids": ["m-1"]},
    "/mail/messages/send": {"to": ["a@b.example"], "subject": "s", "body": "b"},
}


def empty_key(payload: dict[str, Any]) -> str:
    """HS256 with an empty key, signed by hand (PyJWT refuses to)."""
    head = jwt.utils.base64url_encode(b'{"alg":"HS256","typ":"JWT"}')
    body = jwt.utils.base64url_encode(json.dumps(payload).encode())
    mac = hmac.new(b"", head + b"." + body, hashlib.sha256).digest()
    return b".".join([head, body, jwt.utils.base64url_encode(mac)]).decode()


def forgeries() -> dict[str, str]:
    now = int(time.time())
    rsa_header = jwt.utils.base64url_encode(b'{"alg":"RS256","typ":"JWT"}').decode()
    _, payload, signature = signed(claims(), TEST_JWT_SECRET).split(".")
    return {
        "alg none": unsigned(claims()),
        "wrong key": signed(claims(), "another-secret-0123456789-abcdefghijkl"),
        "empty key": empty_key(claims()),
        "HS384 with the right key": signed(claims(), TEST_JWT_SECRET, "HS384"),
        "RS256 header, HS256 signature": f"{rsa_header}.{payload}.{signature}",
        "tampered payload": signed(claims(), TEST_JWT_SECRET).rsplit(".", 2)[0]
        + "."
        + jwt.utils.base64url_encode(
            b'{"sub":"admin","tenant_id":"tenant1","role":"admin"}'
        ).decode()
        + "."
        + signature,
        "expired": signed(claims(iat=now - 7200, exp=now - 3600), TEST_JWT_SECRET),
        "issued in the future": signed(claims(iat=now + 3600, exp=now + 7200), TEST_JWT_SECRET),
        "exp in milliseconds": signed(claims(exp=(now + 600) * 1000), TEST_JWT_SECRET),
        "no sub": signed({k: v for k, v in claims().items() if k != "sub"}, TEST_JWT_SECRET),
        "no tenant": signed(
            {k: v for k, v in claims().items() if k != "tenant_id"}, TEST_JWT_SECRET
        ),
        "empty sub": signed(claims(user_id=""), TEST_JWT_SECRET),
        "blank sub": signed(claims(user_id="   "), TEST_JWT_SECRET),
        "lone surrogate sub": signed(claims(user_id="user\ud800"), TEST_JWT_SECRET),
        "not a JWT": "not-a-jwt",
    }


def identity_routes(system: RunningSystem) -> list[tuple[str, str, str]]:
    """(service, method, concrete path) of every operation that declares Authorization."""
    found: list[tuple[str, str, str]] = []
    for service in SERVICES:
        document = httpx.get(f"{system.url(service)}/openapi.json", timeout=10).json()
        for template, item in document["paths"].items():
            for method, operation in item.items():
                names = {(p["in"], p["name"].lower()) for p in operation.get("parameters", [])}
                if ("header", "authorization") in names:
                    found.append((service, method.upper(), template.format(**PATH_VALUES)))
    return found


def call(
    client: httpx.Client, base: str, method: str, path: str, headers: dict[str, str]
) -> httpx.Response:
    template = next((t for t in BODIES if t.format(**PATH_VALUES) == path), None)
    body: dict[str, Any] | None = BODIES.get(template) if template else None
    return client.request(method, f"{base}{path}", headers=headers, json=body)


def test_the_matrix_covers_every_service(running_system: RunningSystem) -> None:
    routes = identity_routes(running_system)
    assert {service for service, _, _ in routes} == set(SERVICES)
    assert len(routes) >= 15


# The HS384 forgery is meant to be weak.
@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_every_identity_route_refuses_every_forged_token(running_system: RunningSystem) -> None:
    failures: list[str] = []
    with httpx.Client(timeout=30) as client:
        for service, method, path in identity_routes(running_system):
            for name, token in forgeries().items():
                headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": "tenant1"}
                for base, prefix in (
                    (running_system.url(service), ""),
                    (running_system.gateway, "/api"),
                ):
                    response = call(client, base, method, prefix + path, headers)
                    code = response.json().get("errorCode")
                    if response.status_code != 401 or code not in {"E2000", "E2002", "E2003"}:
                        failures.append(
                            f"{name}: {method} {base}{prefix}{path} -> "
                            f"{response.status_code} {code}"
                        )
    assert not failures, "\n".join(failures[:20])


def test_every_identity_route_refuses_another_tenants_header(
    running_system: RunningSystem,
) -> None:
    failures: list[str] = []
    token = token_for("user123", "tenant2", "admin")
    with httpx.Client(timeout=30) as client:
        for service, method, path in identity_routes(running_system):
            for base, prefix in (
                (running_system.url(service), ""),
                (running_system.gateway, "/api"),
            ):
                headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": "tenant1"}
                response = call(client, base, method, prefix + path, headers)
                if (response.status_code, response.json().get("errorCode")) != (403, "E2007"):
                    failures.append(f"{method} {base}{prefix}{path} -> {response.status_code}")
    assert not failures, "\n".join(failures[:20])
