"""How `MailClient` reaches the mail service: one HTTP exchange, over aiohttp or httpx.

The agent talks to the mail service over aiohttp (`open_apps`): on the agent's one event loop an
httpx request costs about four times the CPU of an aiohttp one (httpx's models, httpcore's pool,
anyio's streams and h11 per request: ~650 µs against ~170 µs on the development machine,
`bench/mail_clients.py`). httpx stays supported because it also reaches an ASGI app in-process
(`httpx.ASGITransport`), which is how the tools' tests call the real mail service app.

Either way an exchange ends in a `MailAnswer` or one of three errors, so that `MailClient` decides
once what a timeout, an unreachable service and a dropped pooled connection mean.
"""

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import aiohttp
import httpx


@dataclass(frozen=True)
class MailAnswer:
    status: int
    body: bytes


class MailTimeoutError(Exception):
    """The mail service did not answer in time."""


class MailUnreachableError(Exception):
    """The exchange failed in transport (refused, reset, broken answer)."""


class ConnectionDroppedError(MailUnreachableError):
    """The pooled connection the request went out on had been closed by the mail service: it may
    not have seen the request, and a new connection would probably reach it."""


Params = Mapping[str, str | int]


class MailTransport(Protocol):
    async def exchange(
        self,
        method: str,
        path: str,
        params: Params | None,
        json: Any,
        headers: dict[str, str],
    ) -> MailAnswer: ...


class AiohttpMail:
    """Over an aiohttp session the caller owns (its timeout and connection pool)."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str) -> None:
        self._session = session
        self._base_url = base_url.rstrip("/")

    async def exchange(
        self,
        method: str,
        path: str,
        params: Params | None,
        json: Any,
        headers: dict[str, str],
    ) -> MailAnswer:
        url = self._base_url + path
        try:
            async with self._session.request(
                method, url, params=params, json=json, headers=headers
            ) as response:
                return MailAnswer(response.status, await response.read())
        except TimeoutError:
            raise MailTimeoutError from None
        except aiohttp.ClientConnectorError:
            raise MailUnreachableError from None  # no connection at all: nothing was sent
        except (
            aiohttp.ServerDisconnectedError,
            aiohttp.ClientOSError,
            aiohttp.ClientConnectionResetError,
        ):
            raise ConnectionDroppedError from None
        except (aiohttp.ClientError, asyncio.IncompleteReadError):
            raise MailUnreachableError from None


class HttpxMail:
    """Over an httpx client the caller owns (its base URL, timeout and pool, or ASGI app)."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def exchange(
        self,
        method: str,
        path: str,
        params: Params | None,
        json: Any,
        headers: dict[str, str],
    ) -> MailAnswer:
        try:
            response = await self._client.request(
                method, path, params=params, json=json, headers=headers
            )
        except httpx.TimeoutException:
            raise MailTimeoutError from None
        except (httpx.RemoteProtocolError, httpx.ReadError):
            raise ConnectionDroppedError from None
        except httpx.HTTPError:
            raise MailUnreachableError from None
        return MailAnswer(response.status_code, response.content)
