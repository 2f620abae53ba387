"""Who may see or decide a HITL request (SPEC §6.3, lesson 7: the GET calls too)."""

from aura.contracts.errors import ErrorCode
from aura.contracts.identity import Caller
from aura.kit.errors import DomainError, ForbiddenError


def ensure_same_tenant(caller: Caller, tenant_id: str, what: str) -> None:
    if caller.tenant_id != tenant_id:
        raise DomainError(f"{what} belongs to another tenant.", ErrorCode.TENANT_MISMATCH)


def ensure_own_or_deciding_role(caller: Caller, owner_user_id: str, what: str) -> None:
    """The run's own user, or an approver/admin of the same tenant (checked before this)."""
    if caller.user_id != owner_user_id and not caller.may_decide_for_others:
        raise ForbiddenError(
            f"{what} belongs to another user's run; only that user or a user with role "
            "approver or admin may act on it."
        )


def ensure_body_user(caller: Caller, body_user_id: str) -> None:
    if body_user_id != caller.user_id:
        raise ForbiddenError(
            "userId in the body must be the caller's own user id (the token's sub)."
        )
