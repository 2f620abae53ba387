"""A service app under test: its lifespan running, and an httpx client over ASGI.

Fixtures of different scopes build on these (the app per module, per session or per test).
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI


@asynccontextmanager
async def started(app: FastAPI) -> AsyncIterator[FastAPI]:
    """The app with its lifespan entered: clients open, migrations run, seeds written."""
    async with app.router.lifespan_context(app):
        yield app


@asynccontextmanager
async def asgi_client(app: FastAPI, base_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client that calls the app in-process (not for endless streams: ASGITransport buffers)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=base_url) as http:
        yield http
