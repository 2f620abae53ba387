"""The approval gate: announce a request, wait for a human decision, authorise what runs.

Order matters (docs/agent.md): the request and session records are written and the hub has
*confirmed* the subscription to `hitl:channel:{sessionId}` before the caller emits `hitl`; the
first check of the record happens right after subscribing, so a decision that arrived before
(published while nobody listened) is found at once. After that the waiter wakes on a message or
every `poll_seconds`, whichever comes first, and re-reads the record: a decision counts only when
the record it reads says so for the request id it waits for (a signal for another request on the
same session just causes a re-read). At the deadline the record is swapped to
`expired` by compare-and-set; if a decision won that race, the decision is honoured.

Both ends are signed (`aura.kit.approval_signatures`): `open` signs the request as written
(`requestSignature`: who asked, the arguments, the preview, the edit policy, …), and `authorise`
runs nothing unless the record carries that signature, names the request this run opened, and
carries the main service's `decisionSignature` over the decision and the exact arguments about
to run. A record rewritten in Redis (an `approved` status, new `params` with a recomputed
`paramsHash`, `editedParams`) fails one of these and is refused and logged.

Opening is all or nothing: if anything (a subscription that fails, the run being cancelled)
stops `open` after the records are written, the request is expired (only if still pending) and
the session settled before the failure propagates, so no approver sees a request nobody waits
for. Every ending settles the session record (`state` leaves `waiting`): `settle` after a
decision the run acted on, `abandon` for everything else (cancel, failure after approval, a
failed run), which also expires a request still pending.
"""

import asyncio
import contextlib
import json
import logging
import secrets
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from redis.exceptions import RedisError

from aura.agent.approvals.hub import Subscription, SubscriptionHub
from aura.agent.approvals.lifecycle import Decision, RequestId
from aura.agent.approvals.records import HitlStore, Observed, params_hash
from aura.agent.metrics import AgentMetrics
from aura.contracts.clock import unix_now
from aura.contracts.hitl import (
    NO_EDITS,
    EditPolicy,
    HitlRequest,
    HitlSession,
    channel_name,
    dump_record,
    load_request,
)
from aura.kit.approval_signatures import ApprovalSigner

logger = logging.getLogger("aura.agent.approvals")

SessionState = Literal["waiting", "decided", "expired"]


class ApprovalLostError(Exception):
    """The request record disappeared (deleted, or aged out) while the run waited."""


class ApprovalMismatchError(Exception):
    """What is about to run is not what was approved: it must not run."""


class ApprovalForgeryError(ApprovalMismatchError):
    """The record's signatures do not hold: it was written or rewritten outside the API."""


def new_request_id() -> str:
    return f"req_{secrets.token_hex(8)}"


@dataclass(frozen=True)
class ApprovalDraft:
    run_id: str
    session_id: str
    tenant_id: str
    user_id: str
    action: str
    params: dict[str, Any]
    params_schema: dict[str, Any]
    message: str
    preview: Any
    edit_policy: EditPolicy = NO_EDITS


@dataclass
class PendingApproval:
    request: HitlRequest
    subscription: Subscription
    deadline: float = field(default=0.0)
    """`time.monotonic()` at which the wait gives up."""


def _decision_from(record: HitlRequest) -> Decision | None:
    if record.status not in ("approved", "rejected", "expired"):
        return None
    return Decision(
        request_id=RequestId(record.request_id),
        status=record.status,
        params=record.params_to_run if record.status == "approved" else None,
        reason=record.reason,
        decided_by=record.decided_by,
    )


def _settled_state(record: HitlRequest | None) -> SessionState:
    """How a session ends for a request: decided by a person, or expired (or lost) otherwise."""
    if record is not None and record.status in ("approved", "rejected"):
        return "decided"
    return "expired"


def _session(request: HitlRequest, state: SessionState) -> HitlSession:
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


