"""The mail service as the tools see it: HTTP calls made with the caller's identity.

`MailClient` is the mail app's client: the agent's lifespan builds it once over its pooled HTTP
client to the mail service and hands it to each mail tool it builds (`apps.py`). Every call
carries the caller's bearer token (re-signed for the same identity when it expired during an
approval wait: `credentials.py`), tenant, user and request id, so the mail service authorises
the agent's actions exactly as it would the user's own. Envelope errors and transport failures
become `ToolFailure` with a sentence a user can act on; nothing else leaks out.

The agent's client is an aiohttp session (`open_apps`: a quarter of httpx's CPU per call on the
agent's event loop); an httpx client works too (the tools' tests reach the mail service app
in-process with it). `mail_http.py` holds both.
"""

import json as jsonlib
from typing import Any

import aiohttp
import httpx

from aura.agent.tools.base import Args, Tool, ToolContext, ToolFailure
from aura.agent.tools.mail_http import (
    AiohttpMail,
    ConnectionDroppedError,
    HttpxMail,
    MailAnswer,
    MailTimeoutError,
    MailTransport,
    MailUnreachableError,
    Params,
)

MESSAGES_PATH = "/mail/messages"


class MailNotFoundError(ToolFailure):
    """The mail service has no mail with that id for this user (404)."""


def _identity_headers(ctx: ToolContext) -> dict[str, str]:
    headers = {
        "Authorization": f"Bearer {ctx.bearer()}",
        "X-Tenant-ID": ctx.caller.tenant_id,
        "X-User-ID": ctx.caller.user_id,
        "X-Request-ID": ctx.request_id,
    }
    if ctx.idempotency_key is not None:
        # An approved change retried after a crash is answered with its first result.
        headers["Idempotency-Key"] = ctx.idempotency_key
    return headers


class MailClient:
    """Calls the mail service's `/mail/messages` API, each call on behalf of the caller in `ctx`."""

    def __init__(self, http: aiohttp.ClientSession | httpx.AsyncClient, base_url: str = "") -> None:
        """`base_url` is the mail service's, for an aiohttp session (an httpx client has its
        own)."""
        self._http: MailTransport = (
            AiohttpMail(http, base_url)
            if isinstance(http, aiohttp.ClientSession)
            else HttpxMail(http)
        )

    async def list(self, ctx: ToolContext, params: Params) -> dict[str, Any]:
        data = await self._call(ctx, "GET", MESSAGES_PATH, "list your mail", params=params)
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise ToolFailure("The mail service sent a mail list Aura could not read.")
        return data

    async def get(self, ctx: ToolContext, message_id: str) -> dict[str, Any]:
        data = await self._call(
            ctx, "GET", f"{MESSAGES_PATH}/{message_id}", f"open the mail {message_id}"
        )
        if not isinstance(data, dict):
            raise ToolFailure("The mail service sent a mail Aura could not read.")
        return data

    async def post(self, ctx: ToolContext, action: str, body: dict[str, Any], purpose: str) -> Any:
        return await self._call(ctx, "POST", f"{MESSAGES_PATH}/{action}", purpose, json=body)

    async def _call(
        self,
        ctx: ToolContext,
        method: str,
        path: str,
        purpose: str,
        params: Params | None = None,
        json: dict[str, Any] | None = None,
    ) -> Any:
        try:
            answer = await self._send(ctx, method, path, params, json)
        except MailTimeoutError:
            raise ToolFailure(
                f"The mail service did not answer in time, so Aura could not {purpose}."
            ) from None
        except MailUnreachableError:
            raise ToolFailure(
                f"The mail service could not be reached, so Aura could not {purpose}."
            ) from None
        body = _envelope(answer)
        if 200 <= answer.status < 300 and body.get("success") is not False:
            return body.get("data")
        message = str(body.get("message") or f"HTTP {answer.status}")
        if answer.status == 404:
            raise MailNotFoundError(f"Aura could not {purpose}: {message}")
        raise ToolFailure(f"The mail service refused to {purpose}: {message}")

    async def _send(
        self,
        ctx: ToolContext,
        method: str,
        path: str,
        params: Params | None,
        json: dict[str, Any] | None,
    ) -> MailAnswer:
        """One request; sent once more on a new connection when the pooled one it went out on
        turns out to have been closed, if repeating it is harmless (a read, or a change carrying
        its idempotency key)."""
        headers = _identity_headers(ctx)
        repeatable = method == "GET" or "Idempotency-Key" in headers
        try:
            return await self._http.exchange(method, path, params, json, headers)
        except ConnectionDroppedError:
            if not repeatable:
                raise
        return await self._http.exchange(method, path, params, json, headers)


class MailTool(Tool[Args]):
    """A tool of the mail app: it acts through the mail client it was built with."""

    def __init__(self, mail: MailClient) -> None:
        self._mail = mail


def _envelope(answer: MailAnswer) -> dict[str, Any]:
    try:
        body = jsonlib.loads(answer.body)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ToolFailure(
            f"The mail service answered with something Aura could not read (HTTP {answer.status})."
        )
    return body
