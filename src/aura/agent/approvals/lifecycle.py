"""One approval, from its request to its settling (docs/agent.md#the-approval-gate).

An `Approval` is everything a run does about one request for a person's decision:

    gate.open(draft) ───┬─► wait() ─► authorise(params) ─► execute_once(owner, action) ─► settle()
    gate.rearm(id, run) ┘        └─► rejected or expired ─────────────────────────────► settle()

`ask` opens it; a run resumed in another process re-arms it from the request's record. A run
that stops without acting on it calls `abandon` (or only `release`, when another process took
the run over and waits for the request now).

Order matters. `open` writes the request and session records and gets the subscription to
`hitl:channel:{sessionId}` *confirmed* before it returns, so the `hitl` event goes out only once a
decision published from then on reaches the run. `wait` reads the record first (a decision that
arrived before anyone listened is found at once), then wakes on a message, on the hub's
reconnect, or when the process's one poller (`poller.py`, every `poll_seconds`) sees the record
change, and reads again: a decision counts only when the record says so for this request id. At the
deadline the record is swapped to `expired` by compare-and-set; a decision that won that race is
honoured. A re-armed approval keeps the deadline its record carries (`expiresAt`) and subscribes
when it starts to wait.

Both ends are signed (`aura.kit.approval_signatures`): `open` signs the request as written, and
`authorise` lets nothing run unless the record still carries that signature, is the request this
approval opened, and carries the main service's `decisionSignature` over the decision and the
exact arguments about to run. `execute_once` runs an approved action at most once across
processes: a ledger claim (one Lua step: only the run's current owner, only once), then the
outcome. Opening is all or nothing (a failure after the records were written expires the request
before it propagates), and every ending settles the session record: `settle` after a decision the
run acted on, `abandon` otherwise (it also expires a request still pending).
"""

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal, Self, TypedDict

from pydantic import JsonValue
from redis.exceptions import RedisError

from aura.agent.approvals.hub import Subscription, SubscriptionHub
from aura.agent.approvals.poller import DecisionPoller, record_fingerprint
from aura.agent.approvals.records import ApprovalRecords, Observed, RequestId, params_hash
from aura.agent.approvals.sessions import SessionState, session_record, settled_state, withdraw
from aura.agent.metrics import AgentMetrics
from aura.contracts.clock import unix_now
from aura.contracts.hitl import (
    NO_EDITS,
    EditPolicy,
    HitlRequest,
    channel_name,
    dump_record,
    load_request,
)
from aura.kit.approval_signatures import ApprovalSigner

logger = logging.getLogger("aura.agent.approvals")

DecisionStatus = Literal["approved", "rejected", "expired"]
Arguments = dict[str, JsonValue]


class Decision(TypedDict):
    """What became of a request: a person's decision, or its deadline's. Plain JSON: the runner
    resumes the graph with it and the checkpoint keeps it."""

    request_id: RequestId
    status: DecisionStatus
    params: Arguments | None
    """The arguments approved (edited ones when the approver edited them); None otherwise."""
    reason: str | None
    decided_by: str | None


class ApprovalLostError(Exception):
    """The request record disappeared (deleted, or aged out), or names another run."""


class ApprovalMismatchError(Exception):
    """What is about to run is not what was approved: it must not run."""


class ApprovalForgeryError(ApprovalMismatchError):
    """The record's signatures do not hold: it was written or rewritten outside the API."""


class RunTakenOverError(Exception):
    """The ledger refused the claim: another process owns the run now and acts for it."""


@dataclass(frozen=True, slots=True)
class Execution:
    """How `execute_once` went: the action's result (None when an earlier attempt failed), and
    whether the ledger answered for an earlier attempt instead of the action running now."""

    result: Arguments | None
    replayed: bool = False


def new_request_id() -> RequestId:
    return RequestId(f"req_{secrets.token_hex(8)}")


@dataclass(frozen=True)
class ApprovalDraft:
    """What `ask` knows of the call it asks about; the gate adds ids, times and signature."""

    run_id: str
    session_id: str
    tenant_id: str
    user_id: str
    action: str
    params: Arguments
    params_schema: dict[str, JsonValue]
    message: str
    preview: JsonValue
    edit_policy: EditPolicy = NO_EDITS


@dataclass(frozen=True)
class GateParts:
    """What every approval of a process works with (the gate holds one)."""

    store: ApprovalRecords
    hub: SubscriptionHub
    poller: DecisionPoller
    signer: ApprovalSigner
    metrics: AgentMetrics
    timeout_seconds: float
    poll_seconds: float
    outage_seconds: float = 0.0


