"""How the `aura` command talks to the gateway: JSON calls, run streams, and logging in.

The CLI is a foreground program that waits on a person at the keyboard, so it uses httpx's
synchronous client: while the person decides on an approval, the stream simply is not read (the
server's heartbeats wait in the socket buffer) and the decision goes out on a second connection.
"""

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from aura.cli.errors import ApiError, error_from
from aura.cli.logins import Login, TokenCache
from aura.cli.streams import RunStream

DEFAULT_GATEWAY = "http://localhost:8080"
GATEWAY_ENV = "AURA_GATEWAY_URL"
# Longer than any sane heartbeat interval (the default is 15 s): a silent stream is a dead one.
STREAM_READ_TIMEOUT_SECONDS = 120.0
REQUEST_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


@dataclass(frozen=True)
class Outcome:
    """A successful envelope: its data and its message (e.g. "already processed")."""

    data: Any
    message: str
    status: int


class GatewayClient:
    """The public API (docs/contract.md), through the gateway, as one logged-in person."""

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
        """One JSON call in the envelope (docs/contract.md); `success:false` raises ApiError."""
        response = self._send(method, path, headers=self.headers(), **kwargs)
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and body.get("success") is True:
            return Outcome(body.get("data"), str(body.get("message", "")), response.status_code)
        raise error_from(response)

    def log_in(self, username: str, password: str, tenant: str | None) -> Login:
        body: dict[str, Any] = {"username": username, "password": password}
        if tenant:
            body["tenantId"] = tenant
        response = self._send("POST", "/api/auth/login", json=body)
        if response.status_code != 200:
            raise error_from(response)
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
                    raise error_from(response)
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
