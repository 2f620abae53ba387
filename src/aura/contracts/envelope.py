"""The response envelope of every non-streaming JSON API (docs/contract.md#the-envelope).

`SuccessEnvelope[T]` is what a route returns and declares, so that each service's OpenAPI
document shows the shape of its `data`; `ErrorEnvelope` is what every failure looks like. On the
wire both keep their fields in the order declared here and leave out a top-level field whose value
is null (`data`, `errors`); nulls inside `data` are kept.
"""

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from aura.contracts.clock import utc_now
from aura.contracts.errors import ErrorCode

DataT = TypeVar("DataT")


def envelope_timestamp() -> str:
    """ISO-8601 in UTC, second precision, e.g. `2026-01-16T12:00:00Z`."""
    return utc_now().strftime("%Y-%m-%dT%H:%M:%SZ")


def _absent(value: object) -> bool:
    return value is None


class FieldProblem(BaseModel):
    """One reason a request was refused: which field, and why."""

    field: str
    reason: str


class SuccessEnvelope(BaseModel, Generic[DataT]):
    """`{"status":"SUCCESS","message","data","success":true,"timestamp"}`; no `data` when null."""

    model_config = ConfigDict(populate_by_name=True)

    status: Literal["SUCCESS"] = "SUCCESS"
    message: str = "OK"
    data: DataT = Field(exclude_if=_absent)
    success: Literal[True] = True
    timestamp: str = Field(default_factory=envelope_timestamp)

    def to_wire(self) -> dict[str, Any]:
        """The JSON body: camelCase keys, no null `data`."""
        return self.model_dump(by_alias=True, mode="json")


class ErrorEnvelope(BaseModel):
    """`{"status":"ERROR","message","errorCode","errors","success":false,"timestamp"}`."""

    model_config = ConfigDict(populate_by_name=True)

    status: Literal["ERROR"] = "ERROR"
    message: str
    error_code: ErrorCode = Field(alias="errorCode")
    errors: list[FieldProblem] | None = Field(default=None, exclude_if=_absent)
    success: Literal[False] = False
    timestamp: str = Field(default_factory=envelope_timestamp)

    def to_wire(self) -> dict[str, Any]:
        """The JSON body: camelCase keys, no `errors` unless a field was named."""
        return self.model_dump(by_alias=True, mode="json")


def enveloped(data: DataT, message: str = "OK") -> SuccessEnvelope[DataT]:
    return SuccessEnvelope[DataT](data=data, message=message)


def success_body(data: Any = None, message: str = "OK") -> dict[str, Any]:
    return enveloped(data, message).to_wire()


def error_body(
    code: ErrorCode, message: str, errors: list[FieldProblem] | None = None
) -> dict[str, Any]:
    return ErrorEnvelope(message=message, error_code=code, errors=errors).to_wire()
