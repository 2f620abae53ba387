"""The decision script on real Redis: it writes only over the exact pending record it was shown."""

import json
import time

import pytest
from redis.asyncio import Redis
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from aura.contracts.hitl import request_key, signal_key
from aura.contracts.runs import owner_key, run_key
from aura.main_service.store import DecideAttempt, HitlStore
from tests.main_service.channel import listening
from tests.support.hitl import Pending, write_pending

SIGNAL = '{"type":"approval","requestId":"x","status":"approved","timestamp":1}'


async def decide(
    store: HitlStore, pending: Pending, expected: str | None = None, *, approving: bool = True
) -> tuple[str, str]:
    attempt = await attempt_of(store, pending, expected, approving=approving)
    return attempt.result, attempt.record


async def attempt_of(
    store: HitlStore, pending: Pending, expected: str | None = None, *, approving: bool = True
) -> DecideAttempt:
    return await store.decide(
        request_id=pending.request_id,
        session_id=pending.session_id,
        run_id=pending.record.run_id,
        expected_record=pending.text if expected is None else expected,
        decided_record='{"decided":true}',
        signal=SIGNAL,
        now=int(time.time()),
        needs_running_run=approving,
    )


async def test_a_record_rewritten_since_it_was_read_is_not_overwritten(redis: Redis) -> None:
    store = HitlStore(redis)
    pending = await write_pending(redis)
    rewritten = json.loads(pending.text) | {"message": "rewritten by Aura"}
    await redis.set(request_key(pending.request_id), json.dumps(rewritten), keepttl=True)

    result, current = await decide(store, pending)

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
    result, current = await decide(store, pending)
    assert result == expected and current == pending.text
    assert await redis.get(request_key(pending.request_id)) == pending.text
    assert await redis.exists(signal_key(pending.session_id)) == 0


async def test_a_missing_record_is_reported_and_nothing_is_written(redis: Redis) -> None:
    store = HitlStore(redis)
    pending = await write_pending(redis)
    await redis.delete(request_key(pending.request_id))
    result, _ = await decide(store, pending)
    assert result == "missing"
    assert await redis.exists(request_key(pending.request_id), signal_key(pending.session_id)) == 0


async def test_the_decided_record_keeps_its_ttl_and_the_signal_gets_300_seconds(
    redis: Redis,
) -> None:
    store = HitlStore(redis)
    pending = await write_pending(redis)
    await redis.expire(request_key(pending.request_id), 1234)
    result, _ = await decide(store, pending)
    assert result == "decided"
    assert await redis.get(request_key(pending.request_id)) == '{"decided":true}'
    assert 1200 < await redis.ttl(request_key(pending.request_id)) <= 1234
    assert await redis.get(signal_key(pending.session_id)) == SIGNAL
    assert 0 < await redis.ttl(signal_key(pending.session_id)) <= 300


async def test_an_approval_whose_owner_lease_lapsed_is_recorded_for_the_next_owner(
    redis: Redis,
) -> None:
    store = HitlStore(redis)
    pending = await write_pending(redis, live_owner=False)
    async with listening(redis, pending.session_id) as channel:
        attempt = await attempt_of(store, pending)
        published = await channel.published()
    assert (attempt.result, attempt.held) == ("decided", False)
    assert await redis.get(request_key(pending.request_id)) == '{"decided":true}'
    assert await redis.get(signal_key(pending.session_id)) == SIGNAL
    assert len(published) == 1


@pytest.mark.parametrize("run", ["ended", "gone"])
async def test_an_approval_of_a_run_that_is_not_running_is_refused(redis: Redis, run: str) -> None:
    store = HitlStore(redis)
    pending = await write_pending(redis)
    if run == "ended":
        await redis.hset(run_key(pending.record.run_id), "status", "failed")
    else:
        await redis.delete(run_key(pending.record.run_id))
    result, _ = await decide(store, pending)
    assert result == "ended"
    assert await redis.get(request_key(pending.request_id)) == pending.text


async def test_the_live_owner_is_checked_at_the_moment_of_the_decision(redis: Redis) -> None:
    store = HitlStore(redis)
    held, unheld = await write_pending(redis), await write_pending(redis)
    owner = await redis.hget(run_key(unheld.record.run_id), "owner")
    await redis.delete(owner_key(owner))
    assert (await attempt_of(store, unheld)).held is False
    assert (await attempt_of(store, held)).held is True


async def test_a_rejection_needs_no_live_owner(redis: Redis) -> None:
    store = HitlStore(redis)
    pending = await write_pending(redis, live_owner=False)
    result, _ = await decide(store, pending, approving=False)
    assert result == "decided"


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
