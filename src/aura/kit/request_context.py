"""The request id of the request being served, and the pure-ASGI middleware that sets it.

Pure ASGI (not `BaseHTTPMiddleware`) so that streaming responses pass through untouched.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aura.contracts.identity import REQUEST_ID_HEADER

_request_id: ContextVar[str] = ContextVar("request_id", default="-")
_MAX_INCOMING_ID_LENGTH = 128


def current_request_id() -> str:
    return _request_id.get()


@contextmanager
def request_id_bound(scope: Scope) -> Iterator[None]:
    """The request id `RequestIdMiddleware` kept in the scope, current again for a while (for
    work done after the middleware returned, such as a body sent by the outermost layer)."""
    token = _request_id.set(scope.get("state", {}).get("request_id", "-"))
    try:
        yield
    finally:
        _request_id.reset(token)


def new_request_id() -> str:
    return uuid.uuid4().hex


def incoming_request_id(scope: Scope) -> str:
    """The caller's `X-Request-ID` when it is sane, else a fresh one."""
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID_HEADER.encode():
            text = bytes(value).decode("latin-1").strip()
            if 0 < len(text) <= _MAX_INCOMING_ID_LENGTH and text.isprintable():
                return text
    return new_request_id()


class RequestIdMiddleware:
    """Takes or creates `X-Request-ID`, exposes it to logs, and returns it on the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = incoming_request_id(scope)
        # Also kept in the scope: the outermost error handler runs after this middleware returns.
        scope.setdefault("state", {})["request_id"] = request_id
        token = _request_id.set(request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k != REQUEST_ID_HEADER.encode()
                ]
                headers.append((REQUEST_ID_HEADER.encode(), request_id.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            _request_id.reset(token)
