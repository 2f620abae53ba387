"""The read side of the HITL API: requests, signals and audit entries, tenant- and user-checked.

Users without a deciding role see their own runs' requests only; approvers and admins see their
whole tenant's. Another tenant's request is refused with 403 E2007, as the decisions are. A
listing shows a pending request past its `expiresAt` as `expired` (its run died before marking
it), so `status=pending` lists only what can still be decided; a single record is returned as
stored.
"""

import json
import logging
from typing import Any

from aura.contracts.clock import unix_now
from aura.contracts.hitl import RequestStatus
from aura.contracts.identity import Caller
from aura.kit.errors import DomainError, NotFoundError
from aura.kit.identity import authorize_owner, may_act_for
from aura.main_service.access import authorized_request
from aura.main_service.records import (
    SESSION_ID_PATTERN,
    ensure_request_id,
    listed_status,
    parse_request,
    parse_session,
    signal_request_id,
)
from aura.main_service.repository import AuditRepository
from aura.main_service.schemas import AuditEntry
from aura.main_service.store import HitlStore

logger = logging.getLogger("aura.main.hitl")


class HitlQueries:
    def __init__(self, store: HitlStore, audit: AuditRepository) -> None:
        self._store = store
        self._audit = audit

    async def request_text(self, caller: Caller, request_id: str) -> str:
        """The stored record exactly as Aura and the decision wrote it."""
        ensure_request_id(request_id)
        text, _ = authorized_request(caller, request_id, await self._store.read_request(request_id))
        return text

    async def requests(
        self, caller: Caller, status: RequestStatus | None, limit: int
    ) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        now = unix_now()
        async for text in self._store.tenant_requests(caller.tenant_id, now):
            try:
                record = parse_request(text)
            except DomainError:
                logger.warning("skipping a malformed request record in %s", caller.tenant_id)
                continue
            if not may_act_for(caller, record.tenant_id, record.user_id, deciders_allowed=True):
                continue
            shown = listed_status(record, now)
            if status is not None and shown != status:
                continue
            item = json.loads(text)
            item["status"] = shown
            found.append(item)
            if len(found) >= limit:
                break
        return found

    async def signal_text(self, caller: Caller, session_id: str) -> str | None:
        """The session's signal, or None when there is none the caller may be shown.

        The session record names the owner; once it is gone, the request the signal answers
        does. A signal whose owner cannot be established is not shown.
        """
        if not SESSION_ID_PATTERN.fullmatch(session_id):
            # As for request ids: a malformed id cannot name a session, so the same 404.
            shown = session_id if len(session_id) <= 64 else session_id[:64] + "…"
            raise NotFoundError(f"No HITL session {shown} is on record.")
        session_text = await self._store.read_session(session_id)
        signal = await self._store.read_signal(session_id)
        session = parse_session(session_text) if session_text else None
        if session is not None:
            owner_tenant, owner_user = session.tenant_id, session.user_id
        elif signal is not None:
            owner = await self._signal_owner(signal)
            if owner is None:
                return None
            owner_tenant, owner_user = owner
        else:
            return None
        authorize_owner(
            caller, owner_tenant, owner_user, deciders_allowed=True, what=f"Session {session_id}"
        )
        return signal

    async def _signal_owner(self, signal: str) -> tuple[str, str] | None:
        request_id = signal_request_id(signal)
        text = await self._store.read_request(request_id) if request_id else None
        if text is None:
            return None
        record = parse_request(text)
        return record.tenant_id, record.user_id

    async def audit_entries(
        self, caller: Caller, request_id: str | None, limit: int
    ) -> list[AuditEntry]:
        rows = await self._audit.entries(
            caller.tenant_id,
            request_id=request_id,
            user_id=None if caller.may_decide_for_others else caller.user_id,
            limit=limit,
        )
        return [AuditEntry.model_validate(row.to_wire()) for row in rows]
