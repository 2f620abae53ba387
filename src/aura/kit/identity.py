"""Who is calling: the SPEC §3 header rules, applied by every service to every request."""

from collections.abc import Mapping

from aura.contracts.errors import ErrorCode
from aura.contracts.identity import (
    AUTHORIZATION_HEADER,
    TENANT_HEADER,
    USER_HEADER,
    Caller,
)
from aura.kit.errors import DomainError
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
    """Verify the token and the tenant and user headers; raise the SPEC §3 error otherwise.

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
