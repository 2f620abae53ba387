"""Issue 3, the seed's flow without the agent: a pending request written as Aura writes it,
approved through the gateway with the seed's exact curl headers and body, the seed's signal on the
channel, at `hitl:signal:{sessionId}` and through the signal query API."""

import asyncio
import json
import secrets
import time
from typing import Any

import httpx
import pytest

from aura.contracts.hitl import HitlRequest, channel_name, signal_key
from aura.kit.redis import open_redis
from tests.support.hitl import write_pending
from tests.support.system import RunningSystem

pytestmark = pytest.mark.e2e


async def write_pending_request(redis_url: str) -> HitlRequest:
    """What Aura writes before it emits `hitl`, for user123 of tenant1
    (docs/contract.md#hitl-records-and-redis-keys)."""
    async with open_redis(redis_url) as redis:
        return (await write_pending(redis)).record


def login(system: RunningSystem, username: str, tenant: str) -> str:
    response = httpx.post(
        f"{system.gateway}/api/auth/login",
        timeout=10,
        json={"username": username, "password": "aura1234", "tenantId": tenant},
    )
    assert response.status_code == 200, response.text
    return str(response.json()["data"]["accessToken"])


async def test_the_seed_flow_through_the_gateway(running_system: RunningSystem) -> None:
    redis_url = running_system.env["REDIS_URL"]
    record = await write_pending_request(redis_url)
    token = login(running_system, "user123", "tenant1")
    received: list[dict[str, Any]] = []

    async with open_redis(redis_url) as redis:
        pubsub = redis.pubsub()
        await pubsub.subscribe(channel_name(record.session_id))
        await pubsub.get_message(timeout=1.0)  # the subscribe confirmation

        async with httpx.AsyncClient(timeout=10) as client:
            # The seed's curl: Authorization, X-Tenant-ID, X-User-ID, body {"userId": ...}.
            response = await client.post(
                f"{running_system.gateway}/api/aura/hitl/approve/{record.request_id}",
                headers={
                    "Authorization": f"Bearer {token}",
                    "X-Tenant-ID": "tenant1",
                    "X-User-ID": "user123",
                    "Content-Type": "application/json",
                },
                content=json.dumps({"userId": "user123"}),
            )
        assert response.status_code == 200, response.text
        assert response.json()["data"] == {
            "requestId": record.request_id,
            "sessionId": record.session_id,
            "status": "approved",
        }

        deadline = time.monotonic() + 5
        while not received and time.monotonic() < deadline:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message:
                received.append(json.loads(message["data"]))
        await pubsub.aclose()

        stored = await redis.get(signal_key(record.session_id))
        ttl = await redis.ttl(signal_key(record.session_id))

    assert len(received) == 1
    signal = received[0]
    assert set(signal) == {"type", "requestId", "status", "timestamp"}
    assert signal["type"] == "approval" and signal["status"] == "approved"
    assert signal["requestId"] == record.request_id and type(signal["timestamp"]) is int
    assert json.loads(stored) == signal
    assert 0 < ttl <= 300

    query = httpx.get(
        f"{running_system.gateway}/api/aura/hitl/signals/{record.session_id}",
        headers={"Authorization": f"Bearer {token}", "X-Tenant-ID": "tenant1"},
        timeout=10,
    )
    body = query.json()
    assert query.status_code == 200 and body["status"] == "SUCCESS" and body["success"] is True
    assert isinstance(body["data"], str) and json.loads(body["data"]) == signal


async def test_reject_and_replay_through_the_gateway(running_system: RunningSystem) -> None:
    redis_url = running_system.env["REDIS_URL"]
    record = await write_pending_request(redis_url)
    token = login(running_system, "user123", "tenant1")
    headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": "tenant1", "X-User-ID": "user123"}
    url = f"{running_system.gateway}/api/aura/hitl"
    async with httpx.AsyncClient(timeout=10, headers=headers) as client:
        rejected = await client.post(
            f"{url}/reject/{record.request_id}", json={"userId": "user123", "reason": "사용자 거절"}
        )
        again = await client.post(
            f"{url}/reject/{record.request_id}", json={"userId": "user123", "reason": "사용자 거절"}
        )
        opposite = await client.post(
            f"{url}/approve/{record.request_id}", json={"userId": "user123"}
        )
        unknown = await client.post(
            f"{url}/approve/req_{secrets.token_hex(8)}", json={"userId": "user123"}
        )
    assert rejected.status_code == 200 and rejected.json()["data"]["reason"] == "사용자 거절"
    assert again.status_code == 409 and again.json()["success"] is True
    assert opposite.status_code == 409 and opposite.json()["errorCode"] == "E3002"
    assert unknown.status_code == 404 and unknown.json()["errorCode"] == "E1004"
    async with open_redis(redis_url) as redis:
        signal = json.loads(await redis.get(signal_key(record.session_id)))
    assert signal["type"] == "rejection" and signal["reason"] == "사용자 거절"


async def test_another_tenants_approver_cannot_decide(running_system: RunningSystem) -> None:
    record = await write_pending_request(running_system.env["REDIS_URL"])
    token = login(running_system, "sujin.choi", "default")
    response = await asyncio.to_thread(
        httpx.post,
        f"{running_system.gateway}/api/aura/hitl/approve/{record.request_id}",
        headers={
            "Authorization": f"Bearer {token}",
            "X-Tenant-ID": "default",
            "X-User-ID": "user002",
        },
        json={"userId": "user002"},
        timeout=10,
    )
    assert response.status_code == 403 and response.json()["errorCode"] == "E2007"
