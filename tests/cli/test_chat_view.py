"""What `aura chat` shows as a run streams, and how an approval is edited at the prompt."""

import io
from collections.abc import Iterator
from typing import Any

import pytest
from rich.console import Console

from aura.cli.approvals import decide, edit_params, preview_table
from aura.cli.chat import RunView, summary
from aura.cli.client import GatewayClient
from aura.cli.logins import Login
from aura.cli.streams import RunEvent
from tests.support.identity import token_for


def render(view: RunView) -> str:
    console = Console(record=True, width=100, color_system=None)
    console.print(view.render())
    return console.export_text()


def event(kind: str, **data: Any) -> RunEvent:
    return RunEvent(kind, data)


def test_the_plan_checklist_follows_plan_step_updates() -> None:
    view = RunView()
    view.apply(event("plan_step", id="p1", title="받은 메일 찾기", order=0, status="pending"))
    view.apply(event("plan_step", id="p2", title="휴지통으로 이동", order=1, status="pending"))
    assert "[ ] 받은 메일 찾기" in render(view)
    view.apply(event("plan_step_update", id="p1", status="completed"))
    view.apply(event("plan_step_update", id="p2", status="skipped"))
    text = render(view)
    assert "[✔] 받은 메일 찾기" in text and "[–] 휴지통으로 이동" in text


def test_a_tool_call_shows_its_status_and_result() -> None:
    view = RunView()
    view.apply(event("tool_call_start", id="c1", tool="list_messages", params={}))
    assert "running" in render(view)
    result = {"messages": [{"subject": "회의 안내"}, {"subject": "Invoice"}]}
    view.apply(
        event("tool_execution", id="c1", tool="list_messages", status="completed", result=result)
    )
    text = render(view)
    assert "completed" in text and "2 mail(s): 회의 안내, Invoice" in text
    assert "running" not in text


def test_the_older_executing_status_still_reads_as_running() -> None:
    view = RunView()
    view.apply(
        event("tool_execution", id="c1", tool="list_messages", params={}, status="executing")
    )
    assert "running" in render(view)


def test_a_gated_call_that_never_ran_says_why() -> None:
    view = RunView()
    ids = {"ids": ["m1"]}
    view.apply(
        event(
            "tool_call_cancelled",
            id="c2",
            tool="delete_messages",
            params=ids,
            cause="rejected",
            reason="보관해야 합니다",
        )
    )
    text = render(view)
    assert "not run (rejected: 보관해야 합니다)" in text and "running" not in text
    view.apply(
        event("tool_call_cancelled", id="c3", tool="delete_messages", params=ids, cause="expired")
    )
    assert "not run (no decision in time)" in render(view)


def test_the_answer_is_the_concatenation_of_content_deltas_and_end_sets_the_status() -> None:
    view = RunView()
    for part in ("메일 2개를 ", "휴지통으로 ", "옮겼습니다."):
        view.apply(event("content", content=part, chunk=True))
    view.apply(event("end", status="completed"))
    assert view.answer == "메일 2개를 휴지통으로 옮겼습니다."
    assert view.status == "completed"
    assert "메일 2개를 휴지통으로 옮겼습니다." in render(view)


def test_start_gives_the_run_and_thread_to_continue() -> None:
    view = RunView(thread_id="old")
    view.apply(event("start", runId="r1", sessionId="s1", threadId="t9", model="offline"))
    assert (view.run_id, view.thread_id) == ("r1", "t9")


def test_summary_of_a_result_that_is_not_a_mail_list_is_compact_json() -> None:
    assert summary({"count": 2}) == '{"count":2}'
    assert len(summary({"text": "x" * 500})) == 120


def test_the_preview_of_mails_is_a_numbered_table() -> None:
    console = Console(record=True, width=100, color_system=None)
    console.print(
        preview_table(
            [
                {
                    "id": "m1",
                    "from": "kim@corp.example",
                    "subject": "주간 보고",
                    "receivedAt": "2026-01-16T09:30:00Z",
                },
                {
                    "id": "m2",
                    "from": "lee@corp.example",
                    "subject": "Lunch",
                    "receivedAt": "2026-01-15T12:00:00Z",
                },
            ]
        )
    )
    text = console.export_text()
    assert "1" in text and "kim@corp.example" in text and "주간 보고" in text
    assert "2026-01-16 09:30" in text


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What the person types at the prompts, in order."""
    typed: list[str] = []
    monkeypatch.setattr("builtins.input", lambda *_: typed.pop(0))
    yield typed


def test_editing_keeps_the_chosen_ids_only(answers: list[str]) -> None:
    answers.append("1, 3")
    params = {"ids": ["m1", "m2", "m3"]}
    assert edit_params(Console(color_system=None), {}, params) == {"ids": ["m1", "m3"]}


def test_a_choice_out_of_range_changes_nothing(answers: list[str]) -> None:
    answers.append("4")
    params = {"ids": ["m1", "m2", "m3"]}
    assert edit_params(Console(color_system=None), {}, params) == params


def test_json_editing_replaces_the_parameters(answers: list[str]) -> None:
    answers.extend(["j", '{"ids": ["m2"]}'])
    params = {"ids": ["m1", "m2"]}
    assert edit_params(Console(color_system=None), {}, params) == {"ids": ["m2"]}


def test_json_that_is_not_an_object_changes_nothing(answers: list[str]) -> None:
    answers.append('["m2"]')
    params = {"to": ["a@b.example"], "subject": "hi", "body": ""}
    assert edit_params(Console(color_system=None), {}, params) == params


def test_with_input_closed_the_request_is_left_for_someone_else(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def closed(*_: object) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", closed)
    console = Console(file=io.StringIO(), record=True, width=200, color_system=None)
    hitl = {"requestId": "req_0123456789abcdef", "params": {"ids": ["m1"]}, "expiresAt": 0}
    # No decision is sent: the client points nowhere and would fail if it were used.
    with GatewayClient("http://127.0.0.1:9", Login.from_token(token_for())) as client:
        decide(console, client, hitl)
    assert "aura approve req_0123456789abcdef" in console.export_text()
