"""What the routes ask of the agent: start a run, re-attach to one, cancel one."""

import json
from functools import partial

from pydantic import JsonValue

from aura.agent.event_log import RunLog
from aura.agent.runs.records import RunInfo, RunStore, authorise, new_id
from aura.agent.runs.supervisor import RunSupervisor
from aura.agent.runs.threads import ThreadStore
from aura.agent.runtime.context import RunSpec
from aura.agent.schemas import MAX_CONTEXT_BYTES, StreamRequest
from aura.contracts.errors import ErrorCode
from aura.contracts.identity import Caller
from aura.contracts.sse import parse_event_id
from aura.kit.errors import DomainError, ValidationFailedError
from aura.kit.redis import QueuedWrite


class AgentService:
    def __init__(
        self, supervisor: RunSupervisor, store: RunStore, threads: ThreadStore, log: RunLog
    ) -> None:
        self.supervisor = supervisor
        self.store = store
        self.threads = threads
        self.log = log

    async def start(self, caller: Caller, body: StreamRequest, request_id: str) -> RunInfo:
        size = body.context_bytes()
        if size > MAX_CONTEXT_BYTES:
            raise DomainError(
                f"context is {size} bytes serialized; the limit is {MAX_CONTEXT_BYTES} bytes.",
                ErrorCode.PAYLOAD_TOO_LARGE,
            )
        alongside: QueuedWrite | None = None
        history: list[dict[str, JsonValue]] = []
        if body.thread_id is None:
            # A thread named here: recorded beside the run's own records, not before them.
            thread_id, session_id = new_id("thread"), new_id("sess")
            alongside = partial(self.threads.queue_begin, thread_id, caller, session_id)
        else:
            thread_id = body.thread_id
            session_id, history = await self.threads.open_thread(thread_id, caller)
        spec = RunSpec(
            run_id=new_id("run"),
            session_id=session_id,
            thread_id=thread_id,
            caller=caller,
            prompt=body.prompt,
            page=json.loads(json.dumps(body.context or {})),
            history=history,
            request_id=request_id,
        )
        return await self.supervisor.start(spec, alongside=alongside)

    async def attach(
        self, caller: Caller, run_id: str, last_event_id: str | None
    ) -> tuple[RunInfo, int]:
        """The run and the sequence number to replay after (0: from the beginning)."""
        info = authorise(await self.store.get(run_id), caller, run_id)
        if not last_event_id:
            return info, 0
        parsed = parse_event_id(last_event_id)
        if parsed is None or parsed[0] != run_id:
            raise ValidationFailedError(
                f"Last-Event-ID must look like '{run_id}:<seq>' for this run.",
                ErrorCode.BAD_FORMAT,
            )
        return info, parsed[1]

    async def cancel(self, caller: Caller, run_id: str) -> RunInfo:
        info = authorise(await self.store.get(run_id), caller, run_id)
        await self.supervisor.cancel(run_id)
        return info