class ApprovalGate:
    def __init__(
        self,
        store: HitlStore,
        hub: SubscriptionHub,
        *,
        signer: ApprovalSigner,
        timeout_seconds: float,
        poll_seconds: float,
        outage_seconds: float = 0.0,
        metrics: AgentMetrics | None = None,
    ) -> None:
        self._metrics = metrics if metrics is not None else AgentMetrics()
        self._store = store
        self._hub = hub
        self._signer = signer
        self._timeout = timeout_seconds
        self._poll = poll_seconds
        self._outage = outage_seconds

    async def open(self, draft: ApprovalDraft) -> PendingApproval:
        """Write the records and get the channel subscription confirmed; then `hitl` may go out."""
        now = unix_now()
        request = HitlRequest(
            request_id=new_request_id(),
            session_id=draft.session_id,
            run_id=draft.run_id,
            tenant_id=draft.tenant_id,
            user_id=draft.user_id,
            action_type=draft.action,
            params=draft.params,
            params_schema=draft.params_schema,
            params_hash=params_hash(draft.params),
            message=draft.message,
            preview=draft.preview,
            status="pending",
            created_at=now,
            expires_at=now + int(self._timeout),
            edit_policy=draft.edit_policy,
        )
        signature = self._signer.sign_request(request.to_wire())
        request = request.model_copy(update={"request_signature": signature})
        raw = dump_record(request)
        # A cancellation can land after Redis wrote the records but before `create` returns:
        # the withdrawal covers that too (it only expires the record if it is this one).
        try:
            await self._store.create(request, _session(request, "waiting"))
            subscription = await self._hub.subscribe(channel_name(draft.session_id))
        except BaseException:
            with contextlib.suppress(RedisError, OSError):
                await asyncio.shield(self._withdraw(raw, request, "the run could not wait"))
            raise
        return PendingApproval(request, subscription, time.monotonic() + self._timeout)

    async def rearm(self, request_id: str, run_id: str) -> PendingApproval:
        """Wait again for a request this run opened in a process that died (durable runs).

        The record is the truth: subscribe to its channel again, and keep the deadline it
        carries (`expiresAt`), however long the run went unowned. A decision made meanwhile is
        found by the first re-read in `wait`; a deadline that passed meanwhile expires it there.
        """
        record = (await self._store.observe(request_id)).request
        if record is None or record.run_id != run_id:
            raise ApprovalLostError(request_id)
        subscription = await self._hub.subscribe(channel_name(record.session_id))
        remaining = record.expires_at - unix_now()
        return PendingApproval(record, subscription, time.monotonic() + max(remaining, 0))

    async def _withdraw(self, raw: str, record: HitlRequest, reason: str) -> None:
        """Expire the request if it is still the pending `raw`, then settle the session."""
        expired = record.model_copy(
            update={"status": "expired", "decided_at": unix_now(), "reason": reason}
        )
        current = await self._store.expire_if_pending(raw, expired)
        final = expired if current is None else load_request(current)
        await self._store.settle_session(_session(record, _settled_state(final)))

    async def wait(self, pending: PendingApproval) -> Decision:
        self._metrics.paused.inc()
        try:
            decision = await self._wait(pending)
        finally:
            self._metrics.paused.dec()
        # The deadline is the request's creation (just before `hitl` went out) plus the timeout.
        waited = time.monotonic() - (pending.deadline - self._timeout)
        self._metrics.decided(pending.request.run_id, decision["status"], waited)
        return decision

    async def _wait(self, pending: PendingApproval) -> Decision:
        while True:
            observed = await self._observe_through_outage(pending.request.request_id)
            record = observed.request
            if record is None or record.request_id != pending.request.request_id:
                raise ApprovalLostError(pending.request.request_id)
            decision = _decision_from(record)
            if decision is not None:
                return decision
            remaining = pending.deadline - time.monotonic()
            if remaining <= 0:
                assert observed.raw is not None
                return await self._expire(observed.raw, record)
            await pending.subscription.wait(min(self._poll, remaining))

    async def _observe_through_outage(self, request_id: str) -> Observed:
        """Read the record; while Redis is unreachable keep trying for `outage_seconds` (the
        record is the truth, so a decision made meanwhile is found once Redis answers)."""
        give_up = time.monotonic() + self._outage
        while True:
            try:
                return await self._store.observe(request_id)
            except (RedisError, OSError) as exc:
                if time.monotonic() >= give_up:
                    raise
                logger.warning("request %s: Redis unreachable (%r); waiting", request_id, exc)
                await asyncio.sleep(min(self._poll, 1.0))

    async def _expire(self, raw: str, record: HitlRequest) -> Decision:
        expired = record.model_copy(update={"status": "expired", "decided_at": unix_now()})
        current = await self._store.expire_if_pending(raw, expired)
        if current is None:
            return Decision(
                request_id=RequestId(record.request_id),
                status="expired",
                params=None,
                reason=None,
                decided_by=None,
            )
        winner = load_request(current)
        decision = _decision_from(winner)
        if decision is None:
            # Changed but still pending (no decision): try the swap again on what is there now.
            return await self._expire(current, winner)
        return decision

    async def abandon(self, pending: PendingApproval, reason: str) -> None:
        """The run stopped without acting on a decision (cancelled, failed): expire the request
        if nobody decided it yet, and settle the session either way."""
        try:
            seen = await self._store.observe(pending.request.request_id)
            if seen.raw is not None and seen.request is not None:
                if seen.request.status == "pending":
                    await self._withdraw(seen.raw, seen.request, reason)
                    return
                await self._store.settle_session(
                    _session(pending.request, _settled_state(seen.request))
                )
            else:
                await self._store.settle_session(_session(pending.request, "expired"))
        finally:
            await self.release(pending)

    async def abandon_session(self, session_id: str, run_id: str, reason: str) -> None:
        """For a run that died without a `PendingApproval` in this process: if the session
        record still says `run_id` waits, expire its request (only if still pending) and settle
        the session either way."""
        session = await self._store.read_session(session_id)
        if session is None or session.run_id != run_id:
            return
        if (session.model_extra or {}).get("state", "waiting") != "waiting":
            return
        seen = await self._store.observe(session.request_id)
        if seen.raw is not None and seen.request is not None:
            if seen.request.status == "pending":
                await self._withdraw(seen.raw, seen.request, reason)
                return
            await self._store.settle_session(_session(seen.request, _settled_state(seen.request)))
            return
        settled = session.model_copy(update={"state": "expired"})
        await self._store.settle_session(settled)

    async def release(self, pending: PendingApproval) -> None:
        await self._hub.unsubscribe(pending.subscription)

    async def authorise(
        self, request_id: str, decided: dict[str, Any], opened: HitlRequest | None = None
    ) -> dict[str, Any]:
        """The arguments an approval allows to run, after re-reading the record.

        The record must still say `approved`; it must carry Aura's signature of the request as
        opened (and be the very request `opened`, when this process opened it) and the main
        service's signature of this decision and of the arguments it authorises; its original
        arguments must still hash to the `paramsHash` that was announced, and the arguments the
        run is about to use must be the approved (or edited) ones.
        """
        observed = await self._store.observe(request_id)
        record = observed.request
        if record is None or observed.raw is None:
            raise ApprovalLostError(request_id)
        if record.status != "approved":
            raise ApprovalMismatchError(f"request {request_id} is {record.status}, not approved")
        self._verify_signatures(request_id, json.loads(observed.raw), record, opened)
        if params_hash(record.params) != record.params_hash:
            raise ApprovalMismatchError(
                "the request's arguments no longer match what was announced"
            )
        approved = record.params_to_run
        if params_hash(decided) != params_hash(approved):
            raise ApprovalMismatchError("the arguments about to run differ from the approved ones")
        return approved

    def _verify_signatures(
        self,
        request_id: str,
        document: dict[str, Any],
        record: HitlRequest,
        opened: HitlRequest | None,
    ) -> None:
        problem = None
        if not self._signer.request_is_signed(document):
            problem = "it does not carry Aura's signature of the request as opened"
        elif opened is not None and record.request_signature != opened.request_signature:
            problem = "it is not the request this run opened"
        elif not self._signer.decision_is_signed(document):
            problem = "its decision, decider or arguments are not the ones the main service signed"
        if problem is None:
            return
        logger.error(
            "refusing the approval of request %s (run %s, decided by %r): %s; the record was "
            "written outside the approval API, so nothing runs",
            request_id,
            record.run_id,
            record.decided_by,
            problem,
        )
        raise ApprovalForgeryError(f"request {request_id}: {problem}")

    async def settle(self, pending: PendingApproval, state: SessionState = "decided") -> None:
        """The run acted on the outcome: the session no longer waits on this request."""
        try:
            await self._store.settle_session(_session(pending.request, state))
        finally:
            await self.release(pending)

    @property
    def store(self) -> HitlStore:
        return self._store
