"""The bodies of the HITL API: approve and reject, their answer, the audit log's entries."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from aura.contracts.hitl import Decision, RequestStatus

MAX_FREE_TEXT = 2000


class ApproveBody(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    user_id: str = Field(alias="userId", min_length=1, max_length=128)
    params: dict[str, Any] | None = None
    comment: str | None = Field(default=None, max_length=MAX_FREE_TEXT)


class RejectBody(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    user_id: str = Field(alias="userId", min_length=1, max_length=128)
    reason: str | None = Field(default=None, max_length=MAX_FREE_TEXT)


def _absent(value: object) -> bool:
    return value is None


class DecisionAnswer(BaseModel):
    """What approve and reject answer; `reason` for a rejection, `runHeld: false` when no live
    process held the run (the one that takes it over runs the approved action)."""

    model_config = ConfigDict(populate_by_name=True)

    request_id: str = Field(alias="requestId")
    session_id: str = Field(alias="sessionId")
    status: RequestStatus
    reason: str | None = Field(default=None, exclude_if=_absent)
    run_held: bool | None = Field(default=None, alias="runHeld", exclude_if=_absent)


class AuditEntry(BaseModel):
    """One decided request in the audit log; a null field is left out."""

    model_config = ConfigDict(populate_by_name=True)

    id: int
    request_id: str = Field(alias="requestId")
    session_id: str = Field(alias="sessionId")
    run_id: str = Field(alias="runId")
    tenant_id: str = Field(alias="tenantId")
    user_id: str = Field(alias="userId")
    action_type: str = Field(alias="actionType")
    decision: Decision
    decided_by: str = Field(alias="decidedBy")
    original_params: dict[str, Any] = Field(alias="originalParams")
    edited_params: dict[str, Any] | None = Field(
        default=None, alias="editedParams", exclude_if=_absent
    )
    reason: str | None = Field(default=None, exclude_if=_absent)
    comment: str | None = Field(default=None, exclude_if=_absent)
    created_at: str = Field(alias="createdAt", description="ISO-8601 UTC, seconds")
    decided_at: str = Field(alias="decidedAt", description="ISO-8601 UTC, seconds")
