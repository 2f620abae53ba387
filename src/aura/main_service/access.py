"""Who may see or decide a HITL request (docs/contract.md#main-service): the reads too.

The run's own user, or an approver/admin of the same tenant (`authorize_owner`); the body's
`userId` of a decision must be the caller's own.
"""

from aura.contracts.hitl import HitlRequest
from aura.contracts.identity import Caller
from aura.kit.errors import ForbiddenError
from aura.kit.identity import authorize_owner
from aura.main_service.records import parse_request, request_not_found


def authorized_request(
    caller: Caller, request_id: str, text: str | None
) -> tuple[str, HitlRequest]:
    """The record text read and its record, once the caller may see or decide it (404, 403)."""
    if text is None:
        raise request_not_found(request_id)
    record = parse_request(text)
    what = f"Request {request_id}"
    authorize_owner(caller, record.tenant_id, record.user_id, deciders_allowed=True, what=what)
    return text, record


def ensure_body_user(caller: Caller, body_user_id: str) -> None:
    if body_user_id != caller.user_id:
        raise ForbiddenError(
            "userId in the body must be the caller's own user id (the token's sub)."
        )
