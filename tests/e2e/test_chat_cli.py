"""Issues 5 and 14: `aura chat`, `aura approve`, `aura reject`, `aura pending` and `aura undo`
against the whole system.

`aura chat` is driven through a pseudo-terminal as a person would use it (approve with an edit,
reject with a reason); `--json` is read as a script would, with the decision made by a second
`aura` command. Outcomes are checked through the mail API. The `acme` tenant's users are the
only ones these tests act for; mail they move is restored afterwards.
"""

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pexpect
import pyte
import pytest
from rich.cells import cell_len
from rich.console import Console

from aura.cli.approvals import ask
from aura.cli.client import GatewayClient
from aura.contracts.events import EVENT_TYPES
from tests.support.console import DEMO_PASSWORD, DemoUser, MailApi
from tests.support.system import RunningSystem

pytestmark = pytest.mark.e2e

ALICE = DemoUser("acme", "alice", "alice")
BOB = DemoUser("acme", "bob", "bob")  # the acme tenant's approver
PROMPT = "메일 3개를 삭제해주세요"
AURA = str(Path(sys.executable).with_name("aura"))
APPROVE_PROMPT = r"Approve\? \[y/N/e\(dit\)\]"
REQUEST_ID = re.compile(r"req_[0-9a-f]{16}")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
TIMEOUT = 60


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """A home of its own, so that the token cache of one test never leaks into another."""
    env = dict(os.environ)
    env.update({"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / ".config")})
    env.pop("AURA_GATEWAY_URL", None)
    env.pop("AURA_PASSWORD", None)
    return env


@pytest.fixture
def alice_mail(running_system: RunningSystem) -> Iterator[MailApi]:
    api = MailApi(running_system.gateway, ALICE)
    yield api
    api.close()


def login_args(system: RunningSystem, user: DemoUser) -> list[str]:
    return [
        "--gateway",
        system.gateway,
        "-u",
        user.username,
        "-t",
        user.tenant,
        "--password",
        DEMO_PASSWORD,
    ]


SCREEN_ROWS, SCREEN_COLUMNS = 200, 120


def spawn_chat(system: RunningSystem, env: dict[str, str]) -> pexpect.spawn:
    child = pexpect.spawn(
        AURA,
        ["chat", *login_args(system, ALICE), PROMPT],
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(SCREEN_ROWS, SCREEN_COLUMNS),
    )
    # Everything the terminal received, to replay on an emulated screen.
    child.logfile_read = io.StringIO()
    child.expect(APPROVE_PROMPT)
    return child


def screen_text(child: pexpect.spawn) -> str:
    """What the terminal shows at the end (cursor movements applied), not just what was sent."""
    screen = pyte.Screen(SCREEN_COLUMNS, SCREEN_ROWS)
    pyte.Stream(screen).feed(child.logfile_read.getvalue())
    return "\n".join(line.rstrip() for line in screen.display)


def plain(terminal_text: str) -> str:
    return ANSI.sub("", terminal_text)


def request_id_in(before: str) -> str:
    found = REQUEST_ID.findall(plain(before))
    assert found, "the approval panel names its request"
    return str(found[-1])


def record_ids(system: RunningSystem, env: dict[str, str], request_id: str) -> list[str]:
    """The mails the request would move, from the approver's `aura pending --json`."""
    output = run_aura(["pending", "--json", *login_args(system, BOB)], env)
    records = [json.loads(line) for line in output.stdout.splitlines() if line.strip()]
    (record,) = [r for r in records if r["requestId"] == request_id]
    assert record["userId"] == ALICE.user_id and record["status"] == "pending"
    return list(record["params"]["ids"])


def run_aura(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [AURA, *args], env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus)


def test_chat_approve_after_keeping_two_of_three_mails(
    running_system: RunningSystem, cli_env: dict[str, str], alice_mail: MailApi
) -> None:
    child = spawn_chat(running_system, cli_env)
    request_id = request_id_in(child.before)
    ids = record_ids(running_system, cli_env, request_id)
    assert len(ids) == 3
    try:
        child.sendline("e")
        child.expect("Keep which")
        child.sendline("1,3")
        child.expect(APPROVE_PROMPT)
        assert json.dumps({"ids": [ids[0], ids[2]]}) in plain(child.before)
        child.sendline("y")
        child.expect("Decision recorded: approved")
        child.expect("To put them back: aura undo")
        child.expect("Run completed")
        assert finish(child) == 0
        assert [alice_mail.folder_of(i) for i in ids] == ["trash", "inbox", "trash"]
        # The decision is still on the screen after the run went on and ended.
        shown = screen_text(child)
        for line in ("Approve? [y/N/e(dit)] y", "Decision recorded: approved", "parameters:"):
            assert line in shown, shown
        assert shown.index("Decision recorded") < shown.index("Run completed")
        # And the hint works: `aura undo` puts the two mails back.
        undo = run_aura(["undo", *login_args(running_system, ALICE)], cli_env)
        assert undo.returncode == 0 and "Restored 2 mails" in undo.stdout, undo.stdout
        assert [alice_mail.folder_of(i) for i in ids] == ["inbox"] * 3
    finally:
        child.close(force=True)
        alice_mail.restore(ids)


def test_chat_reject_with_a_reason_changes_nothing(
    running_system: RunningSystem, cli_env: dict[str, str], alice_mail: MailApi
) -> None:
    inbox_before = alice_mail.total("inbox")
    child = spawn_chat(running_system, cli_env)
    ids = record_ids(running_system, cli_env, request_id_in(child.before))
    try:
        child.sendline("n")
        child.expect("Reason")
        child.sendline("보관해야 합니다")
        child.expect("Decision recorded: rejected")
        child.expect("보관해야 합니다")  # the answer says why nothing was done
        child.expect("Run rejected")
        assert finish(child) == 3
        assert [alice_mail.folder_of(i) for i in ids] == ["inbox"] * 3
        assert alice_mail.total("inbox") == inbox_before
    finally:
        child.close(force=True)
        alice_mail.restore(ids)


def read_json_events(
    running_system: RunningSystem, env: dict[str, str], decide: Callable[[dict[str, Any]], None]
) -> tuple[list[dict[str, Any]], int]:
    """Run `aura chat --json`, calling `decide(hitl_data)` from outside when it waits."""
    process = subprocess.Popen(
        [AURA, "chat", "--json", *login_args(running_system, ALICE), PROMPT],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    events: list[dict[str, Any]] = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            event = json.loads(line)
            events.append(event)
            if event["type"] == "hitl":
                decide(event["data"])
        return events, process.wait(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_chat_json_prints_one_event_per_line_and_an_approver_decides_elsewhere(
    running_system: RunningSystem, cli_env: dict[str, str], alice_mail: MailApi
) -> None:
    decided: list[str] = []
    ids: list[str] = []

    def approve_as_bob(hitl: dict[str, Any]) -> None:
        ids.extend(hitl["params"]["ids"])
        pending = run_aura(["pending", *login_args(running_system, BOB)], cli_env)
        assert hitl["requestId"] in pending.stdout
        result = run_aura(["approve", hitl["requestId"], *login_args(running_system, BOB)], cli_env)
        assert result.returncode == 0, result.stdout + result.stderr
        decided.append(result.stdout)

    try:
        events, code = read_json_events(running_system, cli_env, approve_as_bob)
        assert code == 0
        types = [event["type"] for event in events]
        assert set(types) <= set(EVENT_TYPES)
        assert types[0] == "start" and types[-1] == "end"
        assert events[-1]["data"]["status"] == "completed"
        assert types.index("hitl") < len(types) - 1
        assert "approved" in decided[0]
        deletion = [
            e["data"]
            for e in events
            if e["type"] == "tool_execution" and e["data"]["tool"] == "delete_messages"
        ]
        assert deletion[-1]["status"] == "completed" and deletion[-1]["params"]["ids"] == ids
        assert all(isinstance(e["timestamp"], int) for e in events)
        assert [alice_mail.folder_of(i) for i in ids] == ["trash"] * 3
        # Deciding again is idempotent: the CLI reports it and succeeds.
        request_id = events[types.index("hitl")]["data"]["requestId"]
        again = run_aura(["approve", request_id, *login_args(running_system, BOB)], cli_env)
        assert again.returncode == 0 and "already" in again.stdout
    finally:
        alice_mail.restore(ids)


def test_aura_reject_from_a_second_terminal_ends_the_run_rejected(
    running_system: RunningSystem, cli_env: dict[str, str], alice_mail: MailApi
) -> None:
    ids: list[str] = []

    def reject_as_alice(hitl: dict[str, Any]) -> None:
        ids.extend(hitl["params"]["ids"])
        # No flags this time: the login cached by `aura chat` in this home is used.
        result = run_aura(
            ["reject", hitl["requestId"], "--gateway", running_system.gateway, "--reason", "아직"],
            cli_env,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "rejected" in result.stdout

    try:
        events, code = read_json_events(running_system, cli_env, reject_as_alice)
        assert code == 3
        assert events[-1]["type"] == "end"
        assert events[-1]["data"]["status"] == "rejected"
        assert [alice_mail.folder_of(i) for i in ids] == ["inbox"] * 3
    finally:
        alice_mail.restore(ids)


def test_deciding_on_an_unknown_request_is_a_sentence_not_a_trace(
    running_system: RunningSystem, cli_env: dict[str, str]
) -> None:
    result = run_aura(
        ["approve", "req_0000000000000000", *login_args(running_system, BOB)], cli_env
    )
    assert result.returncode == 1
    assert "aura approve:" in result.stdout and "Traceback" not in result.stdout + result.stderr


def test_the_prompt_ends_when_an_approver_decides_elsewhere(
    running_system: RunningSystem, cli_env: dict[str, str], alice_mail: MailApi
) -> None:
    child = spawn_chat(running_system, cli_env)
    request_id = request_id_in(child.before)
    ids = record_ids(running_system, cli_env, request_id)
    try:
        approved = run_aura(["approve", request_id, *login_args(running_system, BOB)], cli_env)
        assert approved.returncode == 0, approved.stdout + approved.stderr
        # Nobody types anything: the prompt notices, says who decided and when, and goes on.
        child.expect(r"No longer waiting for you: approved by Bob Lee at \d\d:\d\d")
        child.expect("Run completed")
        assert finish(child) == 0
        assert [alice_mail.folder_of(i) for i in ids] == ["trash"] * 3
        assert "approved by Bob Lee" in screen_text(child)
    finally:
        child.close(force=True)
        alice_mail.restore(ids)


def test_a_refused_decision_is_shown_with_what_happened_instead(
    running_system: RunningSystem,
    cli_env: dict[str, str],
    alice_mail: MailApi,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids: list[str] = []
    shown: list[str] = []

    def reject_too_late(hitl: dict[str, Any]) -> None:
        ids.extend(hitl["params"]["ids"])
        approved = run_aura(
            ["approve", hitl["requestId"], *login_args(running_system, BOB)], cli_env
        )
        assert approved.returncode == 0, approved.stdout + approved.stderr
        # Alice answers `n` at a prompt that did not watch (input is not a terminal here).
        typed = ["n", ""]
        monkeypatch.setattr("builtins.input", lambda *_: typed.pop(0))
        console = Console(file=io.StringIO(), record=True, width=200, color_system=None)
        with GatewayClient(running_system.gateway) as client:
            client.log_in(ALICE.username, DEMO_PASSWORD, ALICE.tenant)
            ask(console, client, hitl)
        shown.append(console.export_text())

    try:
        events, code = read_json_events(running_system, cli_env, reject_too_late)
        assert code == 0 and events[-1]["data"]["status"] == "completed"
        assert "Your decision was not recorded" in shown[0], shown[0]
        assert re.search(r"The request was already approved by Bob Lee at \d\d:\d\d", shown[0])
    finally:
        alice_mail.restore(ids)


def test_an_interactive_session_that_is_left_normally_exits_0(
    running_system: RunningSystem, cli_env: dict[str, str], alice_mail: MailApi
) -> None:
    inbox_before = alice_mail.total("inbox")
    child = pexpect.spawn(
        AURA,
        ["chat", *login_args(running_system, ALICE)],
        env=cli_env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(50, 220),
    )
    try:
        child.expect("you>")
        child.sendline(PROMPT)
        child.expect(APPROVE_PROMPT)
        child.sendline("n")
        child.expect("Reason")
        child.sendline("")
        child.expect("Run rejected")
        child.expect("you>")
        child.sendline("exit")
        # The last run was rejected, but the session itself ended as the person wanted.
        assert finish(child) == 0
        assert alice_mail.total("inbox") == inbox_before
    finally:
        child.close(force=True)


def test_aura_pending_fits_80_columns(
    running_system: RunningSystem, cli_env: dict[str, str], alice_mail: MailApi
) -> None:
    child = spawn_chat(running_system, cli_env)
    request_id = request_id_in(child.before)
    ids = record_ids(running_system, cli_env, request_id)
    try:
        listed = run_aura(
            ["pending", *login_args(running_system, BOB)], {**cli_env, "COLUMNS": "80"}
        )
        lines = listed.stdout.splitlines()
        (mine,) = [i for i, line in enumerate(lines) if line.startswith(request_id)]
        assert "Alice Park (alice) · delete_messages" in lines[mine]
        assert lines[mine + 1].startswith("  ")
        assert max(cell_len(line) for line in lines) <= 80
    finally:
        child.sendline("n")
        child.sendline("")
        child.expect(pexpect.EOF)
        child.close(force=True)
        alice_mail.restore(ids)


def test_interactive_chat_answers_and_leaves_on_exit(
    running_system: RunningSystem, cli_env: dict[str, str]
) -> None:
    child = pexpect.spawn(
        AURA,
        ["chat", *login_args(running_system, ALICE)],
        env=cli_env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(50, 220),
    )
    try:
        child.expect("you>")
        child.sendline("안 읽은 메일 보여줘")
        child.expect("Run completed")
        child.expect("you>")
        child.sendline("exit")
        assert finish(child) == 0
    finally:
        child.close(force=True)
