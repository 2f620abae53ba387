"""Issue 2, done-when: log in through the gateway; the token works at the gateway and at every
service; the edge refuses what docs/contract.md#headers refuses."""

import httpx
import pytest

from tests.support.system import RunningSystem

pytestmark = pytest.mark.e2e


def _login(system: RunningSystem, username: str = "user123", tenant: str = "tenant1") -> str:
    response = httpx.post(
        f"{system.gateway}/api/auth/login",
        json={"username": username, "password": "aura1234", "tenantId": tenant},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["success"] is True and body["data"]["tokenType"] == "Bearer"
    return str(body["data"]["accessToken"])


def test_every_health_answers_directly_and_through_the_gateway(
    running_system: RunningSystem,
) -> None:
    with httpx.Client(timeout=5) as client:
        for service in ("auth", "main", "mail", "agent", "gateway"):
            assert client.get(f"{running_system.url(service)}/health").status_code == 200
        for route in ("auth", "main", "mail", "aura"):
            response = client.get(f"{running_system.gateway}/api/{route}/health")
            assert response.status_code == 200, (route, response.text)
        assert client.get(f"{running_system.url('agent')}/health").json()["status"] == "healthy"


def test_login_token_is_accepted_by_gateway_and_services(running_system: RunningSystem) -> None:
    token = _login(running_system)
    headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": "tenant1", "X-User-ID": "user123"}
    with httpx.Client(timeout=10, headers=headers) as client:
        me = client.get(f"{running_system.gateway}/api/auth/me")
        assert me.status_code == 200 and me.json()["data"]["userId"] == "user123"
        assert client.get(f"{running_system.url('auth')}/auth/me").status_code == 200
        assert client.get(f"{running_system.gateway}/api/mail/messages?limit=1").status_code == 200
        assert client.get(f"{running_system.url('mail')}/mail/messages?limit=1").status_code == 200
        pending = "/aura/hitl/requests?status=pending"
        assert client.get(f"{running_system.gateway}/api{pending}").status_code == 200
        assert client.get(f"{running_system.url('main')}{pending}").status_code == 200
        with client.stream(
            "POST",
            f"{running_system.gateway}/api/aura/test/stream",
            json={"prompt": "테스트 메시지", "context": {}},
            timeout=60,
        ) as stream:
            assert stream.status_code == 200
            lines = [line for line in stream.iter_lines() if line.startswith("data:")]
        assert lines[-1] == "data: [DONE]"


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "E2000"),
        ({"Authorization": "Bearer not.a.jwt", "X-Tenant-ID": "tenant1"}, 401, "E2003"),
        ({"X-Tenant-ID": "default"}, 403, "E2007"),
        ({"X-Tenant-ID": ""}, 400, "E2006"),
    ],
    ids=["missing-token", "invalid-token", "tenant-mismatch", "missing-tenant"],
)
def test_the_edge_refuses(
    running_system: RunningSystem, headers: dict[str, str], status: int, code: str
) -> None:
    if "Authorization" not in headers and headers:
        headers = {"Authorization": f"Bearer {_login(running_system)}", **headers}
    headers = {name: value for name, value in headers.items() if value}
    response = httpx.get(f"{running_system.gateway}/api/mail/messages", headers=headers, timeout=10)
    assert response.status_code == status, response.text
    assert response.json()["errorCode"] == code


def test_wrong_password_through_the_gateway(running_system: RunningSystem) -> None:
    response = httpx.post(
        f"{running_system.gateway}/api/auth/login",
        json={"username": "user123", "password": "wrong", "tenantId": "tenant1"},
        timeout=10,
    )
    assert response.status_code == 401 and response.json()["errorCode"] == "E2004"
