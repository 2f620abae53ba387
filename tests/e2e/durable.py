"""What the durable-run tests do as users and as an operator: sign in, pause runs at the gate,
decide, re-attach, kill and stop processes of a running system."""

import asyncio
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.agent.harness import SseTranscript, read_stream
from tests.support.processes import children_of, is_alive
from tests.support.system import RunningSystem

PASSWORD = "aura1234"
DELETE_SELECTED = "선택한 메일을 삭제해주세요"


@dataclass(frozen=True)
class Person:
    tenant: str
    user_id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.token}",
            "X-Tenant-ID": self.tenant,
            "X-User-ID": self.user_id,
        }


@dataclass(frozen=True)
class Paused:
    """A run waiting at the gate, its client gone after `hitl`."""

    person: Person
    run_id: str
    request_id: str
    params: dict[str, object]
    last_seq: int


async def sign_in(http: httpx.AsyncClient, system: RunningSystem, name: str, tenant: str) -> Person:
    answer = await http.post(
        f"{system.gateway}/api/auth/login",
        json={"username": name, "password": PASSWORD, "tenantId": tenant},
    )
    assert answer.status_code == 200, answer.text
    grant = answer.json()["data"]
    return Person(tenant, grant["userId"], grant["accessToken"])


async def mail_ids(
    http: httpx.AsyncClient, system: RunningSystem, person: Person, folder: str
) -> list[str]:
    answer = await http.get(
        f"{system.gateway}/api/mail/messages",
        params={"folder": folder, "limit": 100},
        headers=person.headers,
    )
    assert answer.status_code == 200, answer.text
    return [item["id"] for item in answer.json()["data"]["items"]]


async def pause(
    http: httpx.AsyncClient,
    system: RunningSystem,
    person: Person,
    prompt: str,
    context: dict[str, object] | None = None,
) -> Paused:
    async with http.stream(
        "POST",
        f"{system.gateway}/api/aura/test/stream",
        json={"prompt": prompt, "context": context or {}},
        headers={**person.headers, "Accept": "text/event-stream"},
    ) as response:
        assert response.status_code == 200
        transcript = await read_stream(
            response, SseTranscript(), until=lambda e: e.type in ("hitl", "end")
        )
    assert transcript.types()[-1] == "hitl", transcript.types()
    hitl = transcript.events[-1].payload
    return Paused(
        person, hitl["runId"], hitl["requestId"], hitl["params"], transcript.events[-1].seq
    )


async def decide(
    http: httpx.AsyncClient, system: RunningSystem, run: Paused, verb: str = "approve"
) -> httpx.Response:
    return await http.post(
        f"{system.gateway}/api/aura/hitl/{verb}/{run.request_id}",
        json={"userId": run.person.user_id},
        headers=run.person.headers,
    )


async def rest_of(http: httpx.AsyncClient, system: RunningSystem, run: Paused) -> SseTranscript:
    """Re-attach after the last event the client saw and read to `[DONE]` (trying again while
    the agent is not back yet, as a client does): exactly the events it missed, numbered on
    from there, none twice."""
    deadline = time.monotonic() + 60
    while True:
        async with http.stream(
            "GET",
            f"{system.gateway}/api/aura/runs/{run.run_id}/stream",
            headers={**run.person.headers, "Last-Event-ID": f"{run.run_id}:{run.last_seq}"},
        ) as response:
            if response.status_code in (502, 503) and time.monotonic() < deadline:
                await asyncio.sleep(0.5)
                continue
            assert response.status_code == 200
            transcript = await asyncio.wait_for(read_stream(response, SseTranscript()), 120)
            break
    seqs = [event.seq for event in transcript.events]
    assert seqs == list(range(run.last_seq + 1, run.last_seq + 1 + len(seqs))), seqs
    assert transcript.done and transcript.types()[-1] == "end"
    return transcript


def service_pids(system: RunningSystem, service: str) -> list[int]:
    return [
        pid for pid in children_of(system.process.pid) if f"serve\x00{service}\x00" in _cmdline(pid)
    ]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text()
    except OSError:
        return ""


def kill(pid: int, signum: int = signal.SIGKILL) -> None:
    os.kill(pid, signum)
    if signum == signal.SIGKILL:
        deadline = time.monotonic() + 10
        while is_alive(pid):
            assert time.monotonic() < deadline, f"{pid} did not die"
            time.sleep(0.05)


async def until_healthy(http: httpx.AsyncClient, url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if (await http.get(f"{url}/health", timeout=2)).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, f"{url} never came back"
        await asyncio.sleep(0.2)
