"""The mail service as the tools see it: HTTP calls made with the caller's identity.

`MailClient` is the mail app's client: the agent's lifespan builds it once over its pooled HTTP
client to the mail service and hands it to each mail tool it builds (`apps.py`). Every call
carries the caller's bearer token (re-signed for the same identity when it expired during an
approval wait: `credentials.py`), tenant, user and request id, so the mail service authorises
the agent's actions exactly as it would the user's own. Envelope errors and transport failures
become `ToolFailure` with a sentence a user can act on; nothing else leaks out.
"""

from typing import Any

import httpx

from aura.agent.tools.base import Args, Tool, ToolContext, ToolFailure

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

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def list(self, ctx: ToolContext, params: dict[str, Any]) -> dict[str, Any]:
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
        params: dict[str, Any] | None = None,
        json: dict[str, Any] | None = None,
    ) -> Any:
        try:
            response = await self._send(ctx, method, path, params, json)
        except httpx.TimeoutException:
            raise ToolFailure(
                f"The mail service did not answer in time, so Aura could not {purpose}."
            ) from None
        except httpx.HTTPError:
            raise ToolFailure(
                f"The mail service could not be reached, so Aura could not {purpose}."
            ) from None
        body = _envelope(response)
        if response.is_success and body.get("success") is not False:
            return body.get("data")
        message = str(body.get("message") or f"HTTP {response.status_code}")
        if response.status_code == 404:
            raise MailNotFoundError(f"Aura could not {purpose}: {message}")
        raise ToolFailure(f"The mail service refused to {purpose}: {message}")

    async def _send(
        self,
        ctx: ToolContext,
        method: str,
        path: str,
        params: dict[str, Any] | None,
        json: dict[str, Any] | None,
    ) -> httpx.Response:
        """One request; sent once more on a new connection when the pooled one it went out on
        turns out to have been closed, if repeating it is harmless (a read, or a change carrying
        its idempotency key)."""
        headers = _identity_headers(ctx)
        repeatable = method == "GET" or "Idempotency-Key" in headers
        try:
            return await self._http.request(method, path, params=params, json=json, headers=headers)
        except (httpx.RemoteProtocolError, httpx.ReadError):
            if not repeatable:
                raise
        return await self._http.request(method, path, params=params, json=json, headers=headers)


class MailTool(Tool[Args]):
    """A tool of the mail app: it acts through the mail client it was built with."""

    def __init__(self, mail: MailClient) -> None:
        self._mail = mail


def _envelope(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise ToolFailure(
            f"The mail service answered with something Aura could not read "
            f"(HTTP {response.status_code})."
        )
    return body
