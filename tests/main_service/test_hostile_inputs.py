"""Decision bodies and ids that once gave 500 or an inconsistent code (issue 10, item 8)."""

import httpx
import pytest

from tests.auth_server.forged_tokens import claims, signed
from tests.support.identity import TEST_JWT_SECRET, auth_headers

pytestmark = pytest.mark.db


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"userId": "user123", "comment": "ok \\ud800"}', "comment"),
        (b'{"userId": "user\xed\xa0\x80"}', "userId"),
        (b'{"userId": "user123", "params": {"ids": ["\\udc00"]}}', "params.ids.0"),
        (b'{"userId": "user123", "params": ' + b"[" * 60 + b"]" * 60 + b"}", "params"),
    ],
)
@pytest.mark.parametrize("decision", ["approve", "reject"])
async def test_bad_text_in_a_decision_is_a_400_naming_the_field(
    client: httpx.AsyncClient, body: bytes, field: str, decision: str
) -> None:
    response = await client.post(
        f"/aura/hitl/{decision}/req_0123456789abcdef",
        content=body,
        headers={**auth_headers(), "X-User-ID": "user123", "Content-Type": "application/json"},
    )
    assert response.status_code == 400, response.json()
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.parametrize("session_id", ["bad%20id", "s" * 200, "a%2Fb"])
async def test_a_malformed_session_id_is_404_like_a_malformed_request_id(
    client: httpx.AsyncClient, session_id: str
) -> None:
    signal = await client.get(f"/aura/hitl/signals/{session_id}", headers=auth_headers())
    request = await client.get(f"/aura/hitl/requests/{session_id}", headers=auth_headers())
    assert (signal.status_code, signal.json()["errorCode"]) == (404, "E1004")
    assert (request.status_code, request.json()["errorCode"]) == (404, "E1004")


@pytest.mark.parametrize("sub", ["", "  "])
async def test_a_signed_token_with_a_blank_sub_is_401(client: httpx.AsyncClient, sub: str) -> None:
    token = signed(claims(user_id=sub), TEST_JWT_SECRET)
    headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": "tenant1", "X-User-ID": sub}
    for response in (
        await client.get("/aura/hitl/requests", headers=headers),
        await client.get("/aura/hitl/audit", headers=headers),
        await client.post(
            "/aura/hitl/approve/req_0123456789abcdef", json={"userId": sub}, headers=headers
        ),
    ):
        assert (response.status_code, response.json()["errorCode"]) == (401, "E2003")
