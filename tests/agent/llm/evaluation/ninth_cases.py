"""A ninth batch written after the planner, scored once before changing it (see the README)."""

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
MINHO = "minho.jung@tenant1.example.com"

NINTH: list[Case] = [
    # delete
    case("delete", "ko", "제일 옛날 메일 하나 지워줄래", find(limit=1, order="oldest"), delete()),
    case(
        "delete",
        "ko",
        "이서준 씨 메일 중에 안 읽은 것들 삭제",
        find(limit=20, sender="이서준", unread=True),
        delete(),
    ),
    case(
        "delete",
        "ko",
        "이 메일은 필요 없으니 삭제해",
        open_page(R("inbox", 1)),
        delete(R("inbox", 1)),
        page=item(index=1),
    ),
    case(
        "delete",
        "en",
        "Trash the 2 most recent emails from Carol Nguyen",
        find(limit=2, sender="Carol Nguyen"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "delete both selected emails",
        delete(R("inbox", 5), R("inbox", 6)),
        page=selected(5, 6),
    ),
    case(
        "delete",
        "en",
        "get rid of all the security notices",
        find(limit=100, words="security notice"),
        delete(),
    ),
    # search
    case(
        "search",
        "ko",
        "박지현님이 보낸 거 중에 제일 오래된 메일 뭐야",
        find(limit=1, order="oldest", sender="박지현"),
    ),
    case("search", "ko", "휴지통 좀 열어봐", find(folder="trash")),
    case("search", "ko", "읽은 메일만 5개 보여줘", find(limit=5, unread=False)),
    case(
        "search",
        "en",
        "Is there an email from David about lunch?",
        find(sender="David", words="lunch"),
    ),
    case("search", "en", "show the sent folder", find(folder="sent")),
    case("search", "en", "list 8 emails", find(limit=8)),
    # summarise
    case("summarise", "ko", "최신 메일 내용 요약해서 알려줘", find(limit=1), open_mail()),
    case(
        "summarise",
        "ko",
        "선택한 두 메일 요약",
        open_mail(R("inbox", 0)),
        open_mail(R("inbox", 1)),
        page=selected(0, 1),
    ),
    case(
        "summarise",
        "ko",
        "인사팀 최근 메일 뭐라고 했어?",
        find(limit=1, sender="인사팀"),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "summarise the email I have open please",
        open_page(R("inbox", 6)),
        page=item(index=6),
    ),
    case(
        "summarise",
        "en",
        "what's the latest from Tech Weekly?",
        find(limit=1, sender="Tech Weekly"),
        open_mail(),
    ),
    case("summarise", "en", "read out the newest message", find(limit=1), open_mail()),
    # send
    case(
        "send",
        "ko",
        "박지현님께 메일: '오늘 회의 자료입니다'",
        lookup("박지현"),
        send([JIHYUN], "오늘 회의 자료입니다", "오늘 회의 자료입니다"),
    ),
    case(
        "send",
        "ko",
        f"{MINHO}으로 제목 '정산', 내용 '영수증 첨부합니다' 이렇게 보내줘",
        send([MINHO], "정산", "영수증 첨부합니다"),
    ),
    case(
        "send",
        "ko",
        '정민호님에게 "잘 받았습니다" 하고 메일 보내',
        lookup("정민호"),
        send([MINHO], "잘 받았습니다", "잘 받았습니다"),
    ),
    case(
        "send",
        "en",
        "send email to bob@acme.example subject Hello body Nice to meet you",
        send(["bob@acme.example"], "Hello", "Nice to meet you"),
    ),
    case(
        "send",
        "en",
        "Email Carol Nguyen: 'Report attached, please review'",
        lookup("Carol Nguyen"),
        send(
            ["carol.nguyen@acme.example"],
            "Report attached, please review",
            "Report attached, please review",
        ),
    ),
    case(
        "send",
        "en",
        "message david.kim@acme.example that the build is green",
        send(["david.kim@acme.example"], "the build is green", "the build is green"),
    ),
    # restore
    case(
        "restore",
        "ko",
        "휴지통에서 안 읽은 메일 복구해줘",
        find(TRASH, limit=20, unread=True),
        restore(),
    ),
    case(
        "restore",
        "ko",
        "박지현님 메일 휴지통에서 다시 가져와",
        find(TRASH, limit=20, sender="박지현"),
        restore(),
    ),
    case(
        "restore",
        "ko",
        "이 메일 복구 부탁해요",
        open_page(R(TRASH, 1)),
        restore(R(TRASH, 1)),
        page=item(TRASH, 1),
    ),
    case(
        "restore",
        "en",
        "restore all emails from Erin Walsh from the trash",
        find(TRASH, limit=100, sender="Erin Walsh"),
        restore(),
    ),
    case("restore", "en", "undelete the last two emails", find(TRASH, limit=2), restore()),
    case(
        "restore",
        "en",
        "recover the selected message",
        restore(R(TRASH, 2)),
        page=selected(2, folder=TRASH),
    ),
    # mark
    case("mark", "ko", "읽음 처리: 최근 메일 3개", find(limit=3, unread=True), mark()),
    case(
        "mark",
        "ko",
        "이 메일 다시 안 읽은 상태로 해줘",
        open_page(R("inbox", 4)),
        mark(R("inbox", 4), read=False),
        page=item(index=4),
    ),
    case(
        "mark",
        "ko",
        "선택한 메일들 전부 읽음",
        mark(R("inbox", 1), R("inbox", 2)),
        page=selected(1, 2),
    ),
    case(
        "mark",
        "en",
        "mark the newest email from Carol as read",
        find(limit=1, sender="Carol", unread=True),
        mark(),
    ),
    case(
        "mark",
        "en",
        "mark unread: all mails from Bob Lee",
        find(limit=100, sender="Bob Lee", unread=False),
        mark(read=False),
    ),
    case("mark", "en", "flag these emails as read", mark(R("inbox", 3)), page=selected(3)),
    # out of scope
    case("out_of_scope", "ko", "메신저로 박지현님한테 연락해줘"),
    case("out_of_scope", "ko", "날씨 좋은 날 추천해줘"),
    case("out_of_scope", "ko", "드라이브에서 보고서 파일 찾아줘"),
    case("out_of_scope", "en", "delete my notes from yesterday"),
    case("out_of_scope", "en", "send flowers to Carol"),
    case("out_of_scope", "en", "find the PDF invoice on my laptop"),
]
