"""One user's session through the gateway, as the load and soak benchmarks drive it: log in,
ask to delete 3 mails (each session in words of its own, `bench.prompts.delete_mails_prompt`),
approve the request from a second client, read the stream to `[DONE]`.

Refusals the system is allowed to give under load (429, and 409 when the agent is at capacity)
are honoured: the user waits `Retry-After` and tries again, and the refusal is counted. Anything
else that is not a success is an error, and every 5xx is reported.
"""

import asyncio
import itertools
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from bench.accounts import PASSWORD
from bench.prompts import delete_mails_prompt

RETRYABLE = frozenset({409, 429})
MAX_ATTEMPTS = 40
_serials = itertools.count()
"""Numbers the sessions of this process: each asks in the wording of its number."""


@dataclass
class Stats:
    phases: dict[str, list[float]] = field(default_factory=dict)
    answers: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    completed: int = 0

    def time(self, phase: str, seconds: float) -> None:
        self.phases.setdefault(phase, []).append(seconds)

    def answer(self, what: str, status: int, response: httpx.Response | None = None) -> None:
        self.answers[f"{what} {status}"] += 1
        if status >= 500 or (status >= 400 and status not in RETRYABLE):
            body = response.text[:160] if response is not None else ""
            self.errors.append(f"{what} {status} {body}")

    @property
    def server_errors(self) -> int:
        return sum(n for key, n in self.answers.items() if int(key.rsplit(" ", 1)[1]) >= 500)


def _retry_after(response: httpx.Response) -> float:
    try:
        seconds = float(response.headers.get("retry-after", "1"))
    except ValueError:
        seconds = 1.0
    return seconds + random.uniform(0, 1)  # spreads the retries


async def _post(
    http: httpx.AsyncClient, url: str, what: str, stats: Stats, **kwargs: Any
) -> httpx.Response:
    for _ in range(MAX_ATTEMPTS):
        response = await http.post(url, **kwargs)
        stats.answer(what, response.status_code, response)
        if response.status_code not in RETRYABLE:
            return response
        await asyncio.sleep(_retry_after(response))
    return response


async def log_in(
    http: httpx.AsyncClient, gateway: str, tenant: str, user: str, stats: Stats
) -> dict[str, str] | None:
    started = time.perf_counter()
    body = {"username": user, "password": PASSWORD, "tenantId": tenant}
    response = await _post(http, f"{gateway}/api/auth/login", "login", stats, json=body)
    if response.status_code != 200:
        return None
    stats.time("login (incl. 429 waits)", time.perf_counter() - started)
    token = response.json()["data"]["accessToken"]
    return {"Authorization": f"Bearer {token}", "X-Tenant-ID": tenant, "X-User-ID": user}


async def delete_with_approval(
    http: httpx.AsyncClient,
    approver: httpx.AsyncClient,
    gateway: str,
    who: dict[str, str],
    stats: Stats,
) -> bool:
    """One run: True when it reached `[DONE]` after its approval."""
    prompt = delete_mails_prompt(next(_serials))
    for _ in range(MAX_ATTEMPTS):
        started = time.perf_counter()
        async with http.stream(
            "POST", f"{gateway}/api/aura/test/stream", headers=who, json={"prompt": prompt}
        ) as response:
            stats.answer("stream", response.status_code)
            if response.status_code in RETRYABLE:
                await asyncio.sleep(_retry_after(response))
                continue
            if response.status_code != 200:
                stats.errors.append(
                    f"stream {response.status_code} {(await response.aread())[:160]!r}"
                )
                return False
            return await _follow(response, approver, gateway, who, stats, started)
    return False


async def _follow(
    response: httpx.Response,
    approver: httpx.AsyncClient,
    gateway: str,
    who: dict[str, str],
    stats: Stats,
    started: float,
) -> bool:
    approved_at = 0.0
    approval: asyncio.Task[None] | None = None
    async for line in response.aiter_lines():
        if not line.startswith("data:"):
            continue
        text = line[5:].strip()
        if text == "[DONE]":
            if approval is not None:
                await approval
                stats.time("approve answered -> [DONE]", time.perf_counter() - approved_at)
                stats.time("whole run (prompt -> [DONE])", time.perf_counter() - started)
            return approval is not None
        event: dict[str, Any] = json.loads(text)
        if event.get("type") == "hitl" and approval is None:
            stats.time("prompt -> hitl event", time.perf_counter() - started)
            request_id = event["data"]["requestId"]

            async def approve(request_id: str = request_id) -> None:
                nonlocal approved_at
                sent = time.perf_counter()
                answer = await _post(
                    approver,
                    f"{gateway}/api/aura/hitl/approve/{request_id}",
                    "approve",
                    stats,
                    headers=who,
                    json={"userId": who["X-User-ID"]},
                )
                approved_at = time.perf_counter()
                if answer.status_code == 200:
                    stats.time("approve call", approved_at - sent)

            approval = asyncio.create_task(approve())
        elif event.get("type") == "error":
            stats.errors.append(f"run error event: {json.dumps(event.get('data'))[:160]}")
    stats.errors.append("stream ended without [DONE]")
    return False


async def session(
    http: httpx.AsyncClient,
    approver: httpx.AsyncClient,
    gateway: str,
    tenant: str,
    user: str,
    stats: Stats,
) -> None:
    started = time.perf_counter()
    try:
        who = await log_in(http, gateway, tenant, user, stats)
        if who is not None and await delete_with_approval(http, approver, gateway, who, stats):
            stats.completed += 1
            stats.time("session (login -> [DONE])", time.perf_counter() - started)
    except httpx.HTTPError as exc:
        stats.errors.append(f"{type(exc).__name__}: {exc}")


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    if not ordered:
        return "no samples"

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000

    return (
        f"n={len(ordered):4d}  p50 {at(0.5):8.0f} ms  p95 {at(0.95):8.0f} ms  "
        f"max {ordered[-1] * 1000:8.0f} ms"
    )
