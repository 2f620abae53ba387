"""What a refused decision must leave behind (the records come from tests.support.hitl)."""

from redis.asyncio import Redis

from aura.contracts.hitl import request_key, signal_key
from aura.main_service.repository import AuditRepository
from tests.support.hitl import Pending


async def assert_untouched(redis: Redis, audit: AuditRepository, pending: Pending) -> None:
    """A refused call leaves Redis and the database exactly as they were."""
    assert await redis.get(request_key(pending.request_id)) == pending.text
    assert await redis.exists(signal_key(pending.session_id)) == 0
    assert await audit.has_entry(pending.request_id) is False
