"""The texts the main service reads and writes in Redis: request records and signals.

Records are updated as JSON documents, not round-tripped through the model, so that every field
Aura wrote (including ones this service does not know) is kept exactly as it was.
"""

import json
import re
from typing import Any

from pydantic import ValidationError

from aura.contracts.errors import ErrorCode
from aura.contracts.hitl import (
    REQUEST_ID_PATTERN,
    Decision,
    HitlRequest,
    HitlSession,
    RequestStatus,
    decision_signal,
    dump_json,
    dump_signal,
    load_request,
    load_session,
    load_signal,
)
from aura.kit.approval_signatures import ApprovalSigner, arguments_to_run
from aura.kit.errors import DomainError, NotFoundError

DEFAULT_REJECT_REASON = "사용자 거절"

SESSION_ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")


def ensure_request_id(request_id: str) -> None:
    """A malformed id cannot name a request: the same 404 as an unknown one."""
    if not REQUEST_ID_PATTERN.fullmatch(request_id):
        raise request_not_found(request_id)


def request_not_found(request_id: str) -> NotFoundError:
    shown = request_id if len(request_id) <= 64 else request_id[:64] + "…"
    return NotFoundError(f"No HITL request {shown} is on record (unknown, or aged out).")


def parse_request(text: str) -> HitlRequest:
    try:
        return load_request(text)
    except ValidationError as exc:
        raise DomainError(
            "A HITL request record in Redis is not a request record.", ErrorCode.INTERNAL
        ) from exc


def parse_session(text: str) -> HitlSession | None:
    try:
        return load_session(text)
    except ValidationError:
        return None


def signal_request_id(text: str) -> str | None:
    try:
        return load_signal(text).request_id
    except ValidationError:
        return None


def listed_status(record: HitlRequest, now: int) -> RequestStatus:
    """The status a listing shows: a pending request past its `expiresAt` is expired.

    Aura marks its own requests expired when their wait ends; a run that died never does, and
    its record would otherwise read `pending` until it ages out although nobody can decide it.
    """
    if record.status == "pending" and record.expires_at <= now:
        return "expired"
    return record.status


def decided_record(
    text: str,
    *,
    status: Decision,
    decided_by: str,
    decided_at: int,
    reason: str | None,
    comment: str | None,
    edited_params: dict[str, Any] | None,
    signer: ApprovalSigner,
) -> str:
    """The record `text` with the decision written into it, and signed (`decisionSignature`)."""
    document: dict[str, Any] = json.loads(text)
    document.update({"status": status, "decidedBy": decided_by, "decidedAt": decided_at})
    optional = {"reason": reason, "comment": comment, "editedParams": edited_params}
    document.update({key: value for key, value in optional.items() if value is not None})
    document["decisionSignature"] = signer.sign_decision(
        document,
        decision=status,
        decided_by=decided_by,
        decided_at=decided_at,
        arguments=arguments_to_run(document) if status == "approved" else None,
    )
    return dump_json(document)


def signal_text(
    request_id: str,
    status: Decision,
    timestamp: int,
    reason: str | None,
    params: dict[str, Any] | None,
) -> str:
    return dump_signal(decision_signal(request_id, status, timestamp, reason, params))


def outcome(record: HitlRequest) -> dict[str, Any]:
    """What approve and reject answer (docs/contract.md#main-service), fresh or replayed."""
    data: dict[str, Any] = {
        "requestId": record.request_id,
        "sessionId": record.session_id,
        "status": record.status,
    }
    if record.status == "rejected":
        data["reason"] = record.reason or DEFAULT_REJECT_REASON
    return data
