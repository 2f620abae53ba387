"""Domain errors and the one handler that renders every failure in the error envelope."""

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from redis import exceptions as redis_errors
from starlette.exceptions import HTTPException as StarletteHTTPException

from aura.contracts.envelope import FieldProblem, error_body
from aura.contracts.errors import ErrorCode
from aura.contracts.identity import REQUEST_ID_HEADER
from aura.kit.request_context import current_request_id

logger = logging.getLogger("aura.errors")

# Redis not reachable (as opposed to refusing a command): a 503 the caller may retry, not a 500.
STORE_UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (
    redis_errors.ConnectionError,
    redis_errors.TimeoutError,
)


class DomainError(Exception):
    """An error a service raises on purpose: it carries its error code and a human message."""

    code: ErrorCode = ErrorCode.INTERNAL

    def __init__(
        self,
        message: str,
        code: ErrorCode | None = None,
        problems: Sequence[FieldProblem] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.problems = list(problems) if problems else None
        self.headers = dict(headers) if headers else None

    @property
    def http_status(self) -> int:
        return self.code.http_status


class NotFoundError(DomainError):
    code = ErrorCode.NOT_FOUND


class InvalidStateError(DomainError):
    code = ErrorCode.INVALID_STATE


class ValidationFailedError(DomainError):
    code = ErrorCode.VALIDATION


class ForbiddenError(DomainError):
    code = ErrorCode.FORBIDDEN


def error_response(
    code: ErrorCode, message: str, problems: Sequence[FieldProblem] | None = None
) -> JSONResponse:
    return JSONResponse(
        error_body(code, message, list(problems) if problems else None),
        status_code=code.http_status,
    )


def describe_validation_errors(errors: Sequence[Any]) -> tuple[ErrorCode, list[FieldProblem]]:
    """Turn pydantic's error list into field + reason pairs and the most fitting code."""
    problems: list[FieldProblem] = []
    code = ErrorCode.VALIDATION
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query")]
        field = ".".join(location) or "body"
        kind = error.get("type", "")
        if kind == "missing":
            reason = "is required"
        elif kind == "json_invalid":
            field, reason = "body", "is not valid JSON"
            code = ErrorCode.BAD_FORMAT
        else:
            reason = str(error.get("msg", "is invalid"))
        problems.append(FieldProblem(field=field, reason=reason))
    if problems and all(error.get("type") == "missing" for error in errors):
        code = ErrorCode.MISSING_FIELD
    return code, problems


def summarize(problems: Sequence[FieldProblem]) -> str:
    return "; ".join(
        f"{problem.field} {problem.reason}"
        if problem.reason.startswith("is ")
        else f"{problem.field}: {problem.reason[:1].lower()}{problem.reason[1:]}"
        for problem in problems
    )


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    response = error_response(exc.code, exc.message, exc.problems)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


def _is_json(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


def _body_refused(errors: Sequence[Any]) -> bool:
    return any(tuple(error.get("loc", ())) == ("body",) for error in errors)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    if _body_refused(exc.errors()) and not _is_json(request.headers.get("content-type", "")):
        problem = FieldProblem(
            field="Content-Type", reason="must be application/json, with a JSON body"
        )
        return error_response(
            ErrorCode.BAD_FORMAT,
            "Send the body as JSON with Content-Type: application/json.",
            [problem],
        )
    code, problems = describe_validation_errors(exc.errors())
    return error_response(code, f"Invalid request: {summarize(problems)}", problems)


_HTTP_CODES = {
    401: ErrorCode.UNAUTHORIZED,
    403: ErrorCode.ACCESS_DENIED,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    413: ErrorCode.PAYLOAD_TOO_LARGE,
}


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, ErrorCode.INVALID_INPUT)
    if exc.status_code >= 500:
        code = ErrorCode.INTERNAL
    message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
    response = JSONResponse(error_body(code, message), status_code=exc.status_code)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


STORE_RETRY_AFTER_SECONDS = 2


async def _store_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """Redis did not answer (restarting, failing over) even after the client's retries."""
    logger.warning(
        "store unavailable on %s %s: %s", request.method, request.url.path, type(exc).__name__
    )
    response = error_response(
        ErrorCode.UNAVAILABLE,
        "A data store is briefly unavailable; nothing was changed. Try again in a few seconds.",
    )
    response.headers["Retry-After"] = str(STORE_RETRY_AFTER_SECONDS)
    return response


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    request_id = str(getattr(request.state, "request_id", current_request_id()))
    logger.error(
        "unexpected error on %s %s (request %s)",
        request.method,
        request.url.path,
        request_id,
        exc_info=exc,
    )
    response = error_response(
        ErrorCode.INTERNAL,
        f"An internal error occurred; quote request id {request_id} when reporting it.",
    )
    response.headers[REQUEST_ID_HEADER] = request_id
    return response


def install_error_handlers(app: FastAPI) -> None:
    """Render domain, validation, HTTP and unexpected errors in docs/contract.md#the-envelope."""
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for unavailable in STORE_UNAVAILABLE_ERRORS:
        app.add_exception_handler(unavailable, _store_unavailable)
    app.add_exception_handler(Exception, _unexpected_error)
