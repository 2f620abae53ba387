"""Issue 10 (approval integrity) as users and an attacker meet it: every service started with the
README's run command, the real offline planner and mail service, decisions through the gateway.

- An approver may narrow a delete to some of the previewed mails, never swap in others.
- A request record rewritten in Redis (status `approved`, new params) never executes, and the
  agent logs the refusal.
- Two runs of one user approved for the same mails: the second says they were already in the
  trash, in its tool result and its answer.
"""

import json
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from aura.contracts.clock import unix_now
from aura.contracts.hitl import request_key
from aura.kit.redis import open_redis
from tests.agent.harness import SseTranscript, read_stream
from tests.support.system import RunningSystem

pytestmark = pytest.mark.e2e

REQUESTER = ("user123", "tenant1")
APPROVER = ("seoyeon.lee", "user456", "tenant1")


@pytest.fixture
async def http():
    async with httpx.AsyncClient(timeout=httpx.Timeout(60.0)) as client:
        yield client


async def identity(
    http: httpx.AsyncClient, system: RunningSystem, login: str, user: str, tenant: str
) -> dict[str, str]:
    answer = await http.post(
        f"{system.gateway}/api/auth/login",
        json={"username": login, "password": "aura1234", "tenantId": tenant},
    )
    assert answer.status_code == 200, answer.text
    token = answer.json()["data"]["accessToken"]
    return {"Authorization": f"Bearer {token}", "X-Tenant-ID": tenant, "X-User-ID": user}


async def folder(
    http: httpx.AsyncClient, system: RunningSystem, who: dict[str, str], name: str
) -> dict[str, dict[str, Any]]:
    answer = await http.get(
        f"{system.gateway}/api/mail/messages", params={"folder": name, "limit": 100}, headers=who
    )
    assert answer.status_code == 200, answer.text
    return {item["id"]: item for item in answer.json()["data"]["items"]}


def open_run(http: httpx.AsyncClient, system: RunningSystem, who: dict[str, str], prompt: str):
    return http.stream(
        "POST", f"{system.gateway}/api/aura/test/stream", json={"prompt": prompt}, headers=who
    )


async def until_hitl(response: httpx.Response, transcript: SseTranscript) -> dict[str, Any]:
    await read_stream(response, transcript, until=lambda e: e.type in ("hitl", "end"))
    assert transcript.types()[-1] == "hitl", transcript.types()
    return transcript.events[-1].payload


async def approve(
    http: httpx.AsyncClient,
    system: RunningSystem,
    who: dict[str, str],
    request_id: str,
    params: dict[str, Any] | None = None,
) -> httpx.Response:
    body: dict[str, Any] = {"userId": who["X-User-ID"]}
    if params is not None:
        body["params"] = params
    return await http.post(
        f"{system.gateway}/api/aura/hitl/approve/{request_id}", json=body, headers=who
    )


def answer_of(transcript: SseTranscript) -> str:
    return "".join(event.payload["content"] for event in transcript.of("content"))


async def test_an_approver_narrows_a_delete_but_cannot_swap_in_other_mails(
    running_system: RunningSystem, http: httpx.AsyncClient
) -> None:
    system = running_system
    owner = await identity(http, system, "user123", *REQUESTER)
    approver = await identity(http, system, *APPROVER)
    inbox_before = await folder(http, system, owner, "inbox")
    async with open_run(http, system, owner, "메일 2개를 삭제해주세요") as response:
        transcript = SseTranscript()
        hitl = await until_hitl(response, transcript)
        proposed = hitl["params"]["ids"]
        others = [i for i in inbox_before if i not in proposed][:5]
        swapped = await approve(http, system, approver, hitl["requestId"], {"ids": others})
        narrowed = await approve(http, system, approver, hitl["requestId"], {"ids": proposed[:1]})
        await read_stream(response, transcript)

    assert swapped.status_code == 403 and swapped.json()["errorCode"] == "E2001"
    assert "params.ids[0]" in swapped.json()["message"]
    assert narrowed.status_code == 200, narrowed.text
    assert transcript.of("end")[0].payload["status"] == "completed"
    inbox_after = await folder(http, system, owner, "inbox")
    assert set(inbox_before) - set(inbox_after) == {proposed[0]}  # only the kept one moved
    assert all(i in inbox_after for i in others)


async def forge_approval(redis: Redis, request_id: str) -> None:
    """What someone with Redis write access would do: approve it, and choose other mails."""
    key = request_key(request_id)
    record = json.loads(await redis.get(key))
    record |= {"status": "approved", "decidedBy": "user123", "decidedAt": unix_now()}
    record["editedParams"] = {"ids": record["params"]["ids"][:1]}
    await redis.set(key, json.dumps(record, ensure_ascii=False), keepttl=True)


async def test_a_record_approved_in_redis_never_executes(
    running_system: RunningSystem, http: httpx.AsyncClient
) -> None:
    system = running_system
    owner = await identity(http, system, "user123", *REQUESTER)
    inbox_before = await folder(http, system, owner, "inbox")
    async with open_run(http, system, owner, "메일 1개를 삭제해주세요") as response:
        transcript = SseTranscript()
        hitl = await until_hitl(response, transcript)
        async with open_redis(system.env["REDIS_URL"]) as redis:
            await forge_approval(redis, hitl["requestId"])
        await read_stream(response, transcript)

    [error] = transcript.of("error")
    assert error.payload["errorType"] == "ApprovalMismatchError"
    assert transcript.of("end")[0].payload["status"] == "failed" and transcript.done
    assert set(await folder(http, system, owner, "inbox")) == set(inbox_before)
    assert f"refusing the approval of request {hitl['requestId']}" in system.log_text()
    audit = await http.get(
        f"{system.gateway}/api/aura/hitl/audit",
        params={"requestId": hitl["requestId"]},
        headers=owner,
    )
    assert audit.json()["data"] == []  # nobody approved it through the API


async def test_two_runs_approved_for_the_same_mails_the_second_says_they_were_already_moved(
    running_system: RunningSystem, http: httpx.AsyncClient
) -> None:
    system = running_system
    owner = await identity(http, system, "user123", *REQUESTER)
    first, second = SseTranscript(), SseTranscript()
    async with (
        open_run(http, system, owner, "메일 2개를 삭제해주세요") as one,
        open_run(http, system, owner, "메일 2개를 삭제해주세요") as two,
    ):
        first_hitl = await until_hitl(one, first)
        second_hitl = await until_hitl(two, second)
        assert first_hitl["params"] == second_hitl["params"]  # the same newest mails
        assert (await approve(http, system, owner, first_hitl["requestId"])).status_code == 200
        await read_stream(one, first)
        assert (await approve(http, system, owner, second_hitl["requestId"])).status_code == 200
        await read_stream(two, second)

    assert first.of("end")[0].payload["status"] == second.of("end")[0].payload["status"]
    [result] = [
        event.payload["result"]
        for event in second.of("tool_execution")
        if event.payload["tool"] == "delete_messages"
    ]
    assert result["count"] == 0 and result["alreadyInTrash"] == 2
    expected = "메일 2개는 이 승인이 실행되기 전에 이미 휴지통에 옮겨져 있었습니다."
    assert result["notice"].startswith(expected)
    assert expected in answer_of(second) and "0개" not in answer_of(second)
