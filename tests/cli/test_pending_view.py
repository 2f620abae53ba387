"""`aura pending` at 80 columns: two lines per request, none wider than the terminal, measured
in terminal cells (a Korean character takes two), the request id whole."""

from typing import Any

from rich.cells import cell_len

from aura.cli.client import GatewayClient
from aura.cli.decisions import pending_lines
from aura.cli.logins import Login
from aura.cli.people import Names
from tests.support.identity import token_for

NOW = 1_800_000_000


def record(number: int, message: str) -> dict[str, Any]:
    return {
        "requestId": f"req_{number:016x}",
        "userId": "user001",
        "actionType": "delete_messages",
        "message": message,
        "expiresAt": NOW + 245,
    }


RECORDS = [
    record(
        1,
        "메일 3개를 휴지통으로 이동합니다: 「[보안] 비밀번호 변경 및 피싱 메일 주의 안내」"
        "(IT Security <security@default.example.com>), 「Weekly sync for Aura rollout on "
        "Thursday」(Daniel Cho <daniel.cho@default.example.com>), 「주간 보고」(최수진)",
    ),
    record(2, 'Move 1 mail to the trash: "Lunch" from kim@corp.example'),
]


def names(known: dict[str, str] | None = None) -> Names:
    # Nothing answers on port 9: without `known`, every id is shown as itself.
    client = GatewayClient("http://127.0.0.1:9", Login.from_token(token_for()))
    return Names(client, known)


def test_each_request_takes_two_lines_within_80_columns() -> None:
    lines = pending_lines(RECORDS, names(), NOW, 80)
    assert len(lines) == 2 + 2 * len(RECORDS)
    assert all(cell_len(line) <= 80 for line in lines), [cell_len(line) for line in lines]
    assert lines[1] == "─" * 80
    assert lines[2].startswith("req_0000000000000001  user001 · delete_messages")
    assert lines[2].endswith("4:05")
    assert lines[3].startswith("  메일 3개를 휴지통으로") and lines[3].endswith("…")


def test_columns_line_up_beside_korean_names() -> None:
    lines = pending_lines(RECORDS, names({"user001": "박지호"}), NOW, 80)
    assert "박지호 (user001) · delete_messages" in lines[2]
    # The expiry starts at the same terminal cell on both request lines, Korean or not.
    starts = {cell_len(line[: line.rindex("4:05")]) for line in (lines[2], lines[4])}
    assert starts == {80 - 6}
