"""The apps the agent acts on, each opened once for the agent's lifetime.

An app is a client and the tools built with it. `open_apps` opens every app's client with
`async with` (closed when the agent stops) and returns one registry of all their tools; the
runtime, the approval gate and the model providers only ever see that registry. Adding an app is
adding it here (docs/agent.md#adding-an-app).
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Protocol

import aiohttp

from aura.agent.tools.base import Tool
from aura.agent.tools.browsing import ListMessages, ReadMessage, SearchMessages
from aura.agent.tools.changes import DeleteMessages, MarkRead, RestoreMessages, SendMessage
from aura.agent.tools.mail_api import MailClient, MailTool
from aura.agent.tools.registry import ToolRegistry

MAIL_TOOLS: tuple[type[MailTool[Any]], ...] = (
    ListMessages,
    SearchMessages,
    ReadMessage,
    MarkRead,
    DeleteMessages,
    RestoreMessages,
    SendMessage,
)
"""Every mail tool (docs/contract.md#mail-tools), in the order the model is shown them."""


_MAIL_KEEPALIVE_SECONDS = 4.0


class AppSettings(Protocol):
    """What the apps are opened from (the agent's settings)."""

    @property
    def mail_url(self) -> str: ...

    @property
    def mail_timeout_seconds(self) -> float: ...


def mail_tools(mail: MailClient) -> list[Tool[Any]]:
    """The mail tools, each acting through `mail`."""
    return [kind(mail) for kind in MAIL_TOOLS]


@asynccontextmanager
async def open_apps(settings: AppSettings) -> AsyncIterator[ToolRegistry]:
    """Every app's client, open until the `async with` ends, and the registry of their tools."""
    async with aiohttp.ClientSession(
        timeout=aiohttp.ClientTimeout(total=settings.mail_timeout_seconds),
        # An idle connection is let go before the mail service's server (uvicorn: 5 s) would
        # close it; a request that still meets a closed one is repeated when that is harmless.
        connector=aiohttp.TCPConnector(limit=100, keepalive_timeout=_MAIL_KEEPALIVE_SECONDS),
    ) as mail_http:
        yield ToolRegistry(mail_tools(MailClient(mail_http, settings.mail_url)))
