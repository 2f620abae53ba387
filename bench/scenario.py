"""One HITL scenario as a client lives it, timed at every step, against Aura or the floor.

A `Site` says where the scenario runs (Aura through its gateway, or the floor through its proxy);
`drive()` posts the prompt, reads the SSE stream to `data: [DONE]` and hands the `hitl` event to an
`on_hitl` callback (approve at once, or leave it to a scheduler); `approve()` sends the decision on
another pooled connection of the same client session. Timestamps are `time.perf_counter()`.

Every scenario asks to send a mail in words of its own (`bench.prompts.send_mail_prompt`, numbered
by a counter of this process): the planner's cache of parsed prompts serves a run's later turns,
as for any user, but never its first one.

The client is aiohttp (cheaper per event than httpx), one session for every simulated user: the
benchmark's own CPU is reported beside its figures, since it shares the machine.
"""

import asyncio
import itertools
import json
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from bench.prompts import send_mail_prompt

AURA_USER = {"username": "user123", "password": "aura1234", "tenantId": "tenant1"}


@dataclass(frozen=True)
class Site:
    name: str
    base: str
    stream_path: str
    approve_path: str  # with `{request_id}`
    ping_path: str  # a cheap proxied route: the proxy's plain round trip
    headers: dict[str, str] = field(default_factory=dict)
    approve_body: dict[str, Any] = field(default_factory=dict)


_serials = itertools.count()
"""Numbers the scenarios of this process, each one's prompt its own (both sites alike)."""


@dataclass
class Scenario:
    posted: float = 0.0
    first_event: float = 0.0
    hitl: float = 0.0
    approve_sent: float = 0.0
    approve_answered: float = 0.0
    next_event: float = 0.0  # the first event after `hitl`: the run has resumed
    done: float = 0.0
    events: int = 0
    request_id: str = ""
    error: str = ""

    @property
    def complete(self) -> bool:
        return bool(self.done and self.approve_answered and not self.error)


OnHitl = Callable[[Scenario], Coroutine[Any, Any, None]]


def aura_site(gateway: str, token: str) -> Site:
    return Site(
        name="aura",
        base=gateway,
        stream_path="/api/aura/test/stream",
        approve_path="/api/aura/hitl/approve/{request_id}",
        ping_path="/api/main/health",
        headers={
            "Authorization": f"Bearer {token}",
            "X-Tenant-ID": AURA_USER["tenantId"],
            "X-User-ID": AURA_USER["username"],
        },
        approve_body={"userId": AURA_USER["username"]},
    )


def floor_site(proxy: str) -> Site:
    return Site(
        name="floor",
        base=proxy,
        stream_path="/aura/stream",
        approve_path="/aura/hitl/approve/{request_id}",
        ping_path="/health",
    )


async def aura_token(session: aiohttp.ClientSession, gateway: str) -> str:
    async with session.post(f"{gateway}/api/auth/login", json=AURA_USER) as response:
        response.raise_for_status()
        return str((await response.json())["data"]["accessToken"])


def client_session(connections: int = 0) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=connections, limit_per_host=0, force_close=False)
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=30, sock_read=600)
    return aiohttp.ClientSession(connector=connector, timeout=timeout)


async def approve(session: aiohttp.ClientSession, site: Site, scenario: Scenario) -> None:
    url = site.base + site.approve_path.format(request_id=scenario.request_id)
    scenario.approve_sent = time.perf_counter()
    try:
        async with session.post(url, json=site.approve_body, headers=site.headers) as response:
            await response.read()
            scenario.approve_answered = time.perf_counter()
            if response.status != 200:
                scenario.error = scenario.error or f"approve {response.status}"
    except aiohttp.ClientError as exc:
        scenario.error = scenario.error or f"approve {type(exc).__name__}: {exc}"


async def drive(session: aiohttp.ClientSession, site: Site, on_hitl: OnHitl) -> Scenario:
    prompt = send_mail_prompt(next(_serials))
    scenario = Scenario(posted=time.perf_counter())
    decision: asyncio.Task[None] | None = None
    try:
        async with session.post(
            site.base + site.stream_path, json={"prompt": prompt}, headers=site.headers
        ) as response:
            if response.status != 200:
                scenario.error = f"stream {response.status}: {(await response.read())[:120]!r}"
                return scenario
            async for line in response.content:
                if scenario.done or not line.startswith(b"data:"):
                    continue  # read to the end, so that the connection goes back to the pool
                now = time.perf_counter()
                text = line[5:].strip()
                if text == b"[DONE]":
                    scenario.done = now
                    continue
                scenario.events += 1
                scenario.first_event = scenario.first_event or now
                if scenario.hitl and not scenario.next_event:
                    scenario.next_event = now
                event = json.loads(text)
                kind = event.get("type")
                if kind == "hitl" and decision is None:
                    scenario.hitl = now
                    scenario.request_id = event["data"]["requestId"]
                    decision = asyncio.create_task(on_hitl(scenario))
                elif kind == "error":
                    scenario.error = f"error event: {json.dumps(event.get('data'))[:120]}"
        if not scenario.done and not scenario.error:
            scenario.error = "stream ended without [DONE]"
    except aiohttp.ClientError as exc:
        scenario.error = scenario.error or f"stream {type(exc).__name__}: {exc}"
    finally:
        if decision is not None:
            await decision
    return scenario


async def ping(session: aiohttp.ClientSession, site: Site) -> float:
    """The proxy's plain round trip on a cheap route, in seconds."""
    started = time.perf_counter()
    async with session.get(site.base + site.ping_path) as response:
        await response.read()
        response.raise_for_status()
    return time.perf_counter() - started
