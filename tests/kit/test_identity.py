import pytest

from aura.contracts.errors import ErrorCode
from aura.kit.identity import IdentityError, identify
from tests.support.identity import TEST_JWT_SECRET, token_for


def _headers(**headers: str) -> dict[str, str]:
    return {name.lower().replace("_", "-"): value for name, value in headers.items()}


def test_valid_caller() -> None:
    caller = identify(
        _headers(
            authorization=f"Bearer {token_for(role='approver')}",
            x_tenant_id="tenant1",
            x_user_id="user123",
        ),
        TEST_JWT_SECRET,
    )
    assert (caller.user_id, caller.tenant_id, caller.role) == ("user123", "tenant1", "approver")
    assert caller.may_decide_for_others


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, ErrorCode.UNAUTHORIZED),
        ({"authorization": "Basic abc"}, ErrorCode.TOKEN_INVALID),
        ({"authorization": f"Bearer {token_for()}"}, ErrorCode.TENANT_MISSING),
        (
            {"authorization": f"Bearer {token_for()}", "x-tenant-id": "default"},
            ErrorCode.TENANT_MISMATCH,
        ),
        (
            {
                "authorization": f"Bearer {token_for()}",
                "x-tenant-id": "tenant1",
                "x-user-id": "someone-else",
            },
            ErrorCode.FORBIDDEN,
        ),
    ],
    ids=["missing", "not-bearer", "no-tenant", "tenant-mismatch", "user-mismatch"],
)
def test_refusals(headers: dict[str, str], code: ErrorCode) -> None:
    with pytest.raises(IdentityError) as caught:
        identify(headers, TEST_JWT_SECRET)
    assert caught.value.code is code
    assert caught.value.http_status == code.http_status
