"""The original DWP frontend against Aura, unmodified.

A model of that client (how it reads the answers and the stream, tests/support/dwp_frontend.py)
drives the seed scenario through the gateway of a running system: sign in by email, the
dashboard's health call, "메일 3개를 삭제해주세요", the approval dialog, approve; then a second run,
reject.
"""

from typing import Any

import httpx
import pytest

from tests.support.dwp_frontend import OriginalFrontend, render_text
from tests.support.system import RunningSystem

pytestmark = pytest.mark.e2e

EMAIL = "jiho.park@default.example.com"
TENANT = "default"
PROMPT = "메일 3개를 삭제해주세요"


class SignedIn:
    """The client's session: what it sends with every call after signing in."""

    def __init__(self, http: httpx.AsyncClient, gateway: str, token: str, user_id: str) -> None:
        self.http, self.gateway, self.user_id = http, gateway, user_id
        self.headers = {
            "Authorization": f"Bearer {token}",
            "X-Tenant-ID": TENANT,
            "X-User-ID": user_id,
        }

    async def inbox_and_trash(self) -> tuple[dict[str, Any], set[str]]:
        folders = []
        for name in ("inbox", "trash"):
            answer = await self.http.get(
                f"{self.gateway}/api/mail/messages",
                params={"folder": name, "limit": 100},
                headers=self.headers,
            )
            assert answer.status_code == 200, answer.text
            folders.append({m["id"]: m for m in answer.json()["data"]["items"]})
        return folders[0], set(folders[1])

    async def decide(self, page: OriginalFrontend, verb: str, body: dict[str, Any]) -> None:
        request_id = page.dialogs[-1].request_id
        answer = await self.http.post(
            f"{self.gateway}/api/aura/hitl/{verb}/{request_id}",
            json={"userId": self.user_id, **body},
            headers={**self.headers, "Content-Type": "application/json"},
        )
        assert answer.status_code == 200 and answer.json()["success"] is True, answer.text
        render_text(f"{verb}.message", answer.json()["message"])

    async def run(self, page: OriginalFrontend, verb: str, body: dict[str, Any]) -> None:
        async with self.http.stream(
            "POST",
            f"{self.gateway}/api/aura/test/stream",
            json={"prompt": PROMPT},
            headers={**self.headers, "Accept": "text/event-stream"},
        ) as response:
            assert response.status_code == 200
            chunks = response.aiter_raw()
            await page.read(chunks, until_hitl=True)
            assert len(page.dialogs) == 1, page.events
            await self.decide(page, verb, body)
            await page.read(chunks)
        assert page.done and page.dropped == []


@pytest.fixture
async def signed_in(running_system: RunningSystem):
    async with httpx.AsyncClient(timeout=httpx.Timeout(60.0)) as http:
        gateway = running_system.gateway
        login = await http.post(
            f"{gateway}/api/auth/login",
            json={"email": EMAIL, "password": "aura1234"},
            headers={"X-Tenant-ID": TENANT},
        )
        assert login.status_code == 200, login.text
        grant = login.json()["data"]
        yield SignedIn(http, gateway, grant["accessToken"], grant["userId"])


async def test_the_dashboard_renders_the_main_services_answers(signed_in: SignedIn) -> None:
    page = OriginalFrontend()
    for path in ("/api/main/health", "/api/main/info"):
        answer = await signed_in.http.get(f"{signed_in.gateway}{path}", headers=signed_in.headers)
        assert answer.status_code == 200, (path, answer.text)
        if path.endswith("health"):
            page.show_health(answer.json())  # raised PageCrash before the fix
            assert answer.json()["data"] == "Main Service is running"
        else:
            assert set(answer.json()["data"]) == {"service", "description", "port"}


def ran_calls(page: OriginalFrontend) -> list[tuple[str, str]]:
    """(tool, call id) of every call the stream says started, in order."""
    return [
        (e["data"]["tool"], e["data"]["id"]) for e in page.events if e["type"] == "tool_call_start"
    ]


async def test_approve_shows_each_call_once_and_moves_the_three_mails(signed_in: SignedIn) -> None:
    inbox_before, trash_before = await signed_in.inbox_and_trash()
    page = OriginalFrontend()
    await signed_in.run(page, "approve", {})

    dialog = page.dialogs[0]
    assert isinstance(dialog.editable_content, str) and dialog.editable_content.strip()
    ids = dialog.params["ids"]
    assert len(ids) == 3 and dialog.action == "delete_messages"
    # Each call is one entry with its final status, never a second one stuck at "executing".
    assert [e.tool for e in page.executions] == [tool for tool, _ in ran_calls(page)]
    assert all(e.status == "completed" for e in page.executions), page.executions
    assert len(page.logged_as_run("delete_messages")) == 1
    deleted = next(e for e in page.executions if e.tool == "delete_messages")
    assert deleted.params == {"ids": ids}
    for subject in (inbox_before[i]["subject"] for i in ids):
        assert subject in page.answer, page.answer
    assert "undefined" not in page.answer and "[object Object]" not in page.answer

    inbox_after, trash_after = await signed_in.inbox_and_trash()
    assert trash_after - trash_before == set(ids)
    assert not set(ids) & set(inbox_after)


async def test_reject_is_shown_and_never_logged_as_run(signed_in: SignedIn) -> None:
    inbox_before, trash_before = await signed_in.inbox_and_trash()
    page = OriginalFrontend()
    await signed_in.run(page, "reject", {"reason": "지금은 안 됩니다"})

    assert page.logged_as_run("delete_messages") == []
    assert all(e.tool != "delete_messages" for e in page.executions)
    assert all(e.status in ("completed", "failed") for e in page.executions)
    assert "지금은 안 됩니다" in page.answer
    assert "undefined" not in page.answer
    # The console and `aura chat` still see the cancellation, as a type this client ignores.
    cancelled = [e["data"] for e in page.events if e["type"] == "tool_call_cancelled"]
    assert [(c["tool"], c["cause"]) for c in cancelled] == [("delete_messages", "rejected")]

    inbox_after, trash_after = await signed_in.inbox_and_trash()
    assert inbox_after.keys() == inbox_before.keys() and trash_after == trash_before
