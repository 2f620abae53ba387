"""The edge check of every JSON request body: size, nesting and valid Unicode (see kit.text).

Pure ASGI so that streaming responses (the agent's SSE) pass through untouched: only the request
body is read here, whole, and handed on unchanged to the app when it is acceptable. After the body,
`receive` is the server's again, so the app still hears a client disconnect.
"""

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aura.contracts.envelope import FieldProblem
from aura.contracts.errors import ErrorCode
from aura.kit.errors import error_response
from aura.kit.text import MAX_JSON_DEPTH, text_problem

MAX_JSON_BODY_BYTES = 1024 * 1024
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            media_type = bytes(value).split(b";", 1)[0].strip().lower()
            return media_type == b"application/json" or media_type.endswith(b"+json")
    return True  # FastAPI reads a body without a Content-Type as JSON


def _parse(body: bytes) -> Any:
    """The document, with invalid UTF-8 kept as lone surrogates (refused by `text_problem`)."""
    return json.loads(body.decode("utf-8", errors="surrogateescape"))


def body_problem(body: bytes) -> tuple[ErrorCode, str, FieldProblem] | None:
    """Why a JSON body must be refused before the app sees it, or None to let it through.

    A body that is not JSON at all is the app's to refuse, with its own message.
    """
    try:
        document = _parse(body)
    except RecursionError:
        problem = FieldProblem(field="body", reason=f"nests deeper than {MAX_JSON_DEPTH} levels")
        return ErrorCode.VALIDATION, "Invalid request: the body nests too deeply.", problem
    except ValueError:
        return None
    found = text_problem(document)
    if found is None:
        return None
    field, reason = found
    return (
        ErrorCode.VALIDATION,
        f"Invalid request: {field} {reason}.",
        FieldProblem(field=field, reason=reason),
    )


class JsonBodyGuard:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_JSON_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS or not _is_json(scope):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client left before sending it all
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse_size(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        refused = body_problem(body)
        if refused is not None:
            code, text, problem = refused
            await error_response(code, text, [problem])(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _refuse_size(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            ErrorCode.PAYLOAD_TOO_LARGE,
            f"The request body is larger than {self.max_bytes} bytes.",
            [FieldProblem(field="body", reason=f"must be at most {self.max_bytes} bytes")],
        )
        await response(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
