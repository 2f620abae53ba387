"""Concurrent decisions on one request: exactly one wins, one signal, one audit row."""

import asyncio
import json

import httpx
import pytest
from redis.asyncio import Redis

from aura.contracts.hitl import request_key, signal_key
from aura.main_service.repository import AuditRepository
from tests.main_service.channel import listening
from tests.support.hitl import write_pending
from tests.support.identity import auth_headers

pytestmark = pytest.mark.db

HEADERS = auth_headers("user123", "tenant1", **{"X-User-ID": "user123"})


async def test_fifty_concurrent_approvals_make_one_decision(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository
) -> None:
    pending = await write_pending(redis)
    async with listening(redis, pending.session_id) as channel:
        responses = await asyncio.gather(
            *(
                client.post(
                    f"/aura/hitl/approve/{pending.request_id}",
                    headers=HEADERS,
                    json={"userId": "user123"},
                )
                for _ in range(50)
            )
        )
        published = await channel.published()

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] + [409] * 49
    for response in responses:
        body = response.json()
        assert body["success"] is True and body["data"]["status"] == "approved"
        if response.status_code == 409:
            assert body["message"] == "already processed"
    assert len(published) == 1 and published[0]["type"] == "approval"
    assert json.loads(await redis.get(signal_key(pending.session_id))) == published[0]
    assert len(await audit.entries("tenant1", request_id=pending.request_id)) == 1


@pytest.mark.parametrize("round_", range(3))
async def test_approve_racing_reject_lets_exactly_one_win(
    client: httpx.AsyncClient, redis: Redis, audit: AuditRepository, round_: int
) -> None:
    pending = await write_pending(redis)

    def call(decision: str) -> object:
        return client.post(
            f"/aura/hitl/{decision}/{pending.request_id}",
            headers=HEADERS,
            json={"userId": "user123"},
        )

    async with listening(redis, pending.session_id) as channel:
        decisions = ["approve", "reject"] * 10
        responses = await asyncio.gather(*(call(decision) for decision in decisions))  # type: ignore[misc]
        published = await channel.published()

    winners = [
        (decision, response)
        for decision, response in zip(decisions, responses, strict=True)
        if response.status_code == 200
    ]
    assert len(winners) == 1
    won = "approved" if winners[0][0] == "approve" else "rejected"
    for decision, response in zip(decisions, responses, strict=True):
        if response.status_code == 200:
            continue
        body = response.json()
        assert response.status_code == 409
        same = (decision == "approve") == (won == "approved")
        if same:
            assert body["success"] is True and body["message"] == "already processed"
        else:
            assert body["success"] is False and body["errorCode"] == "E3002"
    assert len(published) == 1 and published[0]["status"] == won
    assert json.loads(await redis.get(request_key(pending.request_id)))["status"] == won
    [entry] = await audit.entries("tenant1", request_id=pending.request_id)
    assert entry.decision == won