class Approval:
    """One request for a person's decision on one tool call (see the module's docstring)."""

    def __init__(
        self,
        parts: GateParts,
        request: HitlRequest,
        deadline: float,
        subscription: Subscription | None = None,
    ) -> None:
        self._parts = parts
        self._request = request
        self._deadline = deadline
        """`time.monotonic()` at which the wait gives up."""
        self._subscription = subscription

    @property
    def request_id(self) -> RequestId:
        return RequestId(self._request.request_id)

    @property
    def request(self) -> HitlRequest:
        """The request as this approval opened it (or, re-armed, as its record said then).

        Once `wait` starts, only its identity is kept (ids, owner, deadline, signature): its
        arguments, schema, preview and message went out with `hitl` and stay in the record,
        which is what every later check reads. Thousands of runs wait at once (issue 12)."""
        return self._request

    @classmethod
    async def open(cls, parts: GateParts, draft: ApprovalDraft) -> Self:
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
            expires_at=now + int(parts.timeout_seconds),
            edit_policy=draft.edit_policy,
        )
        signature = parts.signer.sign_request(request.to_wire())
        request = request.model_copy(update={"request_signature": signature})
        raw = dump_record(request)
        # A cancellation can land after Redis wrote the records but before `create` returns:
        # the withdrawal covers that too (it only expires the record if it is this one).
        try:
            await parts.store.create(request, session_record(request, "waiting"))
            subscription = await parts.hub.subscribe(channel_name(draft.session_id))
        except BaseException:
            with contextlib.suppress(RedisError, OSError):
                await asyncio.shield(withdraw(parts.store, raw, request, "the run could not wait"))
            raise
        return cls(parts, request, time.monotonic() + parts.timeout_seconds, subscription)

    @classmethod
    async def rearm(cls, parts: GateParts, request_id: RequestId, run_id: str) -> Self:
        """The approval a run opened in a process that died (durable runs), from its record.

        The record is the truth: the deadline is the one it carries (`expiresAt`), however long
        the run went unowned; a decision made meanwhile is found by the first read in `wait`,
        and a deadline that passed meanwhile expires the request there.
        """
        record = (await parts.store.observe(request_id)).request
        if record is None or record.run_id != run_id:
            raise ApprovalLostError(request_id)
        remaining = max(record.expires_at - unix_now(), 0)
        return cls(parts, record, time.monotonic() + remaining)

    async def wait(self) -> Decision:
        """The decision on the request, or `expired` at its deadline."""
        parts = self._parts
        self._request = _identity_of(self._request)
        if self._subscription is None:
            self._subscription = await parts.hub.subscribe(channel_name(self._request.session_id))
        parts.metrics.paused.inc()
        try:
            decision = await self._wait(self._subscription)
        finally:
            parts.metrics.paused.dec()
        # The deadline is the request's creation (just before `hitl` went out) plus the timeout.
        waited = time.monotonic() - (self._deadline - parts.timeout_seconds)
        parts.metrics.decided(self._request.run_id, decision["status"], waited)
        return decision

    async def _wait(self, subscription: Subscription) -> Decision:
        poller = self._parts.poller
        try:
            while True:
                decision, seen = await self._check()
                if decision is not None:
                    return decision
                poller.watch(self.request_id, seen, subscription)
                await subscription.wait(self._deadline - time.monotonic())
        finally:
            poller.unwatch(self.request_id)

    async def _check(self) -> tuple[Decision | None, int]:
        """One read of the record: its decision, `expired` past the deadline, else None; and
        the record's fingerprint, for the poller to tell when it changes.

        A function of its own so that the record read (the raw JSON and its parsed model, a few
        KiB) is let go before the run waits again, not held through the wait."""
        observed = await self._observe_through_outage()
        record = observed.request
        if record is None or record.request_id != self.request_id:
            raise ApprovalLostError(self.request_id)
        decision = _decision_from(record)
        if decision is None and self._deadline - time.monotonic() <= 0:
            assert observed.raw is not None
            decision = await self._expire(observed.raw, record)
        return decision, record_fingerprint(observed.raw)

    async def _observe_through_outage(self) -> Observed:
        """Read the record; while Redis is unreachable keep trying for `outage_seconds` (the
        record is the truth, so a decision made meanwhile is found once Redis answers)."""
        parts = self._parts
        give_up = time.monotonic() + parts.outage_seconds
        while True:
            try:
                return await parts.store.observe(self.request_id)
            except (RedisError, OSError) as exc:
                if time.monotonic() >= give_up:
                    raise
                logger.warning("request %s: Redis unreachable (%r); waiting", self.request_id, exc)
                await asyncio.sleep(min(parts.poll_seconds, 1.0))

    async def _expire(self, raw: str, record: HitlRequest) -> Decision:
        expired = record.model_copy(update={"status": "expired", "decided_at": unix_now()})
        current = await self._parts.store.expire_if_pending(raw, expired)
        if current is None:
            return Decision(
                request_id=self.request_id,
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

    async def authorise(self, decided: Arguments) -> Arguments:
        """The arguments the approval allows to run, after reading the record again.

        The record must still say `approved`; it must carry Aura's signature of the request as
        opened, be the very request this approval opened, and carry the main service's signature
        of this decision and of the arguments it authorises; its original arguments must still
        hash to the `paramsHash` that was announced, and `decided` (the arguments the run is
        about to use) must be the approved (or edited) ones.
        """
        observed = await self._parts.store.observe(self.request_id)
        record = observed.request
        if record is None or observed.raw is None:
            raise ApprovalLostError(self.request_id)
        if record.status != "approved":
            raise ApprovalMismatchError(
                f"request {self.request_id} is {record.status}, not approved"
            )
        self._verify_signatures(json.loads(observed.raw), record)
        if params_hash(record.params) != record.params_hash:
            raise ApprovalMismatchError(
                "the request's arguments no longer match what was announced"
            )
        approved: Arguments = record.params_to_run
        if params_hash(decided) != params_hash(approved):
            raise ApprovalMismatchError("the arguments about to run differ from the approved ones")
        return approved

    def _verify_signatures(self, document: dict[str, JsonValue], record: HitlRequest) -> None:
        signer, problem = self._parts.signer, None
        if not signer.request_is_signed(document):
            problem = "it does not carry Aura's signature of the request as opened"
        elif record.request_signature != self._request.request_signature:
            problem = "it is not the request this run opened"
        elif not signer.decision_is_signed(document):
            problem = "its decision, decider or arguments are not the ones the main service signed"
        if problem is None:
            return
        logger.error(
            "refusing the approval of request %s (run %s, decided by %r): %s; the record was "
            "written outside the approval API, so nothing runs",
            self.request_id,
            record.run_id,
            record.decided_by,
            problem,
        )
        raise ApprovalForgeryError(f"request {self.request_id}: {problem}")

    async def execute_once(
        self, owner_id: str, action: Callable[[], Awaitable[Arguments]]
    ) -> Execution:
        """Run the approved `action` once, whatever crashes and resumes happen around it.

        The ledger says whether an earlier attempt finished: its result is returned (`replayed`)
        and nothing runs again; one that failed is not retried (no result). An attempt that
        claimed the action and died before recording how it went is repeated: `action` must
        then be idempotent under the request id (the app's `Idempotency-Key`). The outcome is
        recorded before this returns or raises, so a caller that announces it afterwards never
        announces an outcome a later attempt could announce again. `RunTakenOverError` when
        `owner_id` no longer owns the run.
        """
        ledger, request_id = self._parts.store, self.request_id
        claim = await ledger.claim_execution(request_id, self._request.run_id, owner_id)
        if claim == "not_owner":
            raise RunTakenOverError(self._request.run_id)
        if claim == "taken":
            earlier = await ledger.execution_outcome(request_id)
            if earlier is not None:
                result = earlier.get("result") if earlier["status"] == "completed" else None
                return Execution(result, replayed=True)
            logger.warning("request %s: an earlier attempt died mid-call; repeating it", request_id)
        try:
            result = await action()
        except Exception as exc:
            await ledger.record_execution(request_id, {"status": "failed", "error": str(exc)})
            raise
        await ledger.record_execution(request_id, {"status": "completed", "result": result})
        return Execution(result)

    async def settle(self, state: SessionState = "decided") -> None:
        """The run acted on the outcome: the session no longer waits on this request."""
        try:
            await self._parts.store.settle_session(session_record(self._request, state))
        finally:
            await self.release()

    async def abandon(self, reason: str) -> None:
        """The run stopped without acting on a decision (cancelled, failed): expire the request
        if nobody decided it yet, and settle the session either way."""
        store = self._parts.store
        try:
            seen = await store.observe(self.request_id)
            if seen.raw is not None and seen.request is not None:
                if seen.request.status == "pending":
                    await withdraw(store, seen.raw, seen.request, reason)
                    return
                await store.settle_session(
                    session_record(self._request, settled_state(seen.request))
                )
            else:
                await store.settle_session(session_record(self._request, "expired"))
        finally:
            await self.release()

    async def release(self) -> None:
        """Stop listening for the decision; the records stay as they are (another process that
        took the run over waits for them now)."""
        subscription, self._subscription = self._subscription, None
        if subscription is not None:
            await self._parts.hub.unsubscribe(subscription)


def _identity_of(request: HitlRequest) -> HitlRequest:
    """The request without what only its announcement needed (arguments, schema, preview,
    message): what a waiting approval keeps of it. The record in Redis is untouched."""
    if not (request.params or request.params_schema or request.preview or request.message):
        return request
    return request.model_copy(
        update={"params": {}, "params_schema": {}, "preview": None, "message": ""}
    )


def _decision_from(record: HitlRequest) -> Decision | None:
    if record.status == "pending":
        return None
    return Decision(
        request_id=RequestId(record.request_id),
        status=record.status,
        params=record.params_to_run if record.status == "approved" else None,
        reason=record.reason,
        decided_by=record.decided_by,
    )
