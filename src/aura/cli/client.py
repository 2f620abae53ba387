"""How the `aura` command talks to the gateway: login, the token cache, JSON calls, the SSE reader.

The CLI is a foreground program that waits on a person at the keyboard, so it uses httpx's
synchronous client: while the person decides on an approval, the stream simply is not read (the
server's heartbeats wait in the socket buffer) and the decision goes out on a second connection.
"""

import argparse
import contextlib
import getpass
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import jwt

DEFAULT_GATEWAY = "http://localhost:8080"
GATEWAY_ENV = "AURA_GATEWAY_URL"
DONE_DATA = "[DONE]"
# Longer than any sane heartbeat interval (SPEC default 15 s): a silent stream is a dead one.
STREAM_READ_TIMEOUT_SECONDS = 120.0
REQUEST_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
# Names earlier clients used for the canonical event types (SPEC §5.3).
EVENT_ALIASES = {
    "thinking": "thought",
    "action": "tool_execution",
    "approval_required": "hitl",
    "message": "content",
}


class ApiError(Exception):
    """A call the gateway refused; the message is the server's sentence, fit to show a person."""

    def __init__(self, message: str, status: int, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


# --- Server-sent events -------------------------------------------------------------------------


@dataclass(frozen=True)
class SseMessage:
    """One dispatched SSE message (WHATWG HTML §9.2.6): its id, event name and data."""

    data: str
    event: str | None = None
    id: str | None = None


@dataclass
class SseParser:
    """Incremental SSE parser: feed it bytes as they arrive, get whole messages back.

    Lines are split on bytes before decoding, so a multi-byte UTF-8 character cut between two
    network chunks is never decoded in halves. Comment lines (`: keep-alive`) are skipped.
    """

    _buffer: bytes = b""
    _data: list[str] = field(default_factory=list)
    _event: str | None = None
    _id: str | None = None
    _pending_cr: bool = False

    def feed(self, chunk: bytes) -> list[SseMessage]:
        if self._pending_cr and chunk.startswith(b"\n"):
            chunk = chunk[1:]
        self._pending_cr = chunk.endswith(b"\r")
        self._buffer += chunk
        messages: list[SseMessage] = []
        lines = self._buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        self._buffer = lines.pop()
        for raw in lines:
            message = self._line(raw.decode("utf-8", "replace"))
            if message is not None:
                messages.append(message)
        return messages

    def _line(self, line: str) -> SseMessage | None:
        if line == "":
            return self._dispatch()
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._id = value
        return None

    def _dispatch(self) -> SseMessage | None:
        data, event = self._data, self._event
        self._data, self._event = [], None
        if not data:
            return None
        return SseMessage(data="\n".join(data), event=event, id=self._id)


@dataclass(frozen=True)
class RunEvent:
    """One event of a run: its canonical type, its `data` object and its `<runId>:<seq>` id."""

    type: str
    data: dict[str, Any]
    id: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)


def run_event(message: SseMessage) -> RunEvent | None:
    """The run event an SSE message carries; None for `[DONE]` and for data that is not JSON."""
    if message.data.strip() == DONE_DATA:
        return None
    try:
        body = json.loads(message.data)
    except json.JSONDecodeError:
        return None
    if not isinstance(body, dict):
        return None
    kind = str(body.get("type") or message.event or "message")
    payload = body.get("data")
    # `payload = json.data || json` is how every SPEC event is read (SPEC §5.2, compat).
    data = payload if isinstance(payload, dict) else body
    return RunEvent(EVENT_ALIASES.get(kind, kind), data, message.id, body)


@dataclass
class RunStream:
    """An open run stream: the run's ids from the response headers, and its events as they come."""

    response: httpx.Response
    run_id: str | None
    session_id: str | None
    last_event_id: str | None = None
    done: bool = False

    def events(self) -> Iterator[RunEvent]:
        """The events until `[DONE]`; a dropped connection just ends them with `done` False."""
        parser = SseParser()
        try:
            for chunk in self.response.iter_bytes():
                for message in parser.feed(chunk):
                    if message.data.strip() == DONE_DATA:
                        self.done = True
                        return
                    event = run_event(message)
                    if event is None:
                        continue
                    if event.id:
                        self.last_event_id = event.id
                    if event.type == "start":
                        self.run_id = event.data.get("runId") or self.run_id
                        self.session_id = event.data.get("sessionId") or self.session_id
                    yield event
        except httpx.TransportError:
            return


