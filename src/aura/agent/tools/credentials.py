"""The bearer token a tool sends to the mail service on the caller's behalf.

A gated action runs after a wait of up to `HITL_TIMEOUT_SECONDS`, long enough for the caller's
own token to expire in between. The approval is what authorises the action, so when the caller's
token has expired (or will within `margin_seconds`) the agent, which holds `JWT_SECRET`, signs a
short-lived token for the same user, tenant and role instead. A token that is invalid for any
other reason is passed on as it is, for the mail service to refuse.
"""

import time

from aura.contracts.errors import ErrorCode
from aura.contracts.identity import Caller
from aura.kit.tokens import TokenError, decode_token, encode_token, issue_claims

DEFAULT_MARGIN_SECONDS = 60
DEFAULT_LIFETIME_SECONDS = 300


class CallerTokens:
    def __init__(
        self,
        secret: str,
        *,
        margin_seconds: int = DEFAULT_MARGIN_SECONDS,
        lifetime_seconds: int = DEFAULT_LIFETIME_SECONDS,
    ) -> None:
        self._secret = secret
        self._margin = margin_seconds
        self._lifetime = lifetime_seconds

    def bearer(self, caller: Caller) -> str:
        """The caller's token while it has time left; else one signed now for the same identity.

        A run resumed by another process has no token of its caller at all (tokens are never
        stored with a run): it is signed one the same way."""
        if caller.token:
            try:
                claims = decode_token(caller.token, self._secret)
            except TokenError as exc:
                if exc.code != ErrorCode.TOKEN_EXPIRED:
                    return caller.token
            else:
                if claims.exp - int(time.time()) > self._margin:
                    return caller.token
        claims = issue_claims(
            caller.user_id, caller.tenant_id, caller.role, self._lifetime, email=caller.email
        )
        return encode_token(claims, self._secret)
