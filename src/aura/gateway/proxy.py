"""The streaming reverse proxy: a raw ASGI endpoint for everything under `/api`.

Per request: resolve the route, verify identity at the edge, read the (bounded) request body,
open the upstream request, then relay the response. The relay forwards each chunk as the upstream
connection hands it over (`read_chunk`: whatever bytes have arrived, never decoded or split), so
an SSE event leaves the gateway as soon as it arrives and a multi-byte UTF-8 character split
across upstream writes is passed on byte for byte and reassembled only by the client.

Concurrency: while the request is in flight a small watcher task waits on ASGI `receive()` for
`http.disconnect`. When the client goes away the watcher cancels the request's own task, whose
`finally` closes the upstream response, so the upstream sees its connection drop at once (an agent
waiting for an approval would otherwise keep an orphaned stream open until its next heartbeat
write failed). The cancellation is taken back with `Task.uncancel()` so that a cancellation from
the server itself (shutdown) still propagates.

Streams in two phases: the head (upstream request, status and headers) is sent through the
middleware stack, which adds its headers and observes the latency; an event stream's body is then
handed to the app's outermost layer (`aura.kit.stream_handoff`), which relays it with the server's
own `send` once the stack has returned. Every event then skips the middleware's `send` wrappers
(they act on the head only) and an open stream no longer holds the stack's frames (about 4 KiB of
the gateway's memory per stream). Served without that layer, the proxy relays the stream itself.
Each phase has its own disconnect watcher. An ordinary answer (one or two chunks) is relayed at
once, inside the stack, with no second watcher.

Deadlines: the total timeout bounds an ordinary exchange from its start to its last byte. Once the
upstream's headers say `text/event-stream`, the same deadline is moved to the stream's maximum
lifetime (or dropped): a stream is alive while its heartbeats arrive, and the connection's idle-read
timeout ends one that falls silent. Lesson 8: a live stream is never cut by the total timeout.

The request body is read completely (at most `max_body_bytes`) before the upstream request is
sent, as nginx does by default: an oversized body is refused with a clean 413 and the upstream
never sees half a request.
"""

import asyncio
import logging
from functools import partial
from urllib.parse import quote, unquote

from starlette.datastructures import Headers
from starlette.types import Message, Receive, Scope, Send

from aura.gateway.connections import UpstreamBrokeOff, UpstreamConnection
from aura.gateway.errors import NoRouteError, PayloadTooLargeError, UpstreamTimeoutError
from aura.gateway.headers import downstream_headers, upstream_headers
from aura.gateway.metrics import GatewayMetrics, UpstreamErrorKind
from aura.gateway.routing import Target, resolve, strip_api
from aura.gateway.settings import Deadlines
from aura.gateway.upstreams import RequestTarget, UpstreamClient
from aura.kit.errors import DomainError, error_response
from aura.kit.identity import identify
from aura.kit.metrics import set_route_label
from aura.kit.request_context import current_request_id
from aura.kit.stream_handoff import hand_off

logger = logging.getLogger("aura.gateway")


class Proxy:
    """ASGI app forwarding `/api/**` to the upstream the route table names."""

    def __init__(
        self,
        jwt_secret: str,
        max_body_bytes: int,
        deadlines: Deadlines,
        metrics: GatewayMetrics | None = None,
    ) -> None:
        self._secret = jwt_secret
        self._max_body_bytes = max_body_bytes
        self._deadlines = deadlines
        self._metrics = metrics if metrics is not None else GatewayMetrics()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        set_route_label(scope, "/api/**")
        try:
            target = self._authorize(scope)
            body = await read_body(scope, receive, self._max_body_bytes)
        except DomainError as error:
            await error_response(error.code, error.message, error.problems)(scope, receive, send)
            return
        if body is None:
            return
        # The exchange may be a stream held open for hours: nothing here keeps the body alive.
        exchange = self._exchange(scope, receive, send, target, body)
        del body
        await exchange

    def _authorize(self, scope: Scope) -> Target:
        path: str = scope["path"]
        target = resolve(path)
        if target is None:
            raise NoRouteError(f"No route for {path}.")
        set_route_label(scope, f"/api/** ({target.upstream})")
        if not target.public and scope["method"] != "OPTIONS":
            identify(Headers(scope=scope), self._secret)
        return target

    async def _exchange(
        self, scope: Scope, receive: Receive, send: Send, target: Target, body: bytes
    ) -> None:
        """Open the upstream request and send the response's head through the stack. An ordinary
        body follows at once; a stream's is relayed by the app's outermost layer when it takes it
        (`hand_off`), else here."""
        upstreams: UpstreamClient = scope["app"].state.resources.upstreams
        task = asyncio.current_task()
        assert task is not None
        began = asyncio.get_running_loop().time()
        watcher = asyncio.create_task(_cancel_on_disconnect(receive, task))
        response: UpstreamConnection | None = None
        started = streaming = completed = False
        try:
            async with asyncio.timeout(self._deadlines.for_upstream(target.upstream)) as deadline:
                try:
                    response = await send_upstream(upstreams, scope, target, body)
                except DomainError as error:
                    timed_out = isinstance(error, UpstreamTimeoutError)
                    kind: UpstreamErrorKind = "timeout" if timed_out else "refused"
                    self._metrics.upstream_error(target.upstream, kind)
                    await error_response(error.code, error.message)(scope, receive, send)
                    return
                finally:
                    del body  # sent; a stream must not hold it for its whole life
                if streaming := is_event_stream(response):
                    lifetime = self._deadlines.stream
                    deadline.reschedule(None if lifetime is None else began + lifetime)
                started = True
                await send_head(response, send)
                if not streaming:
                    completed = await self._relay(response, target, send)
                ends_at = deadline.when()
        except TimeoutError:
            # Our own deadline (the connect and idle-read timeouts are handled below it).
            self._metrics.upstream_error(target.upstream, "timeout")
            if response is not None:
                response.close()
            if started:
                # Too late for an envelope: the response ends short, which the client sees.
                logger.warning("the %s response outlived its deadline; cut", target.upstream)
                return
            logger.warning("upstream %s timed out: %s", target.upstream, scope["path"])
            timeout = UpstreamTimeoutError(f"The {target.upstream} service did not answer in time.")
            await error_response(timeout.code, timeout.message)(scope, receive, send)
            return
        except asyncio.CancelledError:
            if response is not None:
                response.close()
            if not _client_left(watcher, task):
                raise
            logger.info("client went away; closed the %s stream", target.upstream)
            return
        except BaseException:
            if response is not None:
                response.close()
            raise
        finally:
            watcher.cancel()
        if not streaming:
            _settle(response, completed)
            return
        relay_rest = partial(self._relay_stream, response, target, ends_at)
        if not hand_off(scope, relay_rest):
            await relay_rest(receive, send)

    async def _relay_stream(
        self,
        response: UpstreamConnection,
        target: Target,
        ends_at: float | None,
        receive: Receive,
        send: Send,
    ) -> None:
        """Relay a stream's body within the exchange's deadline, counted as an open stream."""
        task = asyncio.current_task()
        assert task is not None
        watcher = asyncio.create_task(_cancel_on_disconnect(receive, task))
        streams = self._metrics.open_streams.labels(target.upstream.value)
        streams.inc()
        completed = False
        try:
            async with asyncio.timeout_at(ends_at):
                completed = await self._relay(response, target, send)
        except TimeoutError:
            self._metrics.upstream_error(target.upstream, "timeout")
            # Too late for an envelope: the response ends short, which the client sees.
            logger.warning("the %s response outlived its deadline; cut", target.upstream)
        except asyncio.CancelledError:
            if not _client_left(watcher, task):
                raise
            logger.info("client went away; closed the %s stream", target.upstream)
        finally:
            watcher.cancel()
            streams.dec()
            _settle(response, completed)

    async def _relay(self, response: UpstreamConnection, target: Target, send: Send) -> bool:
        """`relay_body`, a body that broke off counted as the upstream's error."""
        completed = await relay_body(response, send)
        if not completed:
            self._metrics.upstream_error(target.upstream, "broken")
        return completed


