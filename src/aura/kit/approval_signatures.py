"""HMAC-SHA256 signatures that bind an approval to exactly what was asked and what will run.

Write access to Redis must not be approval authority (docs/agent.md#the-approval-gate), so the
request record carries two signatures made with `APPROVAL_SIGNING_KEY`, a key that lives in the
agent's and the main service's configuration and never in Redis:

- the **request signature**, made by Aura when it opens the request, over the request as opened
  (who asked, the action, its arguments and their hash, the argument schema, the preview, the
  message, the edit policy, the deadline). It binds the preview to the arguments and lets both
  services detect a record rewritten in Redis before or after the decision;
- the **decision signature**, made by the main service when it decides, over the request id, the
  decision, who decided and when, the exact arguments that are to run (the edited ones when a
  person edited them), and the request signature (so it cannot be moved to another request).

Each payload is canonical JSON (sorted keys, no spaces, UTF-8) with a `purpose` of its own, so a
signature of one kind never verifies as the other. Verification compares in constant time.
"""

import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

REQUEST_PURPOSE = "aura.hitl.request.v1"
DECISION_PURPOSE = "aura.hitl.decision.v1"

SIGNED_REQUEST_FIELDS = (
    "requestId",
    "sessionId",
    "runId",
    "tenantId",
    "userId",
    "actionType",
    "params",
    "paramsSchema",
    "paramsHash",
    "message",
    "preview",
    "editPolicy",
    "createdAt",
    "expiresAt",
)
"""The fields of the request record (its wire names) that the request signature covers."""


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def arguments_to_run(record: Mapping[str, Any]) -> Any:
    """What an approval of this record authorises: the edited arguments, else the proposed."""
    edited = record.get("editedParams")
    return edited if edited is not None else record.get("params")


class ApprovalSigner:
    def __init__(self, key: str) -> None:
        if not key:
            raise ValueError("the approval signing key is empty")
        self._key = key.encode("utf-8")

    def _sign(self, payload: Mapping[str, Any]) -> str:
        return hmac.new(self._key, canonical_json(payload), hashlib.sha256).hexdigest()

    def _matches(self, signature: object, payload: Mapping[str, Any]) -> bool:
        if not isinstance(signature, str):
            return False
        return hmac.compare_digest(signature, self._sign(payload))

    def sign_request(self, record: Mapping[str, Any]) -> str:
        """The request signature of a record (its wire form, as Aura writes it)."""
        return self._sign(_request_payload(record))

    def request_is_signed(self, record: Mapping[str, Any]) -> bool:
        return self._matches(record.get("requestSignature"), _request_payload(record))

    def sign_decision(
        self,
        record: Mapping[str, Any],
        *,
        decision: str,
        decided_by: str,
        decided_at: int,
        arguments: Any,
    ) -> str:
        """The decision signature for the request `record` (as opened, with its signature)."""
        return self._sign(
            _decision_payload(
                record.get("requestId"),
                decision,
                decided_by,
                decided_at,
                arguments,
                record.get("requestSignature"),
            )
        )

    def decision_is_signed(self, record: Mapping[str, Any]) -> bool:
        """Whether a decided record's decision, decider, time and arguments to run are the ones
        the main service signed (for a rejection, the arguments are none)."""
        decision = record.get("status")
        arguments = arguments_to_run(record) if decision == "approved" else None
        payload = _decision_payload(
            record.get("requestId"),
            decision,
            record.get("decidedBy"),
            record.get("decidedAt"),
            arguments,
            record.get("requestSignature"),
        )
        return self._matches(record.get("decisionSignature"), payload)


def _request_payload(record: Mapping[str, Any]) -> dict[str, Any]:
    return {"purpose": REQUEST_PURPOSE, **{key: record.get(key) for key in SIGNED_REQUEST_FIELDS}}


def _decision_payload(
    request_id: object,
    decision: object,
    decided_by: object,
    decided_at: object,
    arguments: Any,
    request_signature: object,
) -> dict[str, Any]:
    return {
        "purpose": DECISION_PURPOSE,
        "requestId": request_id,
        "decision": decision,
        "decidedBy": decided_by,
        "decidedAt": decided_at,
        "arguments": arguments,
        "requestSignature": request_signature,
    }
