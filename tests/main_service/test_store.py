"""The decision script on real Redis: it writes only over the exact pending record it was shown."""

import json
import time

import pytest
from redis.asyncio import Redis
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from aura.contracts.hitl import request_key, signal_key
from aura.main_service.hitl.store import HitlStore
from tests.support.hitl import write_pending

SIGNAL = '{"type":"approval","requestId":"x","status":"approved","timestamp":1}'


async def decide(
    store: HitlStore, request_id: str, session_id: str, expected: str
) -> tuple[str, str]:
    attempt = await store.decide(
        request_id=request_id,
        session_id=session_id,
        expected_record=expected,
        decided_record='{"decided":true}',
        signal=SIGNAL,
        now=int(time.time()),
    )
    return attempt.result, attempt.record


async def test_a_record_rewritten_since_it_was_read_is_not_overwritten(redis: Redis) -> None:
    store = HitlStore(redis)
    pending = await write_pending(redis)
    rewritten = json.loads(pending.text) | {"message": "rewritten by Aura"}
    await redis.set(request_key(pending.request_id), json.dumps(rewritten), keepttl=True)

    result, current = await decide(store, pending.request_id, pending.session_id, pending.text)

    assert result == "changed" and json.loads(current) == rewritten
    assert json.loads(await redis.get(request_key(pending.request_id))) == rewritten
    assert await redis.exists(signal_key(pending.session_id)) == 0


@pytest.mark.parametrize(
    ("status", "expires_in", "expected"),
    [("approved", 300, "settled"), ("expired", -5, "settled"), ("pending", -1, "lapsed")],
)
async def test_only_a_live_pending_record_is_decided(
    redis: Redis, status: str, expires_in: int, expected: str
) -> None:
    store = HitlStore(redis)
    pending = await write_pending(redis, status=status, expires_in=expires_in)
    result, current = await decide(store, pending.request_id, pending.session_id, pending.text)
    assert result == expected and current == pending.text
    assert await redis.get(request_key(pending.request_id)) == pending.text
    assert await redis.exists(signal_key(pending.session_id)) == 0


async def test_a_missing_record_is_reported_and_nothing_is_written(redis: Redis) -> None:
    store = HitlStore(redis)
    pending = await write_pending(redis)
    await redis.delete(request_key(pending.request_id))
    result, _ = await decide(store, pending.request_id, pending.session_id, pending.text)
    assert result == "missing"
    assert await redis.exists(request_key(pending.request_id), signal_key(pending.session_id)) == 0


async def test_the_decided_record_keeps_its_ttl_and_the_signal_gets_300_seconds(
    redis: Redis,
) -> None:
    store = HitlStore(redis)
    pending = await write_pending(redis)
    await redis.expire(request_key(pending.request_id), 1234)
    result, _ = await decide(store, pending.request_id, pending.session_id, pending.text)
    assert result == "decided"
    assert await redis.get(request_key(pending.request_id)) == '{"decided":true}'
    assert 1200 < await redis.ttl(request_key(pending.request_id)) <= 1234
    assert await redis.get(signal_key(pending.session_id)) == SIGNAL
    assert 0 < await redis.ttl(signal_key(pending.session_id)) <= 300


@pytest.mark.db
async def test_migrations_use_the_services_own_version_table(audit_engine: AsyncEngine) -> None:
    async with audit_engine.connect() as connection:
        version = await connection.scalar(text("SELECT version_num FROM alembic_version_main"))
        columns = await connection.run_sync(
            lambda sync: [column["name"] for column in inspect(sync).get_columns("hitl_audit")]
        )
    assert version == "main_0001"
    assert {"request_id", "decided_by", "original_params", "edited_params", "decided_at"} <= set(
        columns
    )
