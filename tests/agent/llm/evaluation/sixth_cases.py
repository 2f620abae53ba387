"""A sixth batch written after the planner, scored once before changing it (see the README)."""

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
MINHO = "minho.jung@tenant1.example.com"

SIXTH: list[Case] = [
    # delete
    case(
        "delete",
        "ko",
        "최유나 씨가 보냈던 메일 모두 지워 줄 수 있을까요?",
        find(limit=100, sender="최유나"),
        delete(),
    ),
    case("delete", "ko", "메일 스무 개 삭제해줘", find(limit=20), delete()),
    case(
        "delete",
        "ko",
        "오래된 순서대로 메일 세 통 삭제하자",
        find(limit=3, order="oldest"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "go ahead and delete the oldest five emails",
        find(limit=5, order="oldest"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "I'd like you to trash all emails from OfficePlus Billing",
        find(limit=100, sender="OfficePlus Billing"),
        delete(),
        mailbox="user123",
    ),
    case("delete", "en", "toss the selected emails", delete(R("inbox", 3)), page=selected(3)),
    # search
    case("search", "ko", "정민호 과장님한테 온 메일 있어요?", find(sender="정민호")),
    case("search", "ko", "가장 최근에 받은 메일 세 통 보여줄래?", find(limit=3)),
    case("search", "ko", "'계약' 키워드로 메일 검색", find(words="계약")),
    case("search", "en", "pull up my unread emails", find(unread=True)),
    case("search", "en", "show me everything from David Kim", find(limit=100, sender="David Kim")),
    case(
        "search", "en", "fetch the two most recent emails from Erin", find(limit=2, sender="Erin")
    ),
    # summarise
    case(
        "summarise",
        "ko",
        "가장 오래된 안 읽은 메일 읽어 줄래?",
        find(limit=1, order="oldest", unread=True),
        open_mail(),
    ),
    case("summarise", "ko", "이 메일 간략하게 정리", open_page(R("inbox", 7)), page=item(index=7)),
    case(
        "summarise",
        "ko",
        "정민호님이 보낸 메일 핵심 정리 부탁",
        find(limit=1, sender="정민호"),
        open_mail(),
    ),
    case(
        "summarise", "en", "give me the highlights of the newest email", find(limit=1), open_mail()
    ),
    case(
        "summarise",
        "en",
        "summarize everything I selected",
        open_mail(R("inbox", 0)),
        open_mail(R("inbox", 1)),
        page=selected(0, 1),
    ),
    case(
        "summarise",
        "en",
        "what is the mail from Jordan Blake about?",
        find(limit=1, sender="Jordan Blake"),
        open_mail(),
    ),
    # send
    case(
        "send",
        "ko",
        f"{SEOJUN}에게 '발표 자료 공유드립니다' 메일 보내 드려",
        send([SEOJUN], "발표 자료 공유드립니다", "발표 자료 공유드립니다"),
    ),
    case(
        "send",
        "ko",
        "정민호 과장님께 '다음 주 일정 확인 부탁드립니다'라고 메일 보내",
        lookup("정민호"),
        send([MINHO], "다음 주 일정 확인 부탁드립니다", "다음 주 일정 확인 부탁드립니다"),
    ),
    case(
        "send",
        "ko",
        f"{MINHO}에게 메일, 제목은 회식, 내용은 목요일 7시입니다",
        send([MINHO], "회식", "목요일 7시입니다"),
    ),
    case(
        "send",
        "en",
        "send Carol Nguyen a message saying I approved the budget",
        lookup("Carol Nguyen"),
        send(["carol.nguyen@acme.example"], "I approved the budget", "I approved the budget"),
    ),
    case(
        "send",
        "en",
        "email erin.walsh@acme.example — subject: Travel; body: Flights booked",
        send(["erin.walsh@acme.example"], "Travel", "Flights booked"),
    ),
    case(
        "send",
        "en",
        "could you send bob@acme.example an email titled Welcome saying glad to have you",
        send(["bob@acme.example"], "Welcome", "glad to have you"),
    ),
    # restore
    case(
        "restore",
        "ko",
        "휴지통에 있는 정민호님 메일 하나 복구해 줘",
        find(TRASH, limit=1, sender="정민호"),
        restore(),
    ),
    case("restore", "ko", "방금 삭제한 메일 되돌리기", find(TRASH, limit=1), restore()),
    case(
        "restore",
        "ko",
        "선택한 휴지통 메일 모두 복원",
        restore(R(TRASH, 0), R(TRASH, 2)),
        page=selected(0, 2, folder=TRASH),
    ),
    case(
        "restore",
        "en",
        "restore the two oldest emails in the trash",
        find(TRASH, limit=2, order="oldest"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "bring back everything from Priya Raman",
        find(TRASH, limit=100, sender="Priya Raman"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "can you undelete this email?",
        open_page(R(TRASH, 4)),
        restore(R(TRASH, 4)),
        page=item(TRASH, 4),
    ),
    # mark
    case("mark", "ko", "안 읽은 메일 싹 다 읽음 처리해", find(limit=100, unread=True), mark()),
    case(
        "mark",
        "ko",
        "박지현님 메일 중 안 읽은 거 읽음으로",
        find(limit=20, sender="박지현", unread=True),
        mark(),
    ),
    case(
        "mark",
        "ko",
        "선택한 메일 읽지 않은 걸로 바꿔",
        mark(R("inbox", 8), read=False),
        page=selected(8),
    ),
    case(
        "mark",
        "en",
        "mark all messages from Jordan Blake as read",
        find(limit=100, sender="Jordan Blake", unread=True),
        mark(),
    ),
    case(
        "mark",
        "en",
        "mark the oldest 2 emails as unread",
        find(limit=2, order="oldest", unread=False),
        mark(read=False),
    ),
    case(
        "mark",
        "en",
        "please mark this one read",
        open_page(R("inbox", 9)),
        mark(R("inbox", 9)),
        page=item(index=9),
    ),
    # out of scope
    case("out_of_scope", "ko", "점심 배달 주문해줘"),
    case("out_of_scope", "ko", "내 폰 사진 검색해줘"),
    case("out_of_scope", "ko", "유튜브 영상 찾아줘"),
    case("out_of_scope", "en", "translate 'hello' into Korean"),
    case("out_of_scope", "en", "remove the virus from my computer"),
    case("out_of_scope", "en", "show me the stock price of Samsung"),
]
