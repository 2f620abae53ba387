"""The offline planner on a table of prompts: the tool calls each must make, turn by turn.

The planner is driven as the runtime drives it, with fabricated tool results (see
`fabricated_mail.py`): the inbox holds m1..m6 (m1 newest; m1, m2, m4 unread; m1, m4, m6 from
김철수 <kim@…>, m2 from Jane Lee) and the trash t1 (newest), t2 (from Jane Lee).
"""

from typing import Any

import pytest

from tests.agent.llm.fabricated_mail import drive

Call = tuple[str, dict[str, Any]]


def find(folder: str = "inbox", limit: int = 10, order: str = "newest", **extra: Any) -> Call:
    tool = "search_messages" if "sender" in extra or "words" in extra else "list_messages"
    return tool, {"folder": folder, "limit": limit, "order": order, **extra}


def delete(*ids: str) -> Call:
    return "delete_messages", {"ids": list(ids)}


def restore(*ids: str) -> Call:
    return "restore_messages", {"ids": list(ids)}


def mark(*ids: str, read: bool = True) -> Call:
    return "mark_read", {"ids": list(ids), "read": read}


def open_page(message_id: str) -> Call:
    return "read_message", {"id": message_id, "missing_ok": True}


def open_mail(message_id: str) -> Call:
    return "read_message", {"id": message_id}


def send(to: list[str], subject: str, body: str) -> Call:
    return "send_message", {"to": to, "subject": subject, "body": body}


def lookup(name: str) -> Call:
    return "search_messages", {"sender": name, "folder": "inbox", "limit": 1}


SELECT = "selectedItemIds"

