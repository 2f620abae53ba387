"""Approving and rejecting a HITL request: who may, what is checked, and in which order.

Order of a decision: the caller's own identity (body `userId`), the record (404 when none), the
tenant and the right to decide (403), the record's state (409), Aura's signature of the request
as opened (409 when the record was rewritten in Redis), the edited arguments (the edit policy
and the schema: 403/400), then the atomic Redis step (store: for an approval, a run that is still
running, else 409 with nothing written; record with the decision signature, signal, publish)
and last the audit row. An approval of a run that no live process holds right now (its process
died) is recorded all the same: the process that takes the run over applies it, and the answer
says so (`runHeld: false`). The Redis step is the decision; the audit row is derived from the
decided record, so a replay of the same decision completes an audit row that could not be
written the first time.
"""

import json
import logging
from dataclasses import dataclass
from typing import Any, Literal

from prometheus_client import CollectorRegistry, Counter
from sqlalchemy.exc import SQLAlchemyError

from aura.contracts.clock import unix_now
from aura.contracts.errors import ErrorCode
from aura.contracts.hitl import Decision, HitlRequest
from aura.contracts.identity import Caller
from aura.kit.approval_signatures import ApprovalSigner
from aura.kit.errors import DomainError, InvalidStateError
from aura.main_service.access import authorized_request, ensure_body_user
from aura.main_service.param_edits import edited_params
from aura.main_service.records import (
    DEFAULT_REJECT_REASON,
    decided_record,
    ensure_request_id,
    outcome,
    parse_request,
    signal_text,
)
from aura.main_service.repository import AuditRepository
from aura.main_service.store import HitlStore

logger = logging.getLogger("aura.main.hitl")

# A record changes under us only when Aura rewrites it while it is pending; a handful of retries
# is plenty, and bounds the loop if something keeps rewriting it.
_MAX_ATTEMPTS = 5

Answer = Literal["recorded", "replayed", "refused"]
"""What became of a decision asked for: written now, the same one again, or refused (4xx)."""


def decision_counter(registry: CollectorRegistry | None = None) -> Counter:
    return Counter(
        "aura_main_decisions_total",
        "Decisions asked of the main service, by outcome asked for and by answer.",
        ["outcome", "answer"],
        registry=registry if registry is not None else CollectorRegistry(),
    )


@dataclass(frozen=True)
class Wanted:
    """The decision a caller asks for."""

    status: Decision
    params: dict[str, Any] | None = None
    comment: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Outcome:
    data: dict[str, Any]
    replayed: bool
    run_held: bool = True
    """False when no live Aura process held the run: the process that takes it over acts."""


