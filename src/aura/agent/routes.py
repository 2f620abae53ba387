"""HTTP surface of Aura-Platform (docs/contract.md#agent): thin routes over `AgentService`."""

from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import JSONResponse
from starlette.responses import StreamingResponse

from aura.agent.resources import ResourcesDep
from aura.agent.schemas import AgentHealth, CancelAnswer, StreamRequest
from aura.agent.streaming import run_stream
from aura.contracts.envelope import SuccessEnvelope, enveloped, error_body
from aura.contracts.errors import ErrorCode
from aura.kit.openapi import EVENT_STREAM_RESPONSE, error_responses
from aura.kit.request_context import current_request_id
from aura.kit.service import CallerDep
from aura.kit.stream_handoff import EventStreamResponse

router = APIRouter(default_response_class=JSONResponse)


@router.get("/health")
async def health(resources: ResourcesDep) -> AgentHealth:
    # Raw, not enveloped: the original health check reads `status` at the top level.
    return AgentHealth(environment=resources.settings.environment)


@router.post(
    "/aura/test/stream",
    response_class=StreamingResponse,
    responses={**EVENT_STREAM_RESPONSE, **error_responses(409)},
)
async def stream(
    caller: CallerDep, body: StreamRequest, resources: ResourcesDep
) -> EventStreamResponse:
    info = await resources.service.start(caller, body, current_request_id())
    return run_stream(resources.log, resources.supervisor, info, after=0)


@router.get(
    "/aura/test/stream",
    status_code=ErrorCode.METHOD_NOT_ALLOWED.http_status,
    responses=error_responses(405),
)
async def stream_retired_get() -> JSONResponse:
    return JSONResponse(
        error_body(
            ErrorCode.METHOD_NOT_ALLOWED,
            "GET /aura/test/stream is retired: send POST /aura/test/stream with a JSON body "
            '{"prompt": "...", "context": {...}} and Accept: text/event-stream.',
        ),
        status_code=ErrorCode.METHOD_NOT_ALLOWED.http_status,
        headers={"Allow": "POST"},
    )


@router.get(
    "/aura/runs/{run_id}/stream",
    response_class=StreamingResponse,
    responses={**EVENT_STREAM_RESPONSE, **error_responses(409)},
)
async def reattach(
    run_id: str,
    caller: CallerDep,
    resources: ResourcesDep,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
) -> EventStreamResponse:
    info, after = await resources.service.attach(caller, run_id, last_event_id)
    return run_stream(resources.log, resources.supervisor, info, after)


@router.post("/aura/runs/{run_id}/cancel", responses=error_responses(409))
async def cancel(
    run_id: str, caller: CallerDep, resources: ResourcesDep
) -> SuccessEnvelope[CancelAnswer]:
    info = await resources.service.cancel(caller, run_id)
    return enveloped(
        CancelAnswer(run_id=info.run_id, session_id=info.session_id),
        message="Cancel requested; the run's stream ends with end{status:cancelled}.",
    )
