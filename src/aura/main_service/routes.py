"""`/aura/hitl/*`: thin routes over decisions and queries (docs/contract.md#main-service)."""

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import JSONResponse

from aura.contracts.envelope import FieldProblem, SuccessEnvelope, enveloped, success_body
from aura.contracts.errors import ErrorCode
from aura.contracts.hitl import RequestStatus
from aura.contracts.identity import Caller
from aura.kit.errors import DomainError
from aura.kit.openapi import error_responses
from aura.kit.service import CallerDep
from aura.main_service.resources import ResourcesDep
from aura.main_service.schemas import ApproveBody, AuditEntry, DecisionAnswer, RejectBody
from aura.main_service.service import Outcome

router = APIRouter(prefix="/aura/hitl", tags=["hitl"], default_response_class=JSONResponse)

# 409: expired, changed while deciding, or its run ended (the error envelope), or a repeated
# decision (the success envelope, message "already processed"); 503: Redis unreachable.
DECISION_ERRORS = error_responses(409, 503)
UNHELD_MESSAGE = (
    "Request approved. No Aura process holds this run right now; the one that takes it over "
    "runs the approved action."
)

REPLAY_MESSAGE = "already processed"
NO_SIGNAL_MESSAGE = "No signal found for session"


async def deciding_caller(
    caller: CallerDep, x_user_id: Annotated[str | None, Header()] = None
) -> Caller:
    """Approve and reject also need `X-User-ID` (its value was checked against the token)."""
    if x_user_id is None:
        raise DomainError(
            "X-User-ID header is required to approve or reject.",
            ErrorCode.MISSING_FIELD,
            [FieldProblem(field="X-User-ID", reason="header is required")],
        )
    return caller


DecidingCallerDep = Annotated[Caller, Depends(deciding_caller)]


def _answer(result: Outcome, message: str) -> SuccessEnvelope[DecisionAnswer] | JSONResponse:
    if result.replayed:
        return JSONResponse(success_body(result.data, REPLAY_MESSAGE), status_code=409)
    return enveloped(DecisionAnswer.model_validate(result.data), message)


@router.post(
    "/approve/{request_id}",
    response_model=SuccessEnvelope[DecisionAnswer],
    responses=DECISION_ERRORS,
)
async def approve(
    request_id: str,
    body: ApproveBody,
    caller: DecidingCallerDep,
    resources: ResourcesDep,
) -> SuccessEnvelope[DecisionAnswer] | JSONResponse:
    result = await resources.decisions.approve(
        caller, request_id, body.user_id, params=body.params, comment=body.comment
    )
    if not result.run_held:
        return _answer(replace(result, data={**result.data, "runHeld": False}), UNHELD_MESSAGE)
    return _answer(result, "Request approved")


@router.post(
    "/reject/{request_id}",
    response_model=SuccessEnvelope[DecisionAnswer],
    responses=DECISION_ERRORS,
)
async def reject(
    request_id: str,
    body: RejectBody,
    caller: DecidingCallerDep,
    resources: ResourcesDep,
) -> SuccessEnvelope[DecisionAnswer] | JSONResponse:
    result = await resources.decisions.reject(caller, request_id, body.user_id, reason=body.reason)
    return _answer(result, "Request rejected")


@router.get("/requests/{request_id}")
async def request_record(
    request_id: str,
    caller: CallerDep,
    resources: ResourcesDep,
) -> SuccessEnvelope[str]:
    """The request record as stored: a JSON document in a string (docs/contract.md#main-service)."""
    text = await resources.queries.request_text(caller, request_id)
    return enveloped(text, "Request retrieved")


@router.get("/requests")
async def request_list(
    caller: CallerDep,
    resources: ResourcesDep,
    status: RequestStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> SuccessEnvelope[list[dict[str, Any]]]:
    """The caller's requests (an approver's: the tenant's), each a request record whose `status`
    says `expired` once its deadline has passed."""
    found = await resources.queries.requests(caller, status, limit)
    return enveloped(found, f"{len(found)} request(s)")


@router.get("/signals/{session_id}")
async def session_signal(
    session_id: str,
    caller: CallerDep,
    resources: ResourcesDep,
) -> SuccessEnvelope[str | None]:
    """The session's decision signal as stored, a JSON document in a string; no `data` when none."""
    signal = await resources.queries.signal_text(caller, session_id)
    if signal is None:
        return enveloped(None, NO_SIGNAL_MESSAGE)
    return enveloped(signal, "Signal retrieved")


@router.get("/audit")
async def audit_entries(
    caller: CallerDep,
    resources: ResourcesDep,
    request_id: Annotated[str | None, Query(alias="requestId", max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> SuccessEnvelope[list[AuditEntry]]:
    entries = await resources.queries.audit_entries(caller, request_id, limit)
    return enveloped(entries, f"{len(entries)} audit entr{'y' if len(entries) == 1 else 'ies'}")
