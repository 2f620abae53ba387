"""HITL records, signals, their Redis key names and their JSON text
(docs/contract.md#hitl-records-and-redis-keys).

Aura and the main service both rewrite a request record with a compare-and-set in Lua that
compares the record's exact bytes, so both write it with `dump_record`/`dump_json` and nothing
else: compact separators, non-ASCII (Korean) kept as is.
"""

import json
import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import ConfigDict, Field

from aura.contracts.wire import OpenWireModel

RequestStatus = Literal["pending", "approved", "rejected", "expired"]
Decision = Literal["approved", "rejected"]
EditKind = Literal["none", "subset", "requester", "any"]

REQUEST_TTL_SECONDS = 1800
SESSION_TTL_SECONDS = 3600
SIGNAL_TTL_SECONDS = 300

REQUEST_ID_PATTERN = re.compile(r"^req_[0-9a-f]{16}$")


def request_key(request_id: str) -> str:
    return f"hitl:request:{request_id}"


def session_key(session_id: str) -> str:
    return f"hitl:session:{session_id}"


def signal_key(session_id: str) -> str:
    return f"hitl:signal:{session_id}"


def channel_name(session_id: str) -> str:
    return f"hitl:channel:{session_id}"


def tenant_index_key(tenant_id: str) -> str:
    """Sorted set of a tenant's request ids, scored by creation time (for listing)."""
    return f"hitl:tenant:{tenant_id}:requests"


class EditPolicy(OpenWireModel):
    """How the arguments of a request may be changed when it is approved (docs/contract.md).

    The tool declares it and Aura writes it into the request record, so that the main service,
    which never imports a tool, can enforce it:

    - `none`: approve or reject as proposed.
    - `subset`: the list argument `field` may shrink to a non-empty subset of what was proposed
      (and previewed); every other argument stays as it is.
    - `requester`: the requester may change anything the argument schema allows (content they
      author, such as a mail); anyone else approves or rejects it as it is.
    - `any`: whoever may decide may change anything the argument schema allows.
    """

    model_config = ConfigDict(frozen=True)

    kind: EditKind = "none"
    field: str | None = None


NO_EDITS = EditPolicy(kind="none")


class HitlRequest(OpenWireModel):
    """`hitl:request:{requestId}`: written by Aura, decided by the main service.

    `requestSignature` is Aura's HMAC over the request as opened, `decisionSignature` the main
    service's over the decision and the exact arguments it authorises
    (`aura.kit.approval_signatures`).
    """

    request_id: str = Field(alias="requestId")
    session_id: str = Field(alias="sessionId")
    run_id: str = Field(alias="runId")
    tenant_id: str = Field(alias="tenantId")
    user_id: str = Field(alias="userId")
    action_type: str = Field(alias="actionType")
    params: dict[str, Any]
    params_schema: dict[str, Any] = Field(alias="paramsSchema")
    params_hash: str = Field(alias="paramsHash")
    message: str
    preview: Any = None
    status: RequestStatus = "pending"
    created_at: int = Field(alias="createdAt")
    expires_at: int = Field(alias="expiresAt")
    decided_by: str | None = Field(default=None, alias="decidedBy")
    decided_at: int | None = Field(default=None, alias="decidedAt")
    reason: str | None = None
    edited_params: dict[str, Any] | None = Field(default=None, alias="editedParams")
    comment: str | None = None
    edit_policy: EditPolicy | None = Field(default=None, alias="editPolicy")
    request_signature: str | None = Field(default=None, alias="requestSignature")
    decision_signature: str | None = Field(default=None, alias="decisionSignature")

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")

    @property
    def params_to_run(self) -> dict[str, Any]:
        """The arguments an approval authorises: the edited ones when a person edited them."""
        return self.edited_params if self.edited_params is not None else self.params


class HitlSession(OpenWireModel):
    """`hitl:session:{sessionId}`: which request a session is waiting on."""

    session_id: str = Field(alias="sessionId")
    run_id: str = Field(alias="runId")
    request_id: str = Field(alias="requestId")
    user_id: str = Field(alias="userId")
    tenant_id: str = Field(alias="tenantId")

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class HitlSignal(OpenWireModel):
    """The decision signal: exactly the seed's shape, extra fields allowed."""

    type: Literal["approval", "rejection"]
    request_id: str = Field(alias="requestId")
    status: Literal["approved", "rejected"]
    timestamp: int
    reason: str | None = None
    params: dict[str, Any] | None = None

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


# The seed's key order of a signal; fields it does not show come after.
SIGNAL_KEY_ORDER = ("type", "requestId", "status", "reason", "timestamp", "params")


def dump_json(document: Mapping[str, Any]) -> str:
    """Compact JSON with Korean kept as is: the bytes the compare-and-set scripts compare."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def dump_record(record: HitlRequest | HitlSession) -> str:
    return dump_json(record.to_wire())


def load_request(text: str | bytes) -> HitlRequest:
    """Raises pydantic's `ValidationError` when the text is not a request record."""
    return HitlRequest.model_validate_json(text)


def load_session(text: str | bytes) -> HitlSession:
    return HitlSession.model_validate_json(text)


def load_signal(text: str | bytes) -> HitlSignal:
    return HitlSignal.model_validate_json(text)


def decision_signal(
    request_id: str,
    status: Decision,
    timestamp: int,
    reason: str | None = None,
    params: dict[str, Any] | None = None,
) -> HitlSignal:
    """The signal of a decision; a reason belongs to a rejection only."""
    return HitlSignal(
        type="approval" if status == "approved" else "rejection",
        request_id=request_id,
        status=status,
        timestamp=timestamp,
        reason=reason if status == "rejected" else None,
        params=params,
    )


def dump_signal(signal: HitlSignal) -> str:
    """The signal's text in the seed's key order."""
    wire = signal.to_wire()
    ordered = {key: wire[key] for key in SIGNAL_KEY_ORDER if key in wire}
    ordered.update({key: value for key, value in wire.items() if key not in ordered})
    return dump_json(ordered)
