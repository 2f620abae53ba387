"""The auth server's `GET /metrics`: a login moves its route's histogram, by status."""

import httpx

from tests.support.metrics import scrape

REQUESTS = "aura_http_request_duration_seconds_count"


async def test_a_refused_login_is_counted_under_its_route_and_status(client: httpx.AsyncClient):
    route = {"method": "POST", "route": "/auth/login", "status": "401"}
    before = (await scrape(client)).value(REQUESTS, **route)
    answer = await client.post("/auth/login", json={"username": "nobody", "password": "wrong"})
    after = await scrape(client)

    assert answer.status_code == 401
    assert after.value(REQUESTS, **route) == before + 1
