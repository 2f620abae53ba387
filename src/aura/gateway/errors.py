"""What the gateway itself refuses, each carrying its error code (docs/contract.md#error-codes)."""

from aura.contracts.errors import ErrorCode
from aura.kit.errors import DomainError


class NoRouteError(DomainError):
    code = ErrorCode.NOT_FOUND


class PayloadTooLargeError(DomainError):
    code = ErrorCode.PAYLOAD_TOO_LARGE


class UpstreamUnavailableError(DomainError):
    code = ErrorCode.UPSTREAM


class UpstreamTimeoutError(DomainError):
    code = ErrorCode.UPSTREAM_TIMEOUT
