"""`/aura/hitl/*`: thin routes over the decision and query services (SPEC §6.3)."""

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import JSONResponse

from aura.contracts.envelope import FieldProblem, success_body
from aura.contracts.errors import ErrorCode
from aura.contracts.hitl import RequestStatus
from aura.contracts.identity import Caller
from aura.kit.errors import DomainError
from aura.kit.openapi import error_responses
from aura.kit.service import CallerDep
from aura.main_service.hitl.decisions import Outcome
from aura.main_service.hitl.schemas import ApproveBody, RejectBody
from aura.main_service.resources import ResourcesDep

router = APIRouter(prefix="/aura/hitl", tags=["hitl"])

# 409: replayed, expired, changed while deciding, or its run ended; 503: Redis unreachable.
DECISION_ERRORS = error_responses(409, 503)
UNHELD_MESSAGE = (
    "Request approved. No Aura process holds this run right now; the one that takes it over "
    "runs the approved action."
)

REPLAY_MESSAGE = "already processed"
NO_SIGNAL_MESSAGE = "No signal found for session"


def deciding_caller(caller: CallerDep, x_user_id: Annotated[str | None, Header()] = None) -> Caller:
    """Approve and reject also need `X-User-ID` (its value was checked against the token)."""
    if x_user_id is None:
        raise DomainError(
            "X-User-ID header is required to approve or reject.",
            ErrorCode.MISSING_FIELD,
            [FieldProblem(field="X-User-ID", reason="header is required")],
        )
    return caller


DecidingCallerDep = Annotated[Caller, Depends(deciding_caller)]


def _answer(result: Outcome, message: str) -> JSONResponse:
    if result.replayed:
        return JSONResponse(success_body(result.data, REPLAY_MESSAGE), status_code=409)
    return JSONResponse(success_body(result.data, message))


@router.post("/approve/{request_id}", responses=DECISION_ERRORS)
async def approve(
    request_id: str,
    body: ApproveBody,
    caller: DecidingCallerDep,
    services: ResourcesDep,
) -> JSONResponse:
    result = await services.decisions.approve(
        caller, request_id, body.user_id, params=body.params, comment=body.comment
    )
    if not result.run_held:
        return _answer(replace(result, data={**result.data, "runHeld": False}), UNHELD_MESSAGE)
    return _answer(result, "Request approved")


@router.post("/reject/{request_id}", responses=DECISION_ERRORS)
async def reject(
    request_id: str,
    body: RejectBody,
    caller: DecidingCallerDep,
    services: ResourcesDep,
) -> JSONResponse:
    result = await services.decisions.reject(caller, request_id, body.user_id, reason=body.reason)
    return _answer(result, "Request rejected")


@router.get("/requests/{request_id}")
async def request_record(
    request_id: str,
    caller: CallerDep,
    services: ResourcesDep,
) -> dict[str, Any]:
    text = await services.queries.request_text(caller, request_id)
    return success_body(text, "Request retrieved")


@router.get("/requests")
async def request_list(
    caller: CallerDep,
    services: ResourcesDep,
    status: RequestStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    found = await services.queries.requests(caller, status, limit)
    return success_body(found, f"{len(found)} request(s)")


@router.get("/signals/{session_id}")
async def session_signal(
    session_id: str,
    caller: CallerDep,
    services: ResourcesDep,
) -> dict[str, Any]:
    signal = await services.queries.signal_text(caller, session_id)
    if signal is None:
        return success_body(None, NO_SIGNAL_MESSAGE)
    return success_body(signal, "Signal retrieved")


@router.get("/audit")
async def audit_entries(
    caller: CallerDep,
    services: ResourcesDep,
    request_id: Annotated[str | None, Query(alias="requestId", max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    entries = await services.queries.audit_entries(caller, request_id, limit)
    return success_body(entries, f"{len(entries)} audit entr{'y' if len(entries) == 1 else 'ies'}")
