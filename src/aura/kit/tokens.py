"""HS256 JWTs, stated explicitly on both ends (SPEC §3, lesson 1).

`decode_token` is the single rule every component applies: the gateway at the edge and every
service again behind it.
"""

import time
from typing import Any

import jwt

from aura.contracts.errors import ErrorCode
from aura.contracts.identity import JWT_ALGORITHM, TokenClaims
from aura.kit.errors import DomainError

_INTEGER_CLAIMS = ("iat", "exp")


class TokenError(DomainError):
    code = ErrorCode.TOKEN_INVALID


def encode_token(claims: TokenClaims, secret: str) -> str:
    payload: dict[str, Any] = claims.model_dump(exclude_none=True)
    return jwt.encode(payload, secret.encode("utf-8"), algorithm=JWT_ALGORITHM)


def issue_claims(
    user_id: str,
    tenant_id: str,
    role: str,
    lifetime_seconds: int,
    email: str | None = None,
    name: str | None = None,
) -> TokenClaims:
    now = int(time.time())
    return TokenClaims.model_validate(
        {
            "sub": user_id,
            "tenant_id": tenant_id,
            "role": role,
            "email": email,
            "name": name,
            "iat": now,
            "exp": now + lifetime_seconds,
        }
    )


def decode_token(token: str, secret: str) -> TokenClaims:
    """Verify signature, algorithm and expiry; refuse claims that are not what SPEC §3 says."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise TokenError("The token is malformed.") from None
    if header.get("alg") != JWT_ALGORITHM:
        raise TokenError(f"The token must be signed with {JWT_ALGORITHM}.")
    try:
        payload = jwt.decode(
            token,
            secret.encode("utf-8"),
            algorithms=[JWT_ALGORITHM],
            options={"require": ["sub", "exp", "iat"], "verify_iat": False},
        )
    except jwt.ExpiredSignatureError:
        raise TokenError("The token has expired.", ErrorCode.TOKEN_EXPIRED) from None
    except jwt.PyJWTError:
        raise TokenError("The token is invalid.") from None
    for claim in _INTEGER_CLAIMS:
        if type(payload.get(claim)) is not int:
            raise TokenError(f"The token's '{claim}' claim must be an integer number of seconds.")
    if not isinstance(payload.get("tenant_id"), str) or not isinstance(payload.get("sub"), str):
        raise TokenError("The token must carry 'sub' and 'tenant_id' as strings.")
    try:
        return TokenClaims.model_validate(payload)
    except ValueError:
        raise TokenError("The token's claims are invalid.") from None
