"""The auth server's domain errors; the kit's handler renders them in the error envelope."""

from aura.contracts.envelope import FieldProblem
from aura.contracts.errors import ErrorCode
from aura.kit.errors import DomainError

# One message for every credential failure, so that it does not tell which part was wrong.
BAD_CREDENTIALS_MESSAGE = "The username, password or tenant is incorrect."


class BadCredentialsError(DomainError):
    code = ErrorCode.BAD_CREDENTIALS

    def __init__(self) -> None:
        super().__init__(BAD_CREDENTIALS_MESSAGE)


class TenantRequiredError(DomainError):
    code = ErrorCode.MISSING_FIELD

    def __init__(self) -> None:
        reason = "is required: this user exists in more than one tenant"
        super().__init__(
            f"tenantId {reason}.", problems=[FieldProblem(field="tenantId", reason=reason)]
        )


class UnknownUserError(DomainError):
    """A token or a command names a user the database does not hold."""

    code = ErrorCode.UNAUTHORIZED
