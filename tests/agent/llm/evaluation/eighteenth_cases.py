"""An eighteenth batch written after the planner, scored once before changing it (README)."""

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
SEOJUN = "seojun.lee@tenant1.example.com"
JIHYUN = "jihyun.park@tenant1.example.com"

EIGHTEENTH: list[Case] = [
    # delete
    case(
        "delete",
        "ko",
        "이 메일 좀 휴지통으로 옮겨 주실래요?",
        open_page(R("inbox", 4)),
        delete(R("inbox", 4)),
        page=item(index=4),
    ),
    case(
        "delete",
        "ko",
        "클라우드호스트 메일 다 지워줘",
        find(limit=100, sender="클라우드호스트"),
        delete(),
    ),
    case("delete", "ko", "최신 메일 4통 휴지통에 넣어", find(limit=4), delete()),
    case(
        "delete",
        "en",
        "delete every unread email from Tech Weekly",
        find(limit=100, unread=True, sender="Tech Weekly"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "Remove my 3 latest emails from Carol Nguyen",
        find(limit=3, sender="Carol Nguyen"),
        delete(),
    ),
    case("delete", "en", "trash the selected ones please", delete(R("inbox", 9)), page=selected(9)),
    # search
    case("search", "ko", "최근 메일 세 통만 보여 줘요", find(limit=3)),
    case("search", "ko", "박지현 님 메일 있어?", find(sender="박지현")),
    case("search", "ko", "'Phoenix' 관련 메일 최근 것 두 개", find(limit=2, words="Phoenix")),
    case("search", "en", "show me 6 unread emails", find(limit=6, unread=True)),
    case("search", "en", "find every email from David Kim", find(limit=100, sender="David Kim")),
    case("search", "en", "are there emails about the Q2 report?", find(words="Q2 report")),
    # summarise
    case(
        "summarise",
        "ko",
        "이 메일 내용 정리해서 알려줘",
        open_page(R("inbox", 1)),
        page=item(index=1),
    ),
    case("summarise", "ko", "최근 안 읽은 메일 세 개 요약해 줘", find(limit=3, unread=True)),
    case(
        "summarise",
        "ko",
        "박지현님 최근 메일 내용이 뭐야",
        find(limit=1, sender="박지현"),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "summarize the email from Bob Lee",
        find(limit=1, sender="Bob Lee"),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "give me the tl;dr of the selected emails",
        open_mail(R("inbox", 0)),
        open_mail(R("inbox", 5)),
        page=selected(0, 5),
    ),
    case(
        "summarise",
        "en",
        "what did the oldest unread email say?",
        find(limit=1, order="oldest", unread=True),
        open_mail(),
    ),
    # send
    case(
        "send",
        "ko",
        "이서준님한테 '회의실 예약했어요' 라고 메일 좀",
        lookup("이서준"),
        send([SEOJUN], "회의실 예약했어요", "회의실 예약했어요"),
    ),
    case(
        "send",
        "ko",
        f"{JIHYUN}에 메일 보내줘: 제목은 안건, 내용은 세 가지 안건 공유드립니다",
        send([JIHYUN], "안건", "세 가지 안건 공유드립니다"),
    ),
    case(
        "send",
        "ko",
        "박지현님께 '감사합니다' 메일 부탁해요",
        lookup("박지현"),
        send([JIHYUN], "감사합니다", "감사합니다"),
    ),
    case(
        "send",
        "en",
        "send bob@acme.example a message saying the meeting is cancelled",
        send(["bob@acme.example"], "the meeting is cancelled", "the meeting is cancelled"),
    ),
    case(
        "send",
        "en",
        "Email Carol Nguyen. Subject: Review. Body: Looks good.",
        lookup("Carol Nguyen"),
        send(["carol.nguyen@acme.example"], "Review", "Looks good."),
    ),
    case(
        "send",
        "en",
        "send david.kim@acme.example 'see you at the offsite'",
        send(["david.kim@acme.example"], "see you at the offsite", "see you at the offsite"),
    ),
    # restore
    case("restore", "ko", "휴지통에 최근 메일 하나 되돌려", find(TRASH, limit=1), restore()),
    case(
        "restore",
        "ko",
        "삭제된 메일 중에 박지현님 것 복구",
        find(TRASH, limit=20, sender="박지현"),
        restore(),
    ),
    case(
        "restore",
        "ko",
        "선택한 메일들 받은편지함으로 복구",
        restore(R(TRASH, 2), R(TRASH, 4)),
        page=selected(2, 4, folder=TRASH),
    ),
    case(
        "restore",
        "en",
        "restore the two emails from Priya Raman",
        find(TRASH, limit=2, sender="Priya Raman"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "recover the oldest deleted message",
        find(TRASH, limit=1, order="oldest"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "restore this one",
        open_page(R(TRASH, 1)),
        restore(R(TRASH, 1)),
        page=item(TRASH, 1),
    ),
    # mark
    case(
        "mark",
        "ko",
        "박지현님 메일 모두 읽음처리",
        find(limit=100, sender="박지현", unread=True),
        mark(),
    ),
    case(
        "mark",
        "ko",
        "가장 최근 메일 안 읽음 표시해 줘요",
        find(limit=1, unread=False),
        mark(read=False),
    ),
    case("mark", "ko", "선택한 메일 읽음", mark(R("inbox", 7)), page=selected(7)),
    case("mark", "en", "mark the newest 4 emails as read", find(limit=4, unread=True), mark()),
    case(
        "mark",
        "en",
        "mark Erin's emails as unread",
        find(limit=20, sender="Erin", unread=False),
        mark(read=False),
    ),
    case(
        "mark",
        "en",
        "mark it unread",
        open_page(R("inbox", 3)),
        mark(R("inbox", 3), read=False),
        page=item(index=3),
    ),
    # out of scope
    case("out_of_scope", "ko", "다음 주 날씨 검색해 줘"),
    case("out_of_scope", "ko", "메일 계정 하나 더 만들어줘"),
    case("out_of_scope", "ko", "보고서 PPT 만들어줘"),
    case("out_of_scope", "en", "create a filter for newsletters"),
    case("out_of_scope", "en", "add a label to this email"),
    case("out_of_scope", "en", "set a reminder for 3pm"),
]