# --- Identity and the token cache ---------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    """Who the CLI acts as: the token and the two ids every call repeats in headers."""

    token: str
    user_id: str
    tenant_id: str
    expires_at: int | None = None

    @classmethod
    def from_token(cls, token: str) -> "Login":
        """Read the ids a token names so they can be sent as headers.

        The signature is not checked here on purpose: the CLI holds no secret, and every service
        verifies the token again; a forged token only earns its bearer a 401.
        """
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise ApiError(
                "That token is not a JWT; log in again or pass a valid --token.", 401
            ) from None
        user_id, tenant_id = claims.get("sub"), claims.get("tenant_id")
        if not user_id or not tenant_id:
            raise ApiError("That token names no user or tenant; log in to get a new one.", 401)
        exp = claims.get("exp")
        return cls(token, str(user_id), str(tenant_id), int(exp) if exp is not None else None)

    def expired(self, now: float | None = None, margin: float = 30.0) -> bool:
        if self.expires_at is None:
            return False
        return (time.time() if now is None else now) + margin >= self.expires_at


def config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "aura"


class TokenCache:
    """Tokens from earlier logins, per gateway, in `~/.config/aura/tokens.json` (mode 0600).

    The most recent login to a gateway is used when no user is named, so that `aura approve`
    in a second terminal acts as whoever last logged in there.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "tokens.json"

    def _read(self) -> dict[str, Any]:
        try:
            content = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return content if isinstance(content, dict) else {}

    def find(
        self, gateway: str, user: str | None = None, tenant: str | None = None
    ) -> Login | None:
        entries = self._read().get(gateway.rstrip("/"), {})
        if not isinstance(entries, dict):
            return None
        candidates = []
        for entry in entries.get("logins", []):
            try:
                login = Login.from_token(str(entry["token"]))
            except (ApiError, KeyError, TypeError):
                continue
            if login.expired():
                continue
            # A user is named by the login name or the user id (`-u seoyeon.lee` is user456).
            if user and user not in (login.user_id, entry.get("username")):
                continue
            if tenant and login.tenant_id != tenant:
                continue
            candidates.append((float(entry.get("savedAt", 0)), login))
        return max(candidates, key=lambda pair: pair[0])[1] if candidates else None

    def save(self, gateway: str, login: Login, username: str | None = None) -> None:
        content = self._read()
        key = gateway.rstrip("/")
        entry = content.get(key)
        if not isinstance(entry, dict):
            entry = {}
        kept = [
            item
            for item in entry.get("logins", [])
            if isinstance(item, dict)
            and (item.get("userId"), item.get("tenantId")) != (login.user_id, login.tenant_id)
        ]
        kept.append(
            {
                "token": login.token,
                "userId": login.user_id,
                "tenantId": login.tenant_id,
                "username": username or login.user_id,
                "savedAt": time.time(),
            }
        )
        content[key] = {"logins": kept}
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = self.path.with_suffix(".tmp")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(content, handle, indent=2)
        partial.replace(self.path)


# --- The gateway --------------------------------------------------------------------------------


def _error_from(response: httpx.Response) -> ApiError:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and body.get("message"):
        problems = body.get("errors") or []
        details = "; ".join(
            f"{p.get('field')}: {p.get('reason')}" for p in problems if isinstance(p, dict)
        )
        message = str(body["message"]) + (f" ({details})" if details else "")
        return ApiError(message, response.status_code, body.get("errorCode"))
    return ApiError(
        f"The gateway answered {response.status_code} {response.reason_phrase}.",
        response.status_code,
    )


@dataclass(frozen=True)
class Outcome:
    """A successful envelope: its data and its message (e.g. "already processed")."""

    data: Any
    message: str
    status: int


class GatewayClient:
    """The public API of SPEC, through the gateway, as one logged-in person."""

    def __init__(self, gateway: str, login: Login | None = None) -> None:
        self.gateway = gateway.rstrip("/")
        self.login = login
        self.http = httpx.Client(base_url=self.gateway, timeout=REQUEST_TIMEOUT)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "GatewayClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def headers(self) -> dict[str, str]:
        if self.login is None:
            raise ApiError("Not logged in.", 401, "E2000")
        return {
            "Authorization": f"Bearer {self.login.token}",
            "X-Tenant-ID": self.login.tenant_id,
            "X-User-ID": self.login.user_id,
        }

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return self.http.request(method, path, **kwargs)
        except httpx.TimeoutException:
            raise ApiError(f"The gateway at {self.gateway} did not answer in time.", 504) from None
        except httpx.TransportError:
            raise ApiError(
                f"Cannot reach the gateway at {self.gateway}; is Aura running (./dev up)?", 502
            ) from None

    def call(self, method: str, path: str, **kwargs: Any) -> Outcome:
        """One JSON call in the envelope of SPEC §4; `success:false` raises ApiError."""
        response = self._send(method, path, headers=self.headers(), **kwargs)
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and body.get("success") is True:
            return Outcome(body.get("data"), str(body.get("message", "")), response.status_code)
        raise _error_from(response)

    def log_in(self, username: str, password: str, tenant: str | None) -> Login:
        body: dict[str, Any] = {"username": username, "password": password}
        if tenant:
            body["tenantId"] = tenant
        response = self._send("POST", "/api/auth/login", json=body)
        if response.status_code != 200:
            raise _error_from(response)
        data = response.json().get("data") or {}
        token = data.get("accessToken")
        if not token:
            raise ApiError("The login answer held no token.", response.status_code)
        self.login = Login.from_token(str(token))
        return self.login

    @contextlib.contextmanager
    def _stream(self, method: str, path: str, **kwargs: Any) -> Iterator[RunStream]:
        headers = {**self.headers(), "Accept": "text/event-stream", **kwargs.pop("headers", {})}
        timeout = httpx.Timeout(30.0, connect=10.0, read=STREAM_READ_TIMEOUT_SECONDS)
        try:
            with self.http.stream(
                method, path, headers=headers, timeout=timeout, **kwargs
            ) as response:
                if response.status_code != 200:
                    response.read()
                    raise _error_from(response)
                yield RunStream(
                    response,
                    response.headers.get("x-aura-run-id"),
                    response.headers.get("x-aura-session-id"),
                )
        except httpx.TimeoutException:
            raise ApiError("The stream went silent; the connection was given up.", 504) from None
        except httpx.TransportError:
            raise ApiError(f"The connection to {self.gateway} was lost.", 502) from None

    def start_run(
        self, prompt: str, context: dict[str, Any] | None = None, thread_id: str | None = None
    ) -> contextlib.AbstractContextManager[RunStream]:
        body: dict[str, Any] = {"prompt": prompt}
        if context:
            body["context"] = context
        if thread_id:
            body["threadId"] = thread_id
        return self._stream("POST", "/api/aura/test/stream", json=body)

    def attach(
        self, run_id: str, last_event_id: str | None
    ) -> contextlib.AbstractContextManager[RunStream]:
        headers = {"Last-Event-ID": last_event_id} if last_event_id else {}
        return self._stream("GET", f"/api/aura/runs/{run_id}/stream", headers=headers)

    def cancel(self, run_id: str) -> None:
        """Best effort: the run is the agent's, and a failed cancel changes nothing here."""
        with contextlib.suppress(ApiError):
            self._send("POST", f"/api/aura/runs/{run_id}/cancel", headers=self.headers())

    def approve(
        self, request_id: str, params: dict[str, Any] | None = None, comment: str | None = None
    ) -> Outcome:
        assert self.login is not None
        body: dict[str, Any] = {"userId": self.login.user_id}
        if params is not None:
            body["params"] = params
        if comment:
            body["comment"] = comment
        return self.call("POST", f"/api/aura/hitl/approve/{request_id}", json=body)

    def reject(self, request_id: str, reason: str | None) -> Outcome:
        assert self.login is not None
        body: dict[str, Any] = {"userId": self.login.user_id}
        if reason:
            body["reason"] = reason
        return self.call("POST", f"/api/aura/hitl/reject/{request_id}", json=body)

    def pending(self) -> list[dict[str, Any]]:
        data = self.call("GET", "/api/aura/hitl/requests", params={"status": "pending"}).data
        if isinstance(data, dict):
            data = data.get("items", [])
        return [item for item in data or [] if isinstance(item, dict)]


