"""The main service's `GET /metrics` on its own app (its own registry, real Redis and database):
request latency by route template, decisions by outcome and by answer."""

import json
from collections.abc import AsyncIterator

import httpx
import pytest
from redis.asyncio import Redis

from aura.main_service.app import create_app
from aura.main_service.settings import Settings
from tests.support.apps import asgi_client, started
from tests.support.hitl import write_pending
from tests.support.identity import auth_headers
from tests.support.metrics import scrape

pytestmark = pytest.mark.db

HEADERS = {"X-User-ID": "user123", "Content-Type": "application/json"}
BODY = json.dumps({"userId": "user123"})
DECISIONS = "aura_main_decisions_total"


@pytest.fixture
async def fresh(main_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """An app of this test's own: its figures start at zero whatever ran before."""
    async with started(create_app(main_settings)) as app, asgi_client(app, "http://main") as http:
        yield http


async def test_decisions_are_counted_by_outcome_and_answer(
    fresh: httpx.AsyncClient, redis: Redis
) -> None:
    approved, rejected = await write_pending(redis), await write_pending(redis)
    first = await fresh.post(
        f"/aura/hitl/approve/{approved.request_id}", headers=auth_headers(**HEADERS), content=BODY
    )
    again = await fresh.post(
        f"/aura/hitl/approve/{approved.request_id}", headers=auth_headers(**HEADERS), content=BODY
    )
    refused = await fresh.post(
        f"/aura/hitl/reject/{approved.request_id}", headers=auth_headers(**HEADERS), content=BODY
    )
    reject = await fresh.post(
        f"/aura/hitl/reject/{rejected.request_id}", headers=auth_headers(**HEADERS), content=BODY
    )
    seen = await scrape(fresh)

    # A replay answers 409 with `success: true` (docs/contract.md); the refusal is a plain 409.
    assert [first.status_code, again.status_code, refused.status_code] == [200, 409, 409]
    assert again.json()["success"] is True and refused.json()["success"] is False
    assert reject.status_code == 200
    assert seen.value(DECISIONS, outcome="approved", answer="recorded") == 1
    assert seen.value(DECISIONS, outcome="approved", answer="replayed") == 1
    assert seen.value(DECISIONS, outcome="rejected", answer="refused") == 1
    assert seen.value(DECISIONS, outcome="rejected", answer="recorded") == 1
    route = {"method": "POST", "route": "/aura/hitl/approve/{request_id}", "status": "200"}
    assert seen.value("aura_http_request_duration_seconds_count", **route) == 1
    assert approved.request_id not in seen.text


async def test_two_apps_in_one_process_keep_their_own_figures(
    fresh: httpx.AsyncClient, client: httpx.AsyncClient
) -> None:
    await client.get("/main/health")
    seen = await scrape(fresh)
    route = {"route": "/main/health"}
    assert seen.value("aura_http_request_duration_seconds_count", **route) == 0
