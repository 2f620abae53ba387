"""The SSE response of a run: tails the run's log, never runs anything itself.

Every frame is yielded separately (its own chunk); `: keep-alive` goes out while the log is idle;
the stream always ends with `data: [DONE]` and closes: after the logged `end`, after an error for
a cursor that is gone or was never sent, and after `error` + `end{failed}` for a run whose
process died before logging its `end`. The body is streamed from the app's outermost layer
(`aura.kit.stream_handoff`), so an open stream holds only this generator and its log reader. If
the client goes away, the generator is cancelled and nothing else: the run keeps going and can be
re-attached.
"""

from collections.abc import AsyncIterator

from redis.exceptions import RedisError

from aura.agent.event_log import (
    CursorExpiredError,
    CursorInvalidError,
    Heartbeat,
    RunLog,
    RunOrphanedError,
)
from aura.agent.runs.records import RunInfo
from aura.agent.runs.supervisor import RunSupervisor
from aura.agent.sse import DONE_LINE, HEARTBEAT_COMMENT, envelope_json, frame
from aura.contracts.events import End, Error
from aura.kit.stream_handoff import EventStreamResponse

SSE_HEADERS = {
    "Cache-Control": "no-cache",
    "Connection": "keep-alive",
    "X-Accel-Buffering": "no",
}


async def _frames(
    log: RunLog, supervisor: RunSupervisor, run_id: str, after: int
) -> AsyncIterator[str]:
    supervisor.metrics.open_streams.inc()
    try:
        async for item in log.follow(
            run_id,
            after,
            is_local=supervisor.is_local(run_id),
            is_alive=supervisor.is_alive(run_id),
        ):
            if isinstance(item, Heartbeat):
                yield HEARTBEAT_COMMENT
            else:
                yield frame(item.type, item.payload, run_id=run_id, seq=item.seq)
    except CursorExpiredError:
        error = Error(
            error="cursor_expired",
            error_type="CursorExpired",
            message=f"The events of run {run_id} after {after} are no longer held.",
        )
        yield frame("error", envelope_json(error))
    except CursorInvalidError as exc:
        error = Error(
            error="cursor_invalid",
            error_type="CursorInvalid",
            message=(
                f"Run {run_id} never sent event {exc.cursor}: its last event is {exc.head}. "
                "Re-attach with an id the stream sent, or none to replay the run."
            ),
        )
        yield frame("error", envelope_json(error))
    except RunOrphanedError:
        error = Error(
            error="run_lost",
            error_type="ServiceUnavailable",
            message=(
                f"The Aura process running {run_id} stopped before the run finished; "
                "it will not continue."
            ),
        )
        yield frame("error", envelope_json(error))
        yield frame("end", envelope_json(End(status="failed")))
    except (RedisError, OSError):
        error = Error(
            error="store_unavailable",
            error_type="StoreError",
            message="The run's event log could not be read (Redis unreachable).",
        )
        yield frame("error", envelope_json(error))
        yield frame("end", envelope_json(End(status="failed")))
    finally:
        supervisor.metrics.open_streams.dec()
    yield DONE_LINE


def run_stream(
    log: RunLog, supervisor: RunSupervisor, info: RunInfo, after: int
) -> EventStreamResponse:
    headers = {
        **SSE_HEADERS,
        "X-Aura-Run-ID": info.run_id,
        "X-Aura-Session-ID": info.session_id,
        "X-Aura-Thread-ID": info.thread_id,
    }
    return EventStreamResponse(_frames(log, supervisor, info.run_id, after), headers)
