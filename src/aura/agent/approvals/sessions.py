"""The session record, `hitl:session:{sessionId}`: which request of a session a run waits for,
and whether it still does (`state`, docs/agent.md#the-approval-gate).

Every ending of a run leaves its session out of `waiting`. Settling is a compare-and-set
(`ApprovalRecords.settle_session`): the record is rewritten only while it still names the same
request, so settling an old request never overwrites a newer request of the same session.
"""

from typing import Literal

from aura.agent.approvals.records import ApprovalRecords
from aura.contracts.clock import unix_now
from aura.contracts.hitl import HitlRequest, HitlSession, load_request

SessionState = Literal["waiting", "decided", "expired"]


async def withdraw(store: ApprovalRecords, raw: str, record: HitlRequest, reason: str) -> None:
    """Expire the request if it is still the pending `raw`, then settle the session."""
    expired = record.model_copy(
        update={"status": "expired", "decided_at": unix_now(), "reason": reason}
    )
    current = await store.expire_if_pending(raw, expired)
    final = expired if current is None else load_request(current)
    await store.settle_session(session_record(record, settled_state(final)))


def session_settled(record: HitlRequest) -> HitlSession:
    """The session record of a request that is no longer awaited."""
    return session_record(record, settled_state(record))


def settled_state(record: HitlRequest | None) -> SessionState:
    """How a session ends for a request: decided by a person, or expired (or lost) otherwise."""
    if record is not None and record.status in ("approved", "rejected"):
        return "decided"
    return "expired"


def session_record(request: HitlRequest, state: SessionState) -> HitlSession:
    """The session record; `state` tells whether `requestId` is still awaiting a decision."""
    return HitlSession.model_validate(
        {
            "sessionId": request.session_id,
            "runId": request.run_id,
            "requestId": request.request_id,
            "userId": request.user_id,
            "tenantId": request.tenant_id,
            "state": state,
        }
    )
