"""Request and response bodies of the auth API, camelCase on the wire."""

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError

from aura.contracts.envelope import FieldProblem
from aura.contracts.errors import ErrorCode
from aura.contracts.identity import Role
from aura.kit.errors import DomainError, describe_validation_errors, summarize

MAX_LOGIN_BODY_BYTES = 16 * 1024


class LoginRequest(BaseModel):
    """`{"username","password","tenantId"}`, or (compat) `email` for `username` and no tenant."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore", str_strip_whitespace=True)

    username: StrictStr | None = None
    email: StrictStr | None = None
    password: StrictStr
    tenant_id: StrictStr | None = Field(default=None, alias="tenantId")


class TokenGrant(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    access_token: str = Field(alias="accessToken")
    token_type: Literal["Bearer"] = Field(default="Bearer", alias="tokenType")
    expires_in: int = Field(alias="expiresIn")
    user_id: str = Field(alias="userId")
    tenant_id: str = Field(alias="tenantId")


class Profile(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    user_id: str = Field(alias="userId")
    tenant_id: str = Field(alias="tenantId")
    email: str
    role: Role
    name: str


class Person(BaseModel):
    """Who a user id is, for showing names (`GET /auth/users`): nothing more than that."""

    model_config = ConfigDict(populate_by_name=True)

    user_id: str = Field(alias="userId")
    name: str


def _is_json(content_type: str | None) -> bool:
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def parse_login_request(body: bytes, content_type: str | None) -> LoginRequest:
    """Turn a raw body into a login request, or the enveloped error that says what is wrong."""
    if len(body) > MAX_LOGIN_BODY_BYTES:
        raise DomainError(
            f"The login body is larger than {MAX_LOGIN_BODY_BYTES} bytes.",
            ErrorCode.PAYLOAD_TOO_LARGE,
        )
    if not _is_json(content_type):
        raise DomainError(
            "The login body must be JSON: send Content-Type: application/json.",
            ErrorCode.BAD_FORMAT,
        )
    try:
        document: Any = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise DomainError("The login body is not valid JSON.", ErrorCode.BAD_FORMAT) from None
    except RecursionError:  # refused at the edge already; kept for callers that skip it
        raise DomainError("The login body nests too deeply.", ErrorCode.BAD_FORMAT) from None
    if not isinstance(document, dict):
        raise DomainError("The login body must be a JSON object.", ErrorCode.BAD_FORMAT)
    # Blank strings count as absent: a form that sends "" has not given the field.
    document = {key: value for key, value in document.items() if not _blank(value)}
    missing: list[FieldProblem] = []
    if "username" not in document and "email" not in document:
        missing.append(FieldProblem(field="username", reason="is required"))
    request: LoginRequest | None = None
    code: ErrorCode = ErrorCode.MISSING_FIELD
    found: list[FieldProblem] = []
    try:
        request = LoginRequest.model_validate(document)
    except ValidationError as exc:
        code, found = describe_validation_errors(exc.errors())
    if request is not None and not missing:
        return request
    problems = missing + found
    raise DomainError(f"Invalid login request: {summarize(problems)}.", code, problems)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
