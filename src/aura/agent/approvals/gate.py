"""The approval gate: where a process's approvals come from (docs/agent.md#the-approval-gate).

One gate per agent process holds what every approval works with (the HITL records, the pub/sub
hub, the poller of waiting records, the signer, the timeouts and the metrics). It opens an
`Approval` for a call (`open`), re-arms the approval a run opened in a process that died (`rearm`,
when the run is taken over), and ties the loose ends of a run that left no checkpoint to resume
(`abandon_session`). Everything about one approval after that is the `Approval`'s
(`lifecycle.py`).
"""

from aura.agent.approvals.hub import SubscriptionHub
from aura.agent.approvals.lifecycle import Approval, ApprovalDraft, GateParts
from aura.agent.approvals.poller import DecisionPoller
from aura.agent.approvals.records import ApprovalRecords, RequestId
from aura.agent.approvals.sessions import session_settled, withdraw
from aura.agent.metrics import AgentMetrics
from aura.kit.approval_signatures import ApprovalSigner


class ApprovalGate:
    def __init__(
        self,
        store: ApprovalRecords,
        hub: SubscriptionHub,
        *,
        signer: ApprovalSigner,
        timeout_seconds: float,
        poll_seconds: float,
        outage_seconds: float = 0.0,
        metrics: AgentMetrics | None = None,
    ) -> None:
        self._parts = GateParts(
            store=store,
            hub=hub,
            poller=DecisionPoller(store, poll_seconds),
            signer=signer,
            metrics=metrics if metrics is not None else AgentMetrics(),
            timeout_seconds=timeout_seconds,
            poll_seconds=poll_seconds,
            outage_seconds=outage_seconds,
        )

    async def open(self, draft: ApprovalDraft) -> Approval:
        """Records written and the channel subscription confirmed: `hitl` may go out."""
        return await Approval.open(self._parts, draft)

    async def rearm(self, request_id: RequestId, run_id: str) -> Approval:
        """The approval `run_id` opened before its process died, from the request's record."""
        return await Approval.rearm(self._parts, request_id, run_id)

    async def abandon_session(self, session_id: str, run_id: str, reason: str) -> None:
        """For a run that died and left nothing to resume: if the session record still says
        `run_id` waits, expire its request (only if still pending) and settle the session."""
        store = self._parts.store
        session = await store.read_session(session_id)
        if session is None or session.run_id != run_id:
            return
        if (session.model_extra or {}).get("state", "waiting") != "waiting":
            return
        seen = await store.observe(RequestId(session.request_id))
        if seen.raw is not None and seen.request is not None:
            if seen.request.status == "pending":
                await withdraw(store, seen.raw, seen.request, reason)
            else:
                await store.settle_session(session_settled(seen.request))
            return
        await store.settle_session(session.model_copy(update={"state": "expired"}))
