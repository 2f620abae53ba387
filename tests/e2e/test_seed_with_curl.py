"""Issue 4, the seed's own test as a user runs it: `./dev up`, log in, `curl -N` the stream with
"메일 3개를 삭제해주세요", approve with the seed's curl, watch the same stream finish; then look in
the mail database. The stream is read the way the original frontend read it: only `data:` lines,
`payload = json.data || json`."""

import json
import queue
import subprocess
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.backends import database_for_tests
from tests.support.mail_database import folders_by_id, mail_database_url
from tests.support.system import RunningSystem, start_system

pytestmark = pytest.mark.e2e


def login(system: RunningSystem, username: str, tenant: str) -> str:
    answer = httpx.post(
        f"{system.gateway}/api/auth/login",
        timeout=10,
        json={"username": username, "password": "aura1234", "tenantId": tenant},
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["data"]["accessToken"])


class CurlStream:
    """`curl -N` of the stream, its lines handed over as they arrive."""

    def __init__(self, system: RunningSystem, token: str, prompt: str) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.process = subprocess.Popen(
            [
                "curl",
                "-sN",
                "-X",
                "POST",
                f"{system.gateway}/api/aura/test/stream",
                "-H",
                f"Authorization: Bearer {token}",
                "-H",
                "X-Tenant-ID: tenant1",
                "-H",
                "Content-Type: application/json",
                "-H",
                "Accept: text/event-stream",
                "-d",
                json.dumps({"prompt": prompt, "context": {}}, ensure_ascii=False),
            ],
            stdout=subprocess.PIPE,
        )
        threading.Thread(target=self._pump, daemon=True).start()
        self.frontend_events: list[tuple[str, dict[str, Any]]] = []
        self.done = False

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            self.lines.put(raw.decode("utf-8").rstrip("\n"))
        self.lines.put(None)

    def events(self, timeout: float = 60.0) -> Iterator[tuple[str, dict[str, Any]]]:
        """What the original frontend's parser sees: data lines only, payload = json.data||json."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                return
            if not line.startswith("data:"):
                continue
            text = line[len("data:") :].strip()
            if text == "[DONE]":
                self.done = True
                continue
            message = json.loads(text)
            event = (message["type"], message.get("data") or message)
            self.frontend_events.append(event)
            yield event
        raise AssertionError("the stream did not finish in time")

    def until(self, kind: str) -> dict[str, Any]:
        for event_type, payload in self.events():
            if event_type == kind:
                return payload
        raise AssertionError(f"no {kind} event; saw {[t for t, _ in self.frontend_events]}")


def seed_approve(system: RunningSystem, token: str, request_id: str) -> dict[str, Any]:
    """The seed's approval call, exactly: Authorization, X-Tenant-ID, X-User-ID, {"userId"}."""
    result = subprocess.run(
        [
            "curl",
            "-s",
            "-X",
            "POST",
            f"{system.gateway}/api/aura/hitl/approve/{request_id}",
            "-H",
            f"Authorization: Bearer {token}",
            "-H",
            "X-Tenant-ID: tenant1",
            "-H",
            "X-User-ID: user123",
            "-H",
            "Content-Type: application/json",
            "-d",
            '{"userId": "user123"}',
        ],
        capture_output=True,
        check=True,
        timeout=30,
    )
    return dict(json.loads(result.stdout))