def _settle(response: UpstreamConnection, completed: bool) -> None:
    """Keep the connection for the next request when the body was read to its end, else drop it."""
    if completed:
        response.release()
    else:
        response.close()


async def send_upstream(
    upstreams: UpstreamClient, scope: Scope, target: Target, body: bytes
) -> UpstreamConnection:
    """Send the request on; its headers are garbage once this returns, even for a long stream."""
    client = scope.get("client")
    headers = upstream_headers(
        scope["headers"],
        current_request_id(),
        client[0] if client else None,
        scope.get("scheme", "http"),
    )
    sent_as = RequestTarget(forwarded_path(scope, target), scope["query_string"])
    return await upstreams.open(target.upstream, scope["method"], sent_as, headers.items(), body)


def is_event_stream(response: UpstreamConnection) -> bool:
    content_type = response.header(b"content-type") or b""
    return content_type.split(b";", 1)[0].strip().lower() == b"text/event-stream"


async def _cancel_on_disconnect(receive: Receive, task: asyncio.Task[object]) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
    task.cancel()


def _client_left(watcher: asyncio.Task[None], task: asyncio.Task[None]) -> bool:
    """Whether a cancellation of `task` was the watcher's, for a client that left; it is then
    taken back. The watcher returns only after cancelling; any other cancellation (server
    shutdown) is not ours to swallow."""
    saw_disconnect = watcher.done() and not watcher.cancelled()
    return saw_disconnect and task.uncancel() == 0


async def send_head(response: UpstreamConnection, send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": response.status,
            "headers": downstream_headers(response.raw_headers),
        }
    )


async def relay_body(response: UpstreamConnection, send: Send) -> bool:
    """Send the upstream's body on as it arrives; True when it was read to its end."""
    try:
        while chunk := await response.read_chunk():
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    except (UpstreamBrokeOff, TimeoutError) as error:
        # The response has started: no envelope is possible any more. Ending it short tells the
        # client (chunked encoding without its last chunk) that the body is incomplete.
        logger.warning("upstream response broke off: %r", error)
        return False
    await send({"type": "http.response.body", "body": b"", "more_body": False})
    return True


async def read_body(scope: Scope, receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None when the client left; 413 past `limit` bytes.

    Checked twice: the declared Content-Length up front, and the bytes actually received (a
    chunked body declares none).
    """
    declared = Headers(scope=scope).get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLargeError(_too_large(limit))
    body = bytearray()
    while True:
        message: Message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        if len(body) > limit:
            raise PayloadTooLargeError(_too_large(limit))
        if not message.get("more_body", False):
            return bytes(body)


def _too_large(limit: int) -> str:
    return f"The request body exceeds the limit of {limit // 1024} KiB."


def forwarded_path(scope: Scope, target: Target) -> str:
    """The path sent upstream, still percent-encoded as the client sent it where possible."""
    raw: bytes = scope.get("raw_path") or b""
    if raw.isascii():
        stripped = strip_api(raw.decode("ascii"))
        if unquote(stripped) == target.path:
            return stripped
    return quote(target.path)
