"""A validly signed token that names nobody is refused (issue 10, item 7)."""

import pytest

from aura.kit.tokens import TokenError, decode_token
from tests.auth_server.forged_tokens import claims, signed
from tests.support.identity import TEST_JWT_SECRET


@pytest.mark.parametrize(
    ("overrides", "claim"),
    [
        ({"sub": ""}, "sub"),
        ({"sub": "   "}, "sub"),
        ({"sub": "\t\n"}, "sub"),
        ({"tenant_id": ""}, "tenant_id"),
        ({"tenant_id": " "}, "tenant_id"),
    ],
)
def test_a_blank_identity_claim_is_refused(overrides: dict[str, str], claim: str) -> None:
    token = signed(claims(**overrides), TEST_JWT_SECRET)
    with pytest.raises(TokenError, match=f"'{claim}' claim must not be empty"):
        decode_token(token, TEST_JWT_SECRET)


@pytest.mark.parametrize("claim", ["sub", "tenant_id", "email", "name"])
def test_a_lone_surrogate_in_a_claim_is_refused(claim: str) -> None:
    token = signed(claims(**{claim: "user\ud800"}), TEST_JWT_SECRET)
    with pytest.raises(TokenError, match=f"'{claim}' claim is not valid Unicode"):
        decode_token(token, TEST_JWT_SECRET)
