import time

import jwt
import pytest

from aura.contracts.errors import ErrorCode
from aura.kit import tokens
from aura.kit.tokens import TokenError, decode_token, encode_token, issue_claims
from tests.support.identity import TEST_JWT_SECRET


def _raw(
    payload: dict[str, object], algorithm: str = "HS256", secret: str = TEST_JWT_SECRET
) -> str:
    return jwt.encode(payload, secret.encode(), algorithm=algorithm)


def _payload(**overrides: object) -> dict[str, object]:
    now = int(time.time())
    payload: dict[str, object] = {
        "sub": "user123",
        "tenant_id": "tenant1",
        "iat": now,
        "exp": now + 60,
        "role": "user",
    }
    payload.update(overrides)
    return payload


def test_round_trip_keeps_integer_times_and_claims() -> None:
    token = encode_token(
        issue_claims("user123", "tenant1", "approver", 60, email="a@b.c"), TEST_JWT_SECRET
    )
    header = jwt.get_unverified_header(token)
    claims = decode_token(token, TEST_JWT_SECRET)
    assert header["alg"] == "HS256"
    assert (claims.sub, claims.tenant_id, claims.role, claims.email) == (
        "user123",
        "tenant1",
        "approver",
        "a@b.c",
    )
    raw = jwt.decode(token, options={"verify_signature": False})
    assert type(raw["exp"]) is int and type(raw["iat"]) is int


@pytest.mark.parametrize(
    ("token_factory", "code"),
    [
        (lambda: _raw(_payload(exp=int(time.time()) - 10)), ErrorCode.TOKEN_EXPIRED),
        (
            lambda: _raw(_payload(), secret="another-secret-that-is-long-enough-000"),
            ErrorCode.TOKEN_INVALID,
        ),
        (lambda: _raw(_payload(), algorithm="HS384"), ErrorCode.TOKEN_INVALID),
        (lambda: _raw(_payload(), algorithm="HS512"), ErrorCode.TOKEN_INVALID),
        (lambda: _raw(_payload(exp=time.time() + 60.5)), ErrorCode.TOKEN_INVALID),
        (lambda: _raw(_payload(exp=str(int(time.time()) + 60))), ErrorCode.TOKEN_INVALID),
        (
            lambda: _raw({k: v for k, v in _payload().items() if k != "tenant_id"}),
            ErrorCode.TOKEN_INVALID,
        ),
        (lambda: "not-a-jwt", ErrorCode.TOKEN_INVALID),
    ],
    ids=[
        "expired",
        "bad-signature",
        "hs384",
        "hs512",
        "float-exp",
        "string-exp",
        "no-tenant",
        "garbage",
    ],
)
@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_refused_tokens(token_factory: object, code: ErrorCode) -> None:
    with pytest.raises(TokenError) as caught:
        decode_token(token_factory(), TEST_JWT_SECRET)  # type: ignore[operator]
    assert caught.value.code is code


def test_alg_none_is_refused() -> None:
    unsigned = jwt.encode(_payload(), key=None, algorithm="none")  # type: ignore[arg-type]
    with pytest.raises(TokenError) as caught:
        decode_token(unsigned, TEST_JWT_SECRET)
    assert caught.value.code is ErrorCode.TOKEN_INVALID


@pytest.mark.parametrize(
    "overrides",
    [
        lambda now: {"exp": (now + 60) * 1000},
        lambda now: {"iat": now + 100_000, "exp": now + 100_060},
        lambda now: {"exp": True},
        lambda now: {"iat": now + 10, "exp": now + 5},
    ],
    ids=["exp-in-milliseconds", "iat-in-the-future", "exp-boolean", "exp-before-iat"],
)
def test_implausible_times_are_refused(overrides: object) -> None:
    # The times are made when the test runs, not when it is collected.
    payload = _payload(**overrides(int(time.time())))  # type: ignore[operator]
    with pytest.raises(TokenError) as caught:
        decode_token(_raw(payload), TEST_JWT_SECRET)
    assert caught.value.code is ErrorCode.TOKEN_INVALID


def test_a_remembered_token_still_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    claims = decode_token(token := _raw(_payload()), TEST_JWT_SECRET)  # verified, remembered
    monkeypatch.setattr(tokens, "unix_now", lambda: claims.exp)

    with pytest.raises(TokenError) as refused:
        decode_token(token, TEST_JWT_SECRET)
    assert refused.value.code == ErrorCode.TOKEN_EXPIRED


def test_a_token_is_remembered_only_under_the_secret_that_verified_it() -> None:
    token = _raw(_payload())
    decode_token(token, TEST_JWT_SECRET)

    with pytest.raises(TokenError) as refused:
        decode_token(token, "another secret of at least thirty-two bytes")
    assert refused.value.code == ErrorCode.TOKEN_INVALID


def test_a_refused_token_is_refused_every_time() -> None:
    token = _raw(_payload(), secret="not the service's secret, but long enough")
    for _ in range(2):
        with pytest.raises(TokenError):
            decode_token(token, TEST_JWT_SECRET)


def test_a_process_remembers_a_bounded_number_of_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "VERIFIED_TOKENS_KEPT", 8)
    monkeypatch.setattr(tokens, "_verified", {})
    issued = [_raw(_payload(sub=f"user{number}")) for number in range(20)]
    for token in issued:
        decode_token(token, TEST_JWT_SECRET)

    assert len(tokens._verified) <= 8
    assert (TEST_JWT_SECRET, issued[-1]) in tokens._verified  # the newest are the ones kept
    assert (TEST_JWT_SECRET, issued[0]) not in tokens._verified