async def test_delete_three_mails_with_curl_as_the_seed_says(
    running_system: RunningSystem,
) -> None:
    system = running_system
    database = mail_database_url(system.env, system.var_dir)
    token = login(system, "user123", "tenant1")
    before = await folders_by_id(database, "tenant1", "user123")

    stream = CurlStream(system, token, "메일 3개를 삭제해주세요")
    hitl = stream.until("hitl")
    ids = hitl["params"]["ids"]
    assert len(ids) == 3 and len(hitl["preview"]) == 3
    assert hitl["requestId"].startswith("req_") and hitl["actionType"] == "delete_messages"
    assert all(before[mail_id] == "inbox" for mail_id in ids)
    subjects = [item["subject"] for item in hitl["preview"]]

    approval = seed_approve(system, token, hitl["requestId"])
    assert approval["success"] is True and approval["data"]["status"] == "approved"

    rest = list(stream.events())
    assert stream.done and stream.process.wait(timeout=10) == 0
    kinds = [kind for kind, _ in rest]
    executed = [p for k, p in rest if k == "tool_execution" and p["tool"] == "delete_messages"]
    assert [p["status"] for p in executed] == ["completed"]
    assert executed[-1]["params"] == {"ids": ids}
    answer = "".join(p["content"] for k, p in rest if k == "content")
    assert any("\uac00" <= ch <= "\ud7a3" for ch in answer), answer  # a Korean answer
    assert all(subject in answer for subject in subjects), answer
    assert kinds[-1] == "end" and rest[-1][1]["status"] == "completed"

    after = await folders_by_id(database, "tenant1", "user123")
    moved = {mail_id for mail_id in before if before[mail_id] != after[mail_id]}
    assert moved == set(ids)
    assert all(after[mail_id] == "trash" for mail_id in ids)


async def test_edited_params_delete_only_the_edited_set(running_system: RunningSystem) -> None:
    system = running_system
    database = mail_database_url(system.env, system.var_dir)
    token = login(system, "user123", "tenant1")
    before = await folders_by_id(database, "tenant1", "user123")
    stream = CurlStream(system, token, "메일 3개를 삭제해주세요")
    hitl = stream.until("hitl")
    kept = hitl["params"]["ids"][:2]
    answer = httpx.post(
        f"{system.gateway}/api/aura/hitl/approve/{hitl['requestId']}",
        headers={
            "Authorization": f"Bearer {token}",
            "X-Tenant-ID": "tenant1",
            "X-User-ID": "user123",
        },
        json={"userId": "user123", "params": {"ids": kept}},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    rest = list(stream.events())
    assert rest[-1] == ("end", {"status": "completed"})
    after = await folders_by_id(database, "tenant1", "user123")
    assert {mail_id for mail_id in before if before[mail_id] != after[mail_id]} == set(kept)


@pytest.fixture(scope="module")
def impatient_system(redis_url: str) -> Iterator[RunningSystem]:
    with (
        database_for_tests() as database_url,
        start_system(redis_url, database_url, {"HITL_TIMEOUT_SECONDS": "3"}) as system,
    ):
        yield system


def test_no_decision_in_time_fails_and_expires_the_request(
    impatient_system: RunningSystem,
) -> None:
    system = impatient_system
    token = login(system, "user123", "tenant1")
    stream = CurlStream(system, token, "메일 1개를 삭제해주세요")
    hitl = stream.until("hitl")
    rest = list(stream.events())
    kinds = [kind for kind, _ in rest]
    assert kinds[-3:] == ["failed", "error", "end"], kinds
    assert "tool_execution" not in kinds
    failed, error, end = (payload for _, payload in rest[-3:])
    assert failed["requestId"] == hitl["requestId"] and failed["errorType"] == "TimeoutError"
    assert error["errorType"] == "TimeoutError" and end == {"status": "failed"} and stream.done
    headers = {"Authorization": f"Bearer {token}", "X-Tenant-ID": "tenant1", "X-User-ID": "user123"}
    record = httpx.get(
        f"{system.gateway}/api/aura/hitl/requests/{hitl['requestId']}", headers=headers, timeout=10
    )
    assert json.loads(record.json()["data"])["status"] == "expired"
    late = httpx.post(
        f"{system.gateway}/api/aura/hitl/approve/{hitl['requestId']}",
        headers=headers,
        json={"userId": "user123"},
        timeout=10,
    )
    assert late.status_code == 409 and late.json()["errorCode"] == "E3002"
