"""The OpenAPI document as the services really answer: every 4xx a route gives, no 422.

FastAPI documents a 422 for every route with parameters, but our handler answers validation
failures with 400 in the error envelope. What an operation can answer follows from what it takes:
an identity (the Authorization header: 400 without X-Tenant-ID, 401, 403), parameters or a body
(400), a body (413, and the JSON guard's 400), a path parameter (404). Answers that depend on the
use case (409, 429, 503, or 404 without a path parameter) are declared on the route with
`error_responses(...)`.
"""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from aura.contracts.envelope import ErrorEnvelope

_ERRORS: dict[int, str] = {
    400: "The request is invalid (a field, a header or the body); the envelope names the field.",
    401: "No token, or a token that is invalid or expired.",
    403: "The token's tenant or user may not act on this resource.",
    404: "Nothing by this id is on record for the caller.",
    405: "This method is not served here.",
    409: "The resource is not in a state that allows this.",
    413: "The body is too large.",
    429: "Too many requests: wait the `Retry-After` seconds and try again.",
    503: "The service cannot do this right now.",
}

_ERROR_ENVELOPE_REF = f"#/components/schemas/{ErrorEnvelope.__name__}"


def error_response(status: int) -> dict[str, Any]:
    """One answer in the error envelope, for a document already holding its schema."""
    return {
        "description": _ERRORS[status],
        "content": {"application/json": {"schema": {"$ref": _ERROR_ENVELOPE_REF}}},
    }


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """For a route decorator's `responses=`: the use-case answers the route gives."""
    return {status: {"model": ErrorEnvelope, "description": _ERRORS[status]} for status in statuses}


EVENT_STREAM_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The run's events as Server-Sent Events (docs/stream.md), ending with "
        "`data: [DONE]`; refusals before the stream starts come in the error envelope.",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}
"""For a streaming route's `responses=`: a 200 of `text/event-stream` instead of JSON."""


def _add_error_envelope(document: dict[str, Any]) -> None:
    schema = ErrorEnvelope.model_json_schema(
        ref_template="#/components/schemas/{model}", mode="serialization"
    )
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in schema.pop("$defs", {}).items():
        schemas.setdefault(name, definition)
    schemas.setdefault(ErrorEnvelope.__name__, schema)


def _statuses(operation: dict[str, Any]) -> set[int]:
    parameters = operation.get("parameters", [])
    places = {(item.get("in"), str(item.get("name", "")).lower()) for item in parameters}
    found: set[int] = set()
    if ("header", "authorization") in places:
        found |= {400, 401, 403}
    if parameters or "requestBody" in operation:
        found.add(400)
    if "requestBody" in operation:
        found.add(413)
    if any(place == "path" for place, _ in places):
        found.add(404)
    return found


def install_error_documents(app: FastAPI) -> None:
    """Make `app.openapi()` list each operation's 4xx answers instead of FastAPI's 422."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = get_openapi(
            title=app.title, version=app.version, routes=app.routes, description=app.description
        )
        for path_item in document.get("paths", {}).values():
            for operation in path_item.values():
                responses: dict[str, Any] = operation.setdefault("responses", {})
                responses.pop("422", None)
                for status in sorted(_statuses(operation)):
                    responses.setdefault(str(status), error_response(status))
        _add_error_envelope(document)
        schemas = document["components"]["schemas"]
        for unused in ("HTTPValidationError", "ValidationError"):
            schemas.pop(unused, None)
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]
