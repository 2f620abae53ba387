"""The response envelope of SPEC §4 for every non-streaming JSON API."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from aura.contracts.clock import utc_now
from aura.contracts.errors import ErrorCode


def envelope_timestamp() -> str:
    """ISO-8601 in UTC, second precision, e.g. `2026-01-16T12:00:00Z`."""
    return utc_now().strftime("%Y-%m-%dT%H:%M:%SZ")


class FieldProblem(BaseModel):
    """One reason a request was refused: which field, and why."""

    field: str
    reason: str


class Envelope(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    status: Literal["SUCCESS", "ERROR"]
    message: str
    data: Any = None
    error_code: ErrorCode | None = Field(default=None, alias="errorCode")
    errors: list[FieldProblem] | None = None
    success: bool
    timestamp: str = Field(default_factory=envelope_timestamp)

    def to_wire(self) -> dict[str, Any]:
        """The JSON body: camelCase keys, null fields omitted."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


def success_body(data: Any = None, message: str = "OK") -> dict[str, Any]:
    return Envelope(status="SUCCESS", message=message, data=data, success=True).to_wire()


def error_body(
    code: ErrorCode, message: str, errors: list[FieldProblem] | None = None
) -> dict[str, Any]:
    return Envelope(
        status="ERROR", message=message, error_code=code, errors=errors, success=False
    ).to_wire()
