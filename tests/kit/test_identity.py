import pytest

from aura.contracts.errors import ErrorCode
from aura.contracts.identity import Caller, Role
from aura.kit.errors import DomainError
from aura.kit.identity import IdentityError, authorize_owner, identify, may_act_for
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


def _caller(user_id: str = "user123", tenant_id: str = "tenant1", role: Role = "user") -> Caller:
    return Caller(user_id=user_id, tenant_id=tenant_id, role=role, token="t")


@pytest.mark.parametrize("deciders_allowed", [True, False])
def test_owner_is_let_in(deciders_allowed: bool) -> None:
    authorize_owner(_caller(), "tenant1", "user123", deciders_allowed=deciders_allowed)
    assert may_act_for(_caller(), "tenant1", "user123", deciders_allowed=deciders_allowed)


@pytest.mark.parametrize("role", ["user", "approver", "admin"])
def test_another_tenant_is_e2007_whatever_the_role(role: Role) -> None:
    with pytest.raises(DomainError) as caught:
        authorize_owner(_caller(role=role), "default", "user123", deciders_allowed=True)
    assert caught.value.code is ErrorCode.TENANT_MISMATCH
    assert caught.value.http_status == 403
    assert not may_act_for(_caller(role=role), "default", "user123", deciders_allowed=True)


@pytest.mark.parametrize(
    ("role", "deciders_allowed", "allowed"),
    [
        ("user", True, False),
        ("approver", True, True),
        ("admin", True, True),
        ("approver", False, False),
        ("admin", False, False),
    ],
)
def test_another_users_resource(role: Role, deciders_allowed: bool, allowed: bool) -> None:
    caller = _caller(role=role)
    assert may_act_for(caller, "tenant1", "other", deciders_allowed=deciders_allowed) is allowed
    if allowed:
        authorize_owner(caller, "tenant1", "other", deciders_allowed=deciders_allowed)
        return
    with pytest.raises(DomainError) as caught:
        authorize_owner(
            caller, "tenant1", "other", deciders_allowed=deciders_allowed, what="The run"
        )
    assert caught.value.code is ErrorCode.FORBIDDEN
    assert caught.value.message.startswith("The run belongs to another user")
