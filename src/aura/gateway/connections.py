"""HTTP/1.1 connections to the upstreams: one asyncio protocol per connection, and their pools.

The proxy needs little of an HTTP client: send a request whose body it already holds, wait for
the status line and headers, then hand on whatever body bytes arrive, never decoded, split or
joined beyond what the socket delivered. A general client (aiohttp before this module) costs an
open SSE stream about ten Python objects and buffers, and every event a parser callback, a
stream-reader buffer, a timer reschedule and a task wake-up; with thousands of streams held open
that was most of the gateway's memory, and most of the latency it added per event.

`UpstreamConnection` is the whole exchange: a socket, httptools' C response parser, the body
bytes waiting to be read (as a list of the socket's own reads), and at most one future, that of
the reader waiting for them. The body is read by `read_chunk()`: every byte that arrived since
the last call, in one piece, or `b""` at the end of the body.

Flow control: past `HIGH_WATER_BYTES` unread, the connection stops reading from its socket until
the reader has caught up, so a slow client pushes back on the upstream instead of filling memory.

Idle reads: one timer per exchange, armed once and re-armed only when it fires early, ends a
response that stays silent longer than the read timeout (`TimeoutError`), without touching a
timer for every read.

`ConnectionPool` keeps the idle keep-alive connections to one replica. A pooled connection is
closed once idle for the keep-alive time, which is shorter than the services' own, so the gateway
gives a connection up before the service does. A request may still meet a connection the service
has just closed: `UpstreamClient` resends an idempotent request once on a new connection when a
reused one broke off before any byte of the answer (the POST is never resent: nobody knows
whether the upstream acted on it).
"""

import asyncio
import ssl
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

import httptools

HIGH_WATER_BYTES = 256 * 1024


class UpstreamBrokeOff(ConnectionError):
    """The connection closed, or sent something that is not HTTP, before the answer ended."""


@dataclass(frozen=True)
class Origin:
    """Where a replica's base URL points: scheme, host, port and path prefix."""

    host: str
    port: int
    tls: bool
    prefix: str
    host_header: bytes

    @classmethod
    def of(cls, base: str) -> "Origin":
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) base URL: {base!r}")
        tls = parts.scheme == "https"
        port = parts.port or (443 if tls else 80)
        default = parts.port is None or parts.port == (443 if tls else 80)
        host = parts.netloc.rpartition("@")[2] if default else f"{parts.hostname}:{port}"
        return cls(parts.hostname, port, tls, parts.path.rstrip("/"), host.encode("idna"))


