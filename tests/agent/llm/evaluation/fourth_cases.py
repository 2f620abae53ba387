"""A fourth batch written after the planner, scored once before changing it (see the README)."""

from tests.agent.llm.evaluation.expectations import (
    Case,
    case,
    delete,
    find,
    item,
    lookup,
    mark,
    open_mail,
    open_page,
    restore,
    selected,
    send,
)
from tests.agent.llm.evaluation.expectations import Ref as R

TRASH = "trash"
JIHYUN = "jihyun.park@tenant1.example.com"
SEOJUN = "seojun.lee@tenant1.example.com"

FOURTH: list[Case] = [
    # delete
    case("delete", "ko", "최근 메일 2개 삭제좀", find(limit=2), delete()),
    case("delete", "ko", "이메일 3통 지워 주세요", find(limit=3), delete()),
    case(
        "delete",
        "ko",
        "오래된 메일 다섯 개만 휴지통으로 보내줘",
        find(limit=5, order="oldest"),
        delete(),
    ),
    case("delete", "en", "delet 3 emails", find(limit=3), delete()),
    case(
        "delete", "en", "Remove the mails from Bob Lee", find(limit=20, sender="Bob Lee"), delete()
    ),
    case(
        "delete",
        "en",
        "please get rid of every read message from Tech Weekly",
        find(limit=100, sender="Tech Weekly", unread=False),
        delete(),
    ),
    # search
    case("search", "ko", "최근 메일 열 개 보여줘", find(limit=10)),
    case("search", "ko", "이지은님 메일 있나?", find(sender="이지은")),
    case("search", "ko", "안읽은 메일 목록", find(unread=True)),
    case("search", "en", "get my 5 latest emails", find(limit=5)),
    case("search", "en", "do I have any emails from Priya?", find(sender="Priya")),
    case("search", "en", "list unread mails from Carol", find(sender="Carol", unread=True)),
    # summarise
    case("summarise", "ko", "이 메일 요점만 정리해줘", open_page(R("inbox", 0)), page=item()),
    case(
        "summarise",
        "ko",
        "박지현님이 보낸 가장 최근 메일 내용 알려줄래?",
        find(limit=1, sender="박지현"),
        open_mail(),
    ),
    case("summarise", "ko", "안 읽은 메일 3개 요약", find(limit=3, unread=True)),
    case(
        "summarise",
        "en",
        "what's the latest email from Erin about?",
        find(limit=1, sender="Erin"),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "summarize the oldest unread email",
        find(limit=1, order="oldest", unread=True),
        open_mail(),
    ),
    case("summarise", "en", "read this mail to me", open_page(R("inbox", 3)), page=item(index=3)),
    # send
    case(
        "send",
        "ko",
        "박지현님한테 메일 보내줘 내용은 '내일 10시에 봬요'",
        lookup("박지현"),
        send([JIHYUN], "내일 10시에 봬요", "내일 10시에 봬요"),
    ),
    case(
        "send",
        "ko",
        f'{SEOJUN}에게 "회의 취소됐어요"라고 이메일 보내줘',
        send([SEOJUN], "회의 취소됐어요", "회의 취소됐어요"),
    ),
    case(
        "send",
        "ko",
        "이서준님께 제목: 점심, 내용: 12시에 로비에서 만나요 로 메일 보내줘",
        lookup("이서준"),
        send([SEOJUN], "점심", "12시에 로비에서 만나요"),
    ),
    case(
        "send",
        "en",
        "send a mail to bob@acme.example, subject 'Lunch?', body 'Are you free at noon?'",
        send(["bob@acme.example"], "Lunch?", "Are you free at noon?"),
    ),
    case(
        "send",
        "en",
        "email Erin Walsh and tell her the meeting is at 4",
        lookup("Erin Walsh"),
        send(["erin.walsh@acme.example"], "the meeting is at 4", "the meeting is at 4"),
    ),
    case(
        "send",
        "en",
        "send harin.song@acme.example the message 'Thanks for your help'",
        send(["harin.song@acme.example"], "Thanks for your help", "Thanks for your help"),
    ),
    # restore
    case("restore", "ko", "휴지통 메일 두 개 복구", find(TRASH, limit=2), restore()),
    case(
        "restore",
        "ko",
        "Erin Walsh 메일 복원해줘",
        find(TRASH, limit=20, sender="Erin Walsh"),
        restore(),
        mailbox="alice",
    ),
    case(
        "restore",
        "ko",
        "이거 복구",
        open_page(R(TRASH, 0)),
        restore(R(TRASH, 0)),
        page=item(TRASH, 0),
    ),
    case("restore", "en", "restore my last deleted mail", find(TRASH, limit=1), restore()),
    case(
        "restore",
        "en",
        "recover emails about the Atlas data migration from the trash",
        find(TRASH, limit=20, words="Atlas data migration"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "restore everything I deleted from Acme IT Security",
        find(TRASH, limit=100, sender="Acme IT Security"),
        restore(),
    ),
    # mark
    case("mark", "ko", "모든 메일 읽음으로", find(limit=100, unread=True), mark()),
    case(
        "mark",
        "ko",
        "이지은님 메일 읽음 표시해 주세요",
        find(limit=20, sender="이지은", unread=True),
        mark(),
    ),
    case(
        "mark",
        "ko",
        "선택한 메일 안 읽은 상태로 돌려줘",
        mark(R("inbox", 2), R("inbox", 3), read=False),
        page=selected(2, 3),
    ),
    case(
        "mark",
        "en",
        "mark as read everything from Acme HR",
        find(limit=100, sender="Acme HR", unread=True),
        mark(),
    ),
    case("mark", "en", "mark the 3 newest unread emails read", find(limit=3, unread=True), mark()),
    case(
        "mark",
        "en",
        "make this email unread",
        open_page(R("inbox", 1)),
        mark(R("inbox", 1), read=False),
        page=item(index=1),
    ),
    # out of scope
    case("out_of_scope", "ko", "영화 추천해줘"),
    case("out_of_scope", "ko", "메모장 지워줘"),
    case("out_of_scope", "ko", "달력에서 생일 찾아줘"),
    case("out_of_scope", "en", "send money to Bob"),
    case("out_of_scope", "en", "search for flights to Jeju"),
    case("out_of_scope", "en", "delete the spreadsheet"),
]
