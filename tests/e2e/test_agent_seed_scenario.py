"""The seed's scenario as a user runs it: every service started with the README's run command,
the stream through the gateway with the real offline planner and mail tools, approval and
rejection through the main service with the seed's headers and body."""

import json
from typing import Any

import httpx
import pytest

from tests.agent.harness import SseTranscript, read_stream
from tests.support.system import RunningSystem

pytestmark = pytest.mark.e2e


async def login(http: httpx.AsyncClient, system: RunningSystem, user: str, tenant: str) -> str:
    answer = await http.post(
        f"{system.gateway}/api/auth/login",
        json={"username": user, "password": "aura1234", "tenantId": tenant},
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["data"]["accessToken"])


def headers(token: str, user: str, tenant: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "X-Tenant-ID": tenant, "X-User-ID": user}


async def folder(http: httpx.AsyncClient, system: RunningSystem, who: dict[str, str], name: str):
    answer = await http.get(
        f"{system.gateway}/api/mail/messages", params={"folder": name, "limit": 100}, headers=who
    )
    assert answer.status_code == 200, answer.text
    return {item["id"]: item for item in answer.json()["data"]["items"]}


async def hitl_of(response: httpx.Response, transcript: SseTranscript) -> dict[str, Any]:
    await read_stream(response, transcript, until=lambda e: e.type in ("hitl", "end"))
    assert transcript.types()[-1] == "hitl", transcript.types()
    return transcript.events[-1].payload


@pytest.fixture
async def http():
    async with httpx.AsyncClient(timeout=httpx.Timeout(60.0)) as client:
        yield client


async def test_delete_three_mails_approved_through_the_gateway(running_system, http):
    system = running_system
    token = await login(http, system, "user123", "tenant1")
    who = headers(token, "user123", "tenant1")
    inbox_before = await folder(http, system, who, "inbox")
    trash_before = await folder(http, system, who, "trash")
    async with http.stream(
        "POST",
        f"{system.gateway}/api/aura/test/stream",
        json={"prompt": "메일 3개를 삭제해주세요"},
        headers={**who, "Accept": "text/event-stream"},
    ) as response:
        assert response.status_code == 200
        transcript = SseTranscript()
        hitl = await hitl_of(response, transcript)
        ids = hitl["params"]["ids"]
        assert len(ids) == 3 and len(hitl["preview"]) == 3
        assert {m["subject"] for m in hitl["preview"]} == {inbox_before[i]["subject"] for i in ids}
        approve = await http.post(
            f"{system.gateway}/api/aura/hitl/approve/{hitl['requestId']}",
            json={"userId": "user123"},
            headers=who,
        )
        assert approve.status_code == 200, approve.text
        await read_stream(response, transcript)
    assert transcript.done
    completed = [
        e.payload for e in transcript.of("tool_execution") if e.payload["status"] == "completed"
    ]
    assert completed[-1]["tool"] == "delete_messages" and completed[-1]["params"] == {"ids": ids}
    answer = "".join(e.payload["content"] for e in transcript.of("content"))
    assert any(inbox_before[i]["subject"] in answer for i in ids), answer
    assert transcript.of("end")[0].payload["status"] == "completed"
    inbox_after = await folder(http, system, who, "inbox")
    trash_after = await folder(http, system, who, "trash")
    assert set(trash_after) - set(trash_before) == set(ids)  # exactly these three moved
    assert set(inbox_before) - set(inbox_after) == set(ids)


async def test_rejected_delete_moves_nothing_and_says_why(running_system, http):
    system = running_system
    token = await login(http, system, "user123", "tenant1")
    who = headers(token, "user123", "tenant1")
    trash_before = await folder(http, system, who, "trash")
    async with http.stream(
        "POST",
        f"{system.gateway}/api/aura/test/stream",
        json={"prompt": "메일 2개를 삭제해주세요"},
        headers=who,
    ) as response:
        transcript = SseTranscript()
        hitl = await hitl_of(response, transcript)
        reject = await http.post(
            f"{system.gateway}/api/aura/hitl/reject/{hitl['requestId']}",
            json={"userId": "user123", "reason": "중요한 메일입니다"},
            headers=who,
        )
        assert reject.status_code == 200, reject.text
        await read_stream(response, transcript)
    assert transcript.of("end")[0].payload["status"] == "rejected" and transcript.done
    assert "중요한 메일입니다" in "".join(e.payload["content"] for e in transcript.of("content"))
    assert set(await folder(http, system, who, "trash")) == set(trash_before)


async def test_reattach_through_the_gateway_after_a_drop_during_the_wait(running_system, http):
    system = running_system
    token = await login(http, system, "user123", "tenant1")
    who = headers(token, "user123", "tenant1")
    async with http.stream(
        "POST",
        f"{system.gateway}/api/aura/test/stream",
        json={"prompt": "메일 1개를 삭제해주세요"},
        headers=who,
    ) as response:
        run_id = response.headers["X-Aura-Run-ID"]
        first = SseTranscript()
        hitl = await hitl_of(response, first)
    async with http.stream(
        "GET",
        f"{system.gateway}/api/aura/runs/{run_id}/stream",
        headers={**who, "Last-Event-ID": first.events[-1].id},
    ) as again:
        assert again.status_code == 200
        await http.post(
            f"{system.gateway}/api/aura/hitl/approve/{hitl['requestId']}",
            json={"userId": "user123"},
            headers=who,
        )
        second = await read_stream(again, SseTranscript())
    assert second.events[0].seq == first.events[-1].seq + 1
    assert "hitl" not in second.types()
    assert second.of("end")[0].payload["status"] == "completed" and second.done
    late = await http.post(
        f"{system.gateway}/api/aura/hitl/approve/{hitl['requestId']}",
        json={"userId": "user123"},
        headers=who,
    )
    assert late.status_code == 409  # already processed
    assert json.loads(late.text)["success"] is True