class UpstreamConnection(asyncio.Protocol):
    """One upstream connection and the exchange in flight on it (see the module docstring)."""

    __slots__ = (
        "_body",
        "_buffered",
        "_complete",
        "_error",
        "_headers",
        "_idle_timer",
        "_keep_alive",
        "_last_read",
        "_loop",
        "_parser",
        "_paused",
        "_pool",
        "_read_timeout",
        "_started",
        "_waiter",
        "idle_since",
        "reused",
        "status",
        "transport",
    )

    def __init__(self, pool: "ConnectionPool") -> None:
        self._pool = pool
        self._loop = asyncio.get_running_loop()
        self._parser = httptools.HttpResponseParser(self)
        self._read_timeout = pool.read_timeout
        self.transport: asyncio.Transport | None = None
        self.idle_since = 0.0
        self.reused = False
        self._reset()

    def _reset(self) -> None:
        self.status = 0
        self._headers: list[tuple[bytes, bytes]] = []
        self._body: list[bytes] = []
        self._buffered = 0
        self._started = False  # any byte of the answer has arrived
        self._complete = False  # the whole answer has arrived
        self._keep_alive = False  # ... and the connection may carry another one
        self._error: BaseException | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._idle_timer: asyncio.TimerHandle | None = None
        self._paused = False
        self._last_read = 0.0

    # --- asyncio.Protocol -------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # A stream transport, though uvloop's does not subclass asyncio.Transport.
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self._started = True
        self._last_read = self._loop.time()
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as error:
            self._fail(UpstreamBrokeOff(f"the upstream's answer is not HTTP/1.1: {error}"))

    def eof_received(self) -> bool:
        return False  # close the transport; connection_lost follows

    def connection_lost(self, exc: Exception | None) -> None:
        self._pool.forget(self)
        if not self._complete:
            if self._headers_done() and not self._framed():
                self._complete = True  # a body delimited by the connection's end: it ended
                self._wake()
            else:
                self._fail(UpstreamBrokeOff("the upstream closed the connection"))

    # --- httptools callbacks ------------------------------------------------------------------

    def on_header(self, name: bytes, value: bytes) -> None:
        self._headers.append((name, value))

    def on_headers_complete(self) -> None:
        status = self._parser.get_status_code()
        if 100 <= status < 200:
            # An interim answer (100 Continue): the final one follows on the same connection.
            self._headers = []
            return
        self.status = status
        self._wake()

    def on_body(self, body: bytes) -> None:
        self._body.append(body)
        self._buffered += len(body)
        if self._buffered > HIGH_WATER_BYTES and not self._paused and self.transport:
            self._paused = True
            self.transport.pause_reading()
        self._wake()

    def on_message_complete(self) -> None:
        if self.status:
            self._complete = True
            # Only known inside the callback: the parser has moved on to the next message after.
            self._keep_alive = self._parser.should_keep_alive()
            self._wake()

    # --- the exchange ---------------------------------------------------------------------------

    def send(self, head: bytes, body: bytes) -> None:
        assert self.transport is not None
        self._reset()
        self._arm_idle_timer(self._loop.time())
        self.transport.write(head + body if body else head)

    async def response_head(self) -> None:
        """Wait for the status line and headers; `status` and `raw_headers` are then set."""
        while not self.status:
            await self._wait()

    @property
    def raw_headers(self) -> list[tuple[bytes, bytes]]:
        return self._headers

    def header(self, name: bytes) -> bytes | None:
        for key, value in self._headers:
            if key.lower() == name:
                return value
        return None

    def read_head_only(self) -> None:
        """The answer to a HEAD request has no body, whatever its Content-Length says. The parser
        cannot be told so: the connection is closed rather than reused."""
        self._complete = True
        self._error = UpstreamBrokeOff("not reusable after a HEAD")

    @property
    def broke_before_answer(self) -> bool:
        """It failed before any byte of the answer arrived (a reused connection the upstream had
        closed meanwhile looks like this)."""
        return self._error is not None and not self._started

    async def read_chunk(self) -> bytes:
        """Every body byte that arrived since the last call; `b""` once the body has ended."""
        while True:
            if self._body:
                body = self._body
                chunk = body[0] if len(body) == 1 else b"".join(body)
                self._body = []
                self._buffered = 0
                if self._paused and self.transport is not None:
                    self._paused = False
                    self.transport.resume_reading()
                return chunk
            if self._complete:
                self._disarm_idle_timer()
                return b""
            await self._wait()

    def release(self) -> None:
        """The answer was read to its end: keep the connection for the next request, if allowed."""
        self._disarm_idle_timer()
        reusable = (
            self._complete
            and self._error is None
            and self._keep_alive
            and self.transport is not None
            and not self.transport.is_closing()
        )
        if reusable:
            self._pool.put_back(self)
        else:
            self.close()

    def close(self) -> None:
        """Drop the connection now (the answer was cut short, or will not be read)."""
        self._disarm_idle_timer()
        self._pool.forget(self)
        if self.transport is not None:
            self.transport.close()

    # --- waiting, waking, failing ---------------------------------------------------------------

    async def _wait(self) -> None:
        if self._error is not None:
            raise self._error
        waiter = self._waiter = self._loop.create_future()
        try:
            await waiter
        finally:
            self._waiter = None
        if self._error is not None:
            raise self._error

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _fail(self, error: BaseException) -> None:
        if self._error is None:
            self._error = error
        self._disarm_idle_timer()
        if self.transport is not None:
            self.transport.close()
        self._wake()

    def _headers_done(self) -> bool:
        return self.status != 0

    def _framed(self) -> bool:
        """Whether the body has its own end (a length or chunks), rather than the connection's."""
        for key, value in self._headers:
            name = key.lower()
            if name == b"content-length" or (
                name == b"transfer-encoding" and b"chunked" in value.lower()
            ):
                return True
        return self.status in (204, 304)

    def _arm_idle_timer(self, now: float) -> None:
        if self._read_timeout is not None:
            self._last_read = now
            self._idle_timer = self._loop.call_at(now + self._read_timeout, self._check_idle)

    def _disarm_idle_timer(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None

    def _check_idle(self) -> None:
        assert self._read_timeout is not None
        due = self._last_read + self._read_timeout
        if self._loop.time() < due:
            self._idle_timer = self._loop.call_at(due, self._check_idle)
            return
        self._idle_timer = None
        self._fail(TimeoutError("the upstream sent nothing within the read timeout"))


class ConnectionPool:
    """Open and idle connections to one replica; idle ones are kept for `keepalive` seconds."""

    def __init__(
        self,
        base: str,
        *,
        slots: asyncio.Semaphore | None,
        connect_timeout: float,
        read_timeout: float | None,
        keepalive: float,
    ) -> None:
        self.origin = Origin.of(base)
        self.read_timeout = read_timeout
        self._slots = slots
        self._connect_timeout = connect_timeout
        self._keepalive = keepalive
        self._idle: deque[UpstreamConnection] = deque()
        self._open: set[UpstreamConnection] = set()

    async def acquire(self) -> UpstreamConnection:
        """An idle connection when one is fresh enough, else a new one (`OSError`, `TimeoutError`
        when it cannot be opened in time)."""
        now = asyncio.get_running_loop().time()
        while self._idle:
            connection = self._idle.pop()
            transport = connection.transport
            if transport is None or transport.is_closing():
                continue
            if now - connection.idle_since >= self._keepalive:
                connection.close()
                continue
            connection.reused = True
            return connection
        return await self.acquire_new()

    async def acquire_new(self) -> UpstreamConnection:
        loop = asyncio.get_running_loop()
        origin = self.origin
        async with asyncio.timeout(self._connect_timeout):
            if self._slots is not None:
                await self._slots.acquire()
            try:
                _, connection = await loop.create_connection(
                    lambda: UpstreamConnection(self),
                    origin.host,
                    origin.port,
                    ssl=ssl.create_default_context() if origin.tls else None,
                )
            except BaseException:
                if self._slots is not None:
                    self._slots.release()
                raise
        self._open.add(connection)
        return connection

    def put_back(self, connection: UpstreamConnection) -> None:
        loop = asyncio.get_running_loop()
        connection.idle_since = loop.time()
        self._idle.append(connection)
        loop.call_later(self._keepalive, self._expire, connection)

    def _expire(self, connection: UpstreamConnection) -> None:
        loop_time = asyncio.get_running_loop().time()
        idle = connection in self._idle and loop_time - connection.idle_since >= self._keepalive
        if idle:
            self._idle.remove(connection)
            connection.close()

    def forget(self, connection: UpstreamConnection) -> None:
        """The connection is closed or closing: it holds a slot no longer."""
        if connection in self._open:
            self._open.discard(connection)
            if self._slots is not None:
                self._slots.release()
        if connection in self._idle:
            self._idle.remove(connection)

    def close_all(self) -> None:
        for connection in list(self._open):
            connection.close()


def header_fields(method: str, headers: Iterable[tuple[str, str]], body: bytes) -> bytes:
    """The request's header lines, Content-Length included; the same for every replica."""
    lines = [
        b"%s: %s\r\n" % (name.encode("latin-1"), value.encode("latin-1")) for name, value in headers
    ]
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(b"Content-Length: %d\r\n" % len(body))
    return b"".join(lines)


def request_head(method: str, target: bytes, origin: Origin, fields: bytes) -> bytes:
    """The request line, this replica's Host, the header lines and the blank line."""
    line = b"%s %s HTTP/1.1\r\nHost: %s\r\n" % (method.encode("ascii"), target, origin.host_header)
    return line + fields + b"\r\n"
