"""Who is calling (docs/contract.md#headers) and whose resource it is, for every service."""

from collections.abc import Mapping

from aura.contracts.errors import ErrorCode
from aura.contracts.identity import (
    AUTHORIZATION_HEADER,
    TENANT_HEADER,
    USER_HEADER,
    Caller,
)
from aura.kit.errors import DomainError, ForbiddenError
from aura.kit.tokens import decode_token


class IdentityError(DomainError):
    code = ErrorCode.UNAUTHORIZED


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise IdentityError("Authorization header with a Bearer token is required.")
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise IdentityError(
            "Authorization header must be 'Bearer <token>'.", ErrorCode.TOKEN_INVALID
        )
    return token.strip()


def identify(headers: Mapping[str, str], secret: str, *, require_tenant: bool = True) -> Caller:
    """Verify the token and the tenant and user headers (docs/contract.md#headers), or raise.

    `headers` must be case-insensitive (Starlette's `Headers`) or use lowercase keys.
    """
    token = bearer_token(headers.get(AUTHORIZATION_HEADER))
    claims = decode_token(token, secret)
    tenant = (headers.get(TENANT_HEADER) or "").strip()
    if not tenant and require_tenant:
        raise IdentityError("X-Tenant-ID header is required.", ErrorCode.TENANT_MISSING)
    if tenant and tenant != claims.tenant_id:
        raise IdentityError(
            "X-Tenant-ID does not match the tenant of the token.", ErrorCode.TENANT_MISMATCH
        )
    user = headers.get(USER_HEADER)
    if user is not None and user.strip() != claims.sub:
        raise IdentityError("X-User-ID does not match the user of the token.", ErrorCode.FORBIDDEN)
    return Caller(
        user_id=claims.sub,
        tenant_id=claims.tenant_id,
        role=claims.role,
        email=claims.email,
        token=token,
    )


def may_act_for(caller: Caller, tenant_id: str, user_id: str, *, deciders_allowed: bool) -> bool:
    """Whether `authorize_owner` would let the caller at a resource of this tenant and user."""
    if caller.tenant_id != tenant_id:
        return False
    return caller.user_id == user_id or (deciders_allowed and caller.may_decide_for_others)


def authorize_owner(
    caller: Caller,
    tenant_id: str,
    user_id: str,
    *,
    deciders_allowed: bool,
    what: str = "It",
) -> None:
    """Let the caller at a resource owned by (`tenant_id`, `user_id`), or raise the 403.

    Another tenant's resource is 403 E2007. Another user's is 403 E2001, unless
    `deciders_allowed` and the caller is an approver or admin of the same tenant. `what` names
    the resource in the message ("Request req_…", "The run").
    """
    if caller.tenant_id != tenant_id:
        raise DomainError(f"{what} belongs to another tenant.", ErrorCode.TENANT_MISMATCH)
    if may_act_for(caller, tenant_id, user_id, deciders_allowed=deciders_allowed):
        return
    if deciders_allowed:
        raise ForbiddenError(
            f"{what} belongs to another user's run; only that user or a user with role "
            "approver or admin may act on it."
        )
    raise ForbiddenError(f"{what} belongs to another user.")
