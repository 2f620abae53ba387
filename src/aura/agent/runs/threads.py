"""Conversation threads in Redis: the session a thread's runs share and its last turns, which a
new run of the same thread gets as history. A thread belongs to one (tenant, user)
(`thread_key`), so nobody can read or extend anyone else's."""

import json
from typing import cast

from pydantic import JsonValue
from redis.asyncio import Redis
from redis.asyncio.client import Pipeline
from redis.exceptions import WatchError

from aura.agent.runs.records import new_id
from aura.contracts.identity import Caller
from aura.contracts.runs import thread_key

_TURNS_KEPT = 20


class ThreadStore:
    def __init__(self, redis: Redis, retention_seconds: int) -> None:
        self._redis = redis
        self._retention = retention_seconds

    async def thread(
        self, thread_id: str, caller: Caller
    ) -> tuple[str | None, list[dict[str, JsonValue]]]:
        """The session and earlier turns of the caller's thread; a new thread has neither."""
        key = thread_key(caller.tenant_id, caller.user_id, thread_id)
        data = cast(dict[str, str], await self._redis.hgetall(key))
        if not data:
            return None, []
        return data.get("sessionId"), json.loads(data.get("turns", "[]"))

    async def open_thread(
        self, thread_id: str, caller: Caller
    ) -> tuple[str, list[dict[str, JsonValue]]]:
        """The session and earlier turns of the caller's thread, created by its first request
        (so concurrent first requests of one owner share one session)."""
        key = thread_key(caller.tenant_id, caller.user_id, thread_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hsetnx(key, "sessionId", new_id("sess"))
            pipe.hset(key, mapping={"userId": caller.user_id, "tenantId": caller.tenant_id})
            pipe.expire(key, self._retention)
            pipe.hgetall(key)
            *_, data = await pipe.execute()
        record = cast(dict[str, str], data)
        return record["sessionId"], json.loads(record.get("turns", "[]"))

    def queue_begin(self, thread_id: str, caller: Caller, session_id: str, pipe: Pipeline) -> None:
        """Queue the record of a thread this service just named (nobody else can know its id
        yet, so there is no first request to race with) into the run's own records' MULTI: its
        session, for the runs that follow it."""
        key = thread_key(caller.tenant_id, caller.user_id, thread_id)
        pipe.hset(
            key,
            mapping={
                "sessionId": session_id,
                "userId": caller.user_id,
                "tenantId": caller.tenant_id,
            },
        )
        pipe.expire(key, self._retention)

    async def remember(
        self, thread_id: str, caller: Caller, session_id: str, prompt: str, answer: str
    ) -> None:
        """Append a turn to the thread: read and write under WATCH, retried when another run of
        the same thread wrote in between, so concurrent runs never lose each other's turns."""
        key = thread_key(caller.tenant_id, caller.user_id, thread_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(key)
                    data = cast(dict[str, str], await pipe.hgetall(key))
                    turns = [
                        *json.loads(data.get("turns", "[]")),
                        {"role": "user", "content": prompt},
                        {"role": "assistant", "content": answer},
                    ]
                    pipe.multi()  # type: ignore[no-untyped-call]
                    pipe.hset(
                        key,
                        mapping={
                            "userId": caller.user_id,
                            "tenantId": caller.tenant_id,
                            "sessionId": session_id,
                            "turns": json.dumps(turns[-_TURNS_KEPT:], ensure_ascii=False),
                        },
                    )
                    pipe.expire(key, self._retention)
                    await pipe.execute()
                    return
                except WatchError:
                    continue