# --- Who the command acts as --------------------------------------------------------------------


def add_connection_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags every command that calls the gateway shares."""
    parser.add_argument(
        "--gateway",
        default=os.environ.get(GATEWAY_ENV, DEFAULT_GATEWAY),
        help=f"gateway URL (${GATEWAY_ENV}, default {DEFAULT_GATEWAY})",
    )
    parser.add_argument("--token", help="use this access token instead of logging in")
    parser.add_argument("-u", "--username", help="log in as this user (prompted when needed)")
    parser.add_argument("-t", "--tenant", help="the user's tenant id (prompted when needed)")
    parser.add_argument(
        "--password",
        help="password (prompted when needed; $AURA_PASSWORD is read as well)",
    )


def _ask(label: str, secret: bool = False) -> str:
    if not sys.stdin.isatty():
        raise ApiError(f"No {label.lower()} given and no terminal to ask for one.", 401, "E2000")
    answer = getpass.getpass(f"{label}: ") if secret else input(f"{label}: ")
    if not answer.strip():
        raise ApiError(f"A {label.lower()} is needed to log in.", 401, "E2000")
    return answer.strip() if not secret else answer


def connect(args: argparse.Namespace, cache: TokenCache | None = None) -> GatewayClient:
    """A client logged in as the flags say: --token, else a cached login, else a fresh login."""
    client = GatewayClient(args.gateway)
    if args.token:
        client.login = Login.from_token(args.token)
        return client
    cache = cache or TokenCache()
    password = args.password or os.environ.get("AURA_PASSWORD")
    if not password:
        cached = cache.find(client.gateway, args.username, args.tenant)
        if cached is not None:
            client.login = cached
            return client
    username = args.username or _ask("Username")
    tenant = args.tenant or _ask("Tenant")
    login = client.log_in(username, password or _ask("Password", secret=True), tenant)
    cache.save(client.gateway, login, username)
    return client