CASES: list[tuple[str, dict[str, Any], list[Call]]] = [
    # delete: N newest, the selection, oldest, from someone, read ones, this mail
    ("메일 3개를 삭제해주세요", {}, [find(limit=3), delete("m1", "m2", "m3")]),
    ("메일 3개를 삭제해주세요", {SELECT: ["m5", "m6"]}, [delete("m5", "m6")]),
    ("delete 2 mails", {SELECT: ["m3", "m4", "m5"]}, [delete("m3", "m4")]),
    ("delete three mails", {}, [find(limit=3), delete("m1", "m2", "m3")]),
    ("세 개 지워줘", {}, [find(limit=3), delete("m1", "m2", "m3")]),
    ("메일 셋만 삭제해", {}, [find(limit=3), delete("m1", "m2", "m3")]),
    ("최근 메일 두 통 삭제해 주세요", {}, [find(limit=2), delete("m1", "m2")]),
    ("가장 오래된 메일 2개 지워줘", {}, [find(limit=2, order="oldest"), delete("m6", "m5")]),
    (
        "delete the 2 oldest mails from Kim",
        {},
        [find(limit=2, order="oldest", sender="Kim"), delete("m6", "m4")],
    ),
    (
        "김철수에게서 온 메일 삭제해줘",
        {},
        [find(limit=20, sender="김철수"), delete("m1", "m4", "m6")],
    ),
    ("읽은 메일 삭제해줘", {}, [find(limit=20, unread=False), delete("m3", "m5", "m6")]),
    ("delete read mails", {}, [find(limit=20, unread=False), delete("m3", "m5", "m6")]),
    ("선택한 메일 삭제해줘", {SELECT: ["m1"], "itemId": "m4"}, [delete("m1")]),
    ("이 메일 삭제해줘", {"itemId": "m2"}, [open_page("m2"), delete("m2")]),
    ("이 메일 삭제해줘", {"itemId": "msg-gone"}, [open_page("msg-gone")]),
    (
        "move the 3 oldest mails to the trash",
        {},
        [find(limit=3, order="oldest"), delete("m6", "m5", "m4")],
    ),
    ("메일 삭제해줘", {}, []),
    # list and search
    ("안 읽은 메일 보여줘", {}, [find(unread=True)]),
    ("show my unread emails", {}, [find(unread=True)]),
    ("최근 메일 5개 보여줘", {}, [find(limit=5)]),
    ("show the 2 oldest mails", {}, [find(limit=2, order="oldest")]),
    ("휴지통 보여줘", {}, [find(folder="trash")]),
    ("show the sent mails", {}, [find(folder="sent")]),
    ("보낸 메일함 보여줘", {}, [find(folder="sent")]),
    ("김철수에게서 온 메일 보여줘", {}, [find(sender="김철수")]),
    ("find mails from jane@corp.example", {}, [find(sender="jane@corp.example")]),
    ("'예산' 관련 메일 찾아줘", {}, [find(words="예산")]),
    ("find mails about budget review", {}, [find(words="budget review")]),
    # read and summarise
    ("이 메일 요약해줘", {"itemId": "m2"}, [open_page("m2")]),
    (
        "이 메일 요약해줘",
        {"itemId": "msg-gone"},
        [open_page("msg-gone"), find(limit=1), open_mail("m1")],
    ),
    ("summarize this mail", {"itemId": "m1", "activeApp": "mail"}, [open_page("m1")]),
    ("선택한 메일 요약해줘", {SELECT: ["m2", "m3"]}, [open_mail("m2"), open_mail("m3")]),
    ("최근 메일 읽어줘", {}, [find(limit=1), open_mail("m1")]),
    ("read the newest mail", {}, [find(limit=1), open_mail("m1")]),
    ("김철수가 보낸 메일 요약해줘", {}, [find(limit=1, sender="김철수"), open_mail("m1")]),
    ("안 읽은 메일 요약해줘", {}, [find(limit=5, unread=True)]),
    # mark read / unread
    ("이 메일 읽음으로 표시해줘", {"itemId": "m2"}, [open_page("m2"), mark("m2")]),
    (
        "안 읽은 메일 모두 읽음으로 표시해줘",
        {},
        [find(limit=100, unread=True), mark("m1", "m2", "m4")],
    ),
    ("mark all unread mails as read", {}, [find(limit=100, unread=True), mark("m1", "m2", "m4")]),
    ("mark this mail as unread", {"itemId": "m3"}, [open_page("m3"), mark("m3", read=False)]),
    ("선택한 메일 읽음 처리해줘", {SELECT: ["m1", "m2"]}, [mark("m1", "m2")]),
    ("메일 두 건 읽음 처리해줘", {}, [find(limit=2, unread=True), mark("m1", "m2")]),
    # restore
    ("휴지통에서 메일 2개 복구해줘", {}, [find(folder="trash", limit=2), restore("t1", "t2")]),
    (
        "restore the mails from Jane",
        {},
        [find(folder="trash", limit=20, sender="Jane"), restore("t2")],
    ),
    ("restore the selected mails", {SELECT: ["t1"]}, [restore("t1")]),
    # send
    (
        "김철수에게 '내일 회의는 취소입니다'라고 메일 보내줘",
        {},
        [
            lookup("김철수"),
            send(["kim@corp.example"], "내일 회의는 취소입니다", "내일 회의는 취소입니다"),
        ],
    ),
    (
        "send an email to x@y.com saying the meeting moved to 3pm",
        {},
        [send(["x@y.com"], "the meeting moved to 3pm", "the meeting moved to 3pm")],
    ),
    (
        "kim@corp.example에게 제목 '예산 검토' 내용 '첨부 확인 부탁드립니다' 메일 보내줘",
        {},
        [send(["kim@corp.example"], "예산 검토", "첨부 확인 부탁드립니다")],
    ),
    (
        "email jane@corp.example about lunch saying see you at noon",
        {},
        [send(["jane@corp.example"], "lunch", "see you at noon")],
    ),
    (
        "send a mail to Jane saying the report is ready",
        {},
        [lookup("Jane"), send(["jane@corp.example"], "the report is ready", "the report is ready")],
    ),
    ("이순신에게 '안녕하세요'라고 메일 보내줘", {}, [lookup("이순신")]),
    ("박영희에게 메일 보내줘", {}, []),
    ("send a mail saying hello", {}, []),
    # not mail requests
    ("오늘 날씨 어때?", {}, []),
    ("what is the weather today", {}, []),
    ("tell me a joke", {}, []),
]


@pytest.mark.parametrize(("prompt", "page", "expected"), CASES, ids=[c[0] for c in CASES])
async def test_tool_calls(prompt: str, page: dict[str, Any], expected: list[Call]):
    run = await drive(prompt, page)
    assert [(call.name, call.arguments) for call in run.calls] == expected
    plan_ids = [item.id for item in run.plan]
    assert len(plan_ids) == len(set(plan_ids)), "a plan step was announced twice"
    assert {call.plan_step_id for call in run.calls} <= set(plan_ids)
    assert run.answer.strip(), "every run ends with an answer"


def test_the_table_is_large_and_bilingual():
    korean = [c for c in CASES if any("가" <= ch <= "힣" for ch in c[0])]
    assert len(CASES) >= 40 and len(korean) >= 20 and len(CASES) - len(korean) >= 20
    assert sum(1 for c in CASES if c[1]) >= 10, "page context cases"


async def test_plan_is_announced_up_front_with_a_thought():
    run = await drive("메일 3개를 삭제해주세요")
    assert [item.id for item in run.plan] == ["step-find", "step-delete_messages"]
    assert [item.title for item in run.plan] == ["메일 찾기", "휴지통으로 이동"]
    assert len(run.thoughts) == 1 and "승인" in run.thoughts[0]


async def test_same_prompt_same_plan():
    first = await drive("delete the 2 oldest mails from Kim")
    second = await drive("delete the 2 oldest mails from Kim")
    assert first.calls == second.calls and first.answer == second.answer