class DecisionService:
    def __init__(
        self,
        store: HitlStore,
        audit: AuditRepository,
        signer: ApprovalSigner,
        counter: Counter | None = None,
    ) -> None:
        self._store = store
        self._audit = audit
        self._signer = signer
        self._counter = counter if counter is not None else decision_counter()

    async def approve(
        self,
        caller: Caller,
        request_id: str,
        user_id: str,
        params: dict[str, Any] | None = None,
        comment: str | None = None,
    ) -> Outcome:
        wanted = Wanted("approved", params=params, comment=_text(comment))
        return await self._decide(caller, request_id, user_id, wanted)

    async def reject(
        self, caller: Caller, request_id: str, user_id: str, reason: str | None = None
    ) -> Outcome:
        wanted = Wanted("rejected", reason=_text(reason) or DEFAULT_REJECT_REASON)
        return await self._decide(caller, request_id, user_id, wanted)

    async def _decide(
        self, caller: Caller, request_id: str, user_id: str, wanted: Wanted
    ) -> Outcome:
        try:
            result = await self._decision(caller, request_id, user_id, wanted)
        except DomainError as error:
            if error.http_status < 500:  # a 5xx is a failure to answer, not a refusal
                self._counter.labels(wanted.status, "refused").inc()
            raise
        answer: Answer = "replayed" if result.replayed else "recorded"
        self._counter.labels(wanted.status, answer).inc()
        return result

    async def _decision(
        self, caller: Caller, request_id: str, user_id: str, wanted: Wanted
    ) -> Outcome:
        ensure_request_id(request_id)
        ensure_body_user(caller, user_id)
        text = await self._store.read_request(request_id)
        for _ in range(_MAX_ATTEMPTS):
            text, record = authorized_request(caller, request_id, text)
            if record.status != "pending":
                return await self._settled(text, record, wanted)
            result = await self._attempt(caller, text, record, wanted)
            if isinstance(result, Outcome):
                return result
            text = result
        raise InvalidStateError(f"Request {request_id} kept changing while being decided; retry.")

    async def _attempt(
        self, caller: Caller, text: str, record: HitlRequest, wanted: Wanted
    ) -> Outcome | str | None:
        """Decide a request read as pending: the outcome, or the record text now on file."""
        now = unix_now()
        if record.expires_at <= now:
            raise _expired(record.request_id)
        if not self._signer.request_is_signed(json.loads(text)):
            logger.error(
                "request %s: the record does not carry Aura's signature of the request as "
                "opened (rewritten in Redis?); refusing to decide it",
                record.request_id,
            )
            raise InvalidStateError(
                f"Request {record.request_id} was changed outside Aura (its signature does not "
                "match what Aura asked for), so it cannot be decided."
            )
        approving = wanted.status == "approved"
        edit = edited_params(record, wanted.params, caller) if approving else None
        decided = decided_record(
            text,
            status=wanted.status,
            decided_by=caller.user_id,
            decided_at=now,
            reason=wanted.reason,
            comment=wanted.comment,
            edited_params=edit,
            signer=self._signer,
        )
        attempt = await self._store.decide(
            request_id=record.request_id,
            session_id=record.session_id,
            run_id=record.run_id,
            expected_record=text,
            decided_record=decided,
            signal=signal_text(record.request_id, wanted.status, now, wanted.reason, edit),
            now=now,
            needs_running_run=approving,
        )
        if attempt.result == "lapsed":
            raise _expired(record.request_id)
        if attempt.result == "ended":
            raise _run_ended(record.request_id)
        if attempt.result != "decided":
            return attempt.record or None
        decided_request = parse_request(decided)
        await self._write_audit(decided_request)
        return Outcome(outcome(decided_request), replayed=False, run_held=attempt.held)

    async def _settled(self, text: str, record: HitlRequest, wanted: Wanted) -> Outcome:
        if record.status == "expired":
            raise _expired(record.request_id)
        if not self._signer.decision_is_signed(json.loads(text)):
            # Decided in Redis, not through this API: never acknowledged, never audited.
            logger.error(
                "request %s is %s without this service's decision signature (written in "
                "Redis?); refusing to acknowledge or audit it",
                record.request_id,
                record.status,
            )
            raise InvalidStateError(
                f"Request {record.request_id} was marked {record.status} outside the approval "
                "API (its decision signature does not hold), so Aura will not act on it."
            )
        if record.status != wanted.status:
            raise InvalidStateError(
                f"Request {record.request_id} was already {record.status}; it cannot be "
                f"{wanted.status} now."
            )
        if not await self._audit.has_entry(record.request_id):
            await self._write_audit(record)
        return Outcome(outcome(record), replayed=True)

    async def _write_audit(self, decided: HitlRequest) -> None:
        try:
            await self._audit.record(decided)
        except SQLAlchemyError:
            logger.exception("audit row for decided request %s not written", decided.request_id)
            raise DomainError(
                f"Request {decided.request_id} is {decided.status} and Aura was signalled, but "
                "the audit log could not be written; repeat the same call to complete it.",
                ErrorCode.INTERNAL,
            ) from None


def _run_ended(request_id: str) -> InvalidStateError:
    return InvalidStateError(
        f"Request {request_id} was not approved: the run that asked for it has already ended, "
        "so nothing could act on an approval. Ask Aura again."
    )


def _expired(request_id: str) -> InvalidStateError:
    return InvalidStateError(f"Request {request_id} has expired; it can no longer be decided.")


def _text(value: str | None) -> str | None:
    """Blank free text counts as none given."""
    return value.strip() if value and value.strip() else None
