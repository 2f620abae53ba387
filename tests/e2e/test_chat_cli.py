"""Issue 5: `aura chat`, `aura approve`, `aura reject` and `aura pending` against the whole system.

`aura chat` is driven through a pseudo-terminal as a person would use it (approve with an edit,
reject with a reason); `--json` is read as a script would, with the decision made by a second
`aura` command. Outcomes are checked through the mail API. The `acme` tenant's users are the
only ones these tests act for; mail they move is restored afterwards.
"""

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pexpect
import pytest

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


def spawn_chat(system: RunningSystem, env: dict[str, str]) -> pexpect.spawn:
    child = pexpect.spawn(
        AURA,
        ["chat", *login_args(system, ALICE), PROMPT],
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(50, 220),
    )
    child.expect(APPROVE_PROMPT)
    return child


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
        child.expect("Run completed")
        assert finish(child) == 0
        assert [alice_mail.folder_of(i) for i in ids] == ["trash", "inbox", "trash"]
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
