"""One approval, from its request to its settling: the request id and the decision."""

from typing import Literal, NewType, TypedDict

from pydantic import JsonValue

RequestId = NewType("RequestId", str)
"""`req_` and 16 hex digits: names the request record, its ledger entry and the app's
idempotency key, everywhere the same string."""

DecisionStatus = Literal["approved", "rejected", "expired"]


class Decision(TypedDict):
    """What became of a request: a person's decision, or its deadline's. Plain JSON: the runner
    resumes the graph with it and the checkpoint keeps it."""

    request_id: RequestId
    status: DecisionStatus
    params: dict[str, JsonValue] | None
    """The arguments approved (edited ones when the approver edited them); None otherwise."""
    reason: str | None
    decided_by: str | None
