"""HS256 JWTs, the algorithm stated explicitly on both ends (docs/contract.md#token-claims).

`decode_token` is the single rule every component applies: the gateway at the edge and every
service again behind it.

Each process remembers the last `VERIFIED_TOKENS_KEPT` tokens it verified (signature, algorithm,
claims), so that a client's next request with the same token skips the HMAC, two JSON parses and
the claims' validation (about 60 µs, three times that on a slow hour of the development VM, paid
by the gateway and again by the service behind it). The times (`exp`, `iat`) are checked again on
every use, so a remembered token expires like any other; a token is remembered only once it
passed, under the secret it was verified with.
"""

from typing import Any

import jwt

from aura.contracts.clock import unix_now
from aura.contracts.errors import ErrorCode
from aura.contracts.identity import JWT_ALGORITHM, TokenClaims
from aura.kit.errors import DomainError
from aura.kit.text import is_unicode

_INTEGER_CLAIMS = ("iat", "exp")
CLOCK_SKEW_SECONDS = 60
MAX_LIFETIME_SECONDS = 31 * 24 * 3600
"""Longest accepted token lifetime: an `exp` in milliseconds lands far beyond it."""


VERIFIED_TOKENS_KEPT = 1024
"""How many verified tokens a process remembers (a few KiB each at most)."""

_verified: dict[tuple[str, str], tuple[dict[str, Any], TokenClaims]] = {}
"""(secret, token) → the token's payload and claims, oldest first."""


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
    now = unix_now()
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


def _check_times(payload: dict[str, Any], now: int) -> None:
    for claim in _INTEGER_CLAIMS:
        if type(payload.get(claim)) is not int:
            raise TokenError(f"The token's '{claim}' claim must be an integer number of seconds.")
    issued, expires = payload["iat"], payload["exp"]
    if issued > now + CLOCK_SKEW_SECONDS:
        raise TokenError("The token's 'iat' lies in the future.")
    if expires - issued > MAX_LIFETIME_SECONDS:
        raise TokenError("The token's 'exp' is not a plausible time in seconds after 'iat'.")
    if expires <= now:
        raise TokenError("The token has expired.", ErrorCode.TOKEN_EXPIRED)
    if expires <= issued:
        raise TokenError("The token's 'exp' is not after its 'iat'.")


def _check_text(payload: dict[str, Any]) -> None:
    # A blank identity would name nobody (or everybody) in keys and ownership checks, and a lone
    # surrogate (a "\ud800" escape) cannot be encoded for Redis or the database downstream.
    for claim in ("sub", "tenant_id"):
        if not payload[claim].strip():
            raise TokenError(f"The token's '{claim}' claim must not be empty.")
    for claim, value in payload.items():
        if isinstance(value, str) and not is_unicode(value):
            raise TokenError(f"The token's '{claim}' claim is not valid Unicode text.")


def decode_token(token: str, secret: str) -> TokenClaims:
    """Verify signature, algorithm and expiry; refuse claims docs/contract.md does not allow."""
    remembered = _verified.get((secret, token))
    if remembered is not None:
        payload, claims = remembered
        _check_times(payload, unix_now())
        return claims
    return _verify(token, secret)


def _verify(token: str, secret: str) -> TokenClaims:
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise TokenError("The token is malformed.") from None
    if header.get("alg") != JWT_ALGORITHM:
        raise TokenError(f"The token must be signed with {JWT_ALGORITHM}.")
    try:
        # Signature and algorithm first; the times are checked below, after their types, so
        # that a float, a string or a boolean `exp` is refused as invalid, never read as a number.
        payload = jwt.decode(
            token,
            secret.encode("utf-8"),
            algorithms=[JWT_ALGORITHM],
            options={"require": ["sub", "exp", "iat"], "verify_exp": False, "verify_iat": False},
        )
    except jwt.PyJWTError:
        raise TokenError("The token is invalid.") from None
    _check_times(payload, unix_now())
    if not isinstance(payload.get("tenant_id"), str) or not isinstance(payload.get("sub"), str):
        raise TokenError("The token must carry 'sub' and 'tenant_id' as strings.")
    _check_text(payload)
    try:
        claims = TokenClaims.model_validate(payload)
    except ValueError:
        raise TokenError("The token's claims are invalid.") from None
    while _verified and len(_verified) >= VERIFIED_TOKENS_KEPT:
        _verified.pop(next(iter(_verified)), None)
    _verified[(secret, token)] = (payload, claims)
    return claims
