"""The error codes (docs/contract.md#error-codes) with the HTTP status each one carries."""

from enum import StrEnum


class ErrorCode(StrEnum):
    INTERNAL = "E1000"
    INVALID_INPUT = "E1001"
    METHOD_NOT_ALLOWED = "E1002"
    ACCESS_DENIED = "E1003"
    NOT_FOUND = "E1004"
    RATE_LIMITED = "E1005"
    UNAUTHORIZED = "E2000"
    FORBIDDEN = "E2001"
    TOKEN_EXPIRED = "E2002"  # noqa: S105 - an error code, not a secret
    TOKEN_INVALID = "E2003"  # noqa: S105 - an error code, not a secret
    BAD_CREDENTIALS = "E2004"
    TENANT_MISSING = "E2006"
    TENANT_MISMATCH = "E2007"
    ENTITY_NOT_FOUND = "E3000"
    DUPLICATE = "E3001"
    INVALID_STATE = "E3002"
    VALIDATION = "E4000"
    MISSING_FIELD = "E4001"
    BAD_FORMAT = "E4002"
    PAYLOAD_TOO_LARGE = "E4003"
    UPSTREAM = "E5000"
    UPSTREAM_TIMEOUT = "E5001"
    UNAVAILABLE = "E5002"

    @property
    def http_status(self) -> int:
        return HTTP_STATUS[self]


HTTP_STATUS: dict[ErrorCode, int] = {
    ErrorCode.INTERNAL: 500,
    ErrorCode.INVALID_INPUT: 400,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.ACCESS_DENIED: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.UNAUTHORIZED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.TOKEN_EXPIRED: 401,
    ErrorCode.TOKEN_INVALID: 401,
    ErrorCode.BAD_CREDENTIALS: 401,
    ErrorCode.TENANT_MISSING: 400,
    ErrorCode.TENANT_MISMATCH: 403,
    ErrorCode.ENTITY_NOT_FOUND: 404,
    ErrorCode.DUPLICATE: 409,
    ErrorCode.INVALID_STATE: 409,
    ErrorCode.VALIDATION: 400,
    ErrorCode.MISSING_FIELD: 400,
    ErrorCode.BAD_FORMAT: 400,
    ErrorCode.PAYLOAD_TOO_LARGE: 413,
    ErrorCode.UPSTREAM: 502,
    ErrorCode.UPSTREAM_TIMEOUT: 504,
    ErrorCode.UNAVAILABLE: 503,
}
