"""CORS for `CORS_ALLOWED_ORIGINS`, preflight answered at the edge without a token."""

import httpx

from tests.support.identity import auth_headers

ORIGIN = "http://localhost:4200"


async def test_preflight_is_answered_at_the_edge(client: httpx.AsyncClient) -> None:
    response = await client.options(
        "/api/aura/test/stream",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, x-tenant-id, "
            "x-user-id, last-event-id, x-dwp-source, x-dwp-caller-type, x-agent-id",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert response.headers["access-control-allow-credentials"] == "true"
    assert "POST" in response.headers["access-control-allow-methods"]
    allowed = response.headers["access-control-allow-headers"].lower()
    for header in ("authorization", "x-tenant-id", "last-event-id", "x-request-id", "x-agent-id"):
        assert header in allowed
    assert "service" not in response.text  # no upstream was asked


async def test_preflight_from_another_origin_is_refused_in_the_envelope(
    client: httpx.AsyncClient,
) -> None:
    response = await client.options(
        "/api/aura/test/stream",
        headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert (body["status"], body["success"], body["errorCode"]) == ("ERROR", False, "E1003")
    assert "http://evil.example" in body["message"]
    assert "access-control-allow-origin" not in response.headers
    assert "Origin" in response.headers["vary"]
    assert response.headers["x-request-id"]


async def test_preflight_asking_for_a_disallowed_header_names_it(
    client: httpx.AsyncClient,
) -> None:
    response = await client.options(
        "/api/aura/test/stream",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, x-secret-sauce, X-Other",
        },
    )
    assert response.status_code == 400
    body = response.json()
    assert (body["status"], body["errorCode"]) == ("ERROR", "E4000")
    assert "x-secret-sauce" in body["message"] and "x-other" in body["message"]
    assert "authorization" not in body["message"]
    assert body["errors"] == [
        {"field": "Access-Control-Request-Headers", "reason": "x-secret-sauce is not allowed"},
        {"field": "Access-Control-Request-Headers", "reason": "x-other is not allowed"},
    ]
    assert response.headers["x-request-id"]


async def test_preflight_asking_for_a_disallowed_method_is_a_405_envelope(
    client: httpx.AsyncClient,
) -> None:
    response = await client.options(
        "/api/aura/test/stream",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "TRACE"},
    )
    assert response.status_code == 405
    assert response.json()["errorCode"] == "E1002"
    assert "TRACE" in response.json()["message"]


async def test_accepted_preflight_carries_a_request_id(client: httpx.AsyncClient) -> None:
    response = await client.options(
        "/api/aura/test/stream",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "X-Request-ID": "preflight-1",
        },
    )
    assert response.status_code == 200
    assert response.headers.get_list("x-request-id") == ["preflight-1"]


async def test_responses_expose_the_aura_headers_to_the_allowed_origin(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/api/aura/ticks?count=1", headers=auth_headers(Origin=ORIGIN))
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert response.headers["access-control-allow-credentials"] == "true"
    exposed = response.headers["access-control-expose-headers"].lower()
    for header in ("x-request-id", "x-aura-run-id", "x-aura-session-id"):
        assert header in exposed
    assert response.headers["x-aura-run-id"] == "run-test"


async def test_refusals_carry_cors_headers_so_the_browser_can_read_them(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/api/mail/messages", headers={"Origin": ORIGIN})
    assert response.status_code == 401
    assert response.headers["access-control-allow-origin"] == ORIGIN
