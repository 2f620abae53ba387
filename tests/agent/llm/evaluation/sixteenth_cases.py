"""A sixteenth batch written after the planner, scored once before changing it (see the README)."""

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
YUNA = "yuna.choi@tenant1.example.com"

SIXTEENTH: list[Case] = [
    # delete
    case(
        "delete",
        "ko",
        "최유나님 메일 중 안 읽은 거 하나 지워",
        find(limit=1, sender="최유나", unread=True),
        delete(),
    ),
    case("delete", "ko", "오래된 메일 다 지워줘", find(limit=100, order="oldest"), delete()),
    case("delete", "ko", "이거 지워", open_page(R("inbox", 0)), delete(R("inbox", 0)), page=item()),
    case(
        "delete",
        "en",
        "Delete the last three emails Carol sent me",
        find(limit=3, sender="Carol"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "trash everything in my inbox from David Kim",
        find(limit=100, sender="David Kim"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "remove this message please",
        open_page(R("inbox", 2)),
        delete(R("inbox", 2)),
        page=item(index=2),
    ),
    # search
    case("search", "ko", "최근 받은 메일 좀 보여줄래", find()),
    case("search", "ko", "정민호님 메일 언제 왔어?", find(sender="정민호")),
    case("search", "ko", "'보안' 단어가 들어간 메일 모두 찾아", find(limit=100, words="보안")),
    case(
        "search",
        "en",
        "get me the oldest two emails from Carol",
        find(limit=2, order="oldest", sender="Carol"),
    ),
    case("search", "en", "find messages with the word budget", find(words="budget")),
    case("search", "en", "Have I got mail from Jordan Blake?", find(sender="Jordan Blake")),
    # summarise
    case("summarise", "ko", "박지현님이 보낸 메일 세 통 요약", find(limit=3, sender="박지현")),
    case("summarise", "ko", "지금 메일 요약해 줘", open_page(R("inbox", 5)), page=item(index=5)),
    case("summarise", "ko", "가장 최근 메일 뭐라고 써있어?", find(limit=1), open_mail()),
    case(
        "summarise",
        "en",
        "what does the selected mail say?",
        open_mail(R("inbox", 6)),
        page=selected(6),
    ),
    case("summarise", "en", "summary please", open_page(R("inbox", 0)), page=item()),
    case(
        "summarise",
        "en",
        "read the newest email from Acme HR to me",
        find(limit=1, sender="Acme HR"),
        open_mail(),
    ),
    # send
    case(
        "send",
        "ko",
        "이서준님께 메일 보내 줘. 제목: 휴가, 내용: 금요일 휴가입니다.",
        lookup("이서준"),
        send([SEOJUN], "휴가", "금요일 휴가입니다."),
    ),
    case(
        "send",
        "ko",
        f"{YUNA}에게 '자료 첨부합니다'라는 메일 보내줘",
        send([YUNA], "자료 첨부합니다", "자료 첨부합니다"),
    ),
    case(
        "send",
        "ko",
        "최유나님에게 메일로 알려 줘, 내용은 '내일 오전 반차'",
        lookup("최유나"),
        send([YUNA], "내일 오전 반차", "내일 오전 반차"),
    ),
    case(
        "send",
        "en",
        "send a note to erin.walsh@acme.example saying thanks for lunch",
        send(["erin.walsh@acme.example"], "thanks for lunch", "thanks for lunch"),
    ),
    case(
        "send",
        "en",
        "Email Bob Lee with subject 'Laptop' and message 'Ready for pickup'",
        lookup("Bob Lee"),
        send(["bob@acme.example"], "Laptop", "Ready for pickup"),
    ),
    case(
        "send",
        "en",
        "write an email to harin.song@acme.example: Hi Harin, the review is done",
        send(
            ["harin.song@acme.example"],
            "Hi Harin, the review is done",
            "Hi Harin, the review is done",
        ),
    ),
    # restore
    case(
        "restore",
        "ko",
        "휴지통에서 박지현님 메일 전부 원래 자리로",
        find(TRASH, limit=100, sender="박지현"),
        restore(),
    ),
    case("restore", "ko", "지운 메일 하나 복구 좀", find(TRASH, limit=1), restore()),
    case(
        "restore",
        "ko",
        "선택된 휴지통 메일 살려줘",
        restore(R(TRASH, 1), R(TRASH, 2)),
        page=selected(1, 2, folder=TRASH),
    ),
    case(
        "restore", "en", "restore the newest email from the trash", find(TRASH, limit=1), restore()
    ),
    case(
        "restore",
        "en",
        "please restore every mail about Phoenix",
        find(TRASH, limit=100, words="Phoenix"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "restore the Acme IT Security emails",
        find(TRASH, limit=20, sender="Acme IT Security"),
        restore(),
    ),
    # mark
    case("mark", "ko", "최근 메일 10개 읽음 처리", find(limit=10, unread=True), mark()),
    case(
        "mark",
        "ko",
        "이 메일 읽음으로 해 줘",
        open_page(R("inbox", 1)),
        mark(R("inbox", 1)),
        page=item(index=1),
    ),
    case(
        "mark",
        "ko",
        "정민호님 메일 안 읽은 걸로 표시",
        find(limit=20, sender="정민호", unread=False),
        mark(read=False),
    ),
    case(
        "mark",
        "en",
        "mark all from Carol as read",
        find(limit=100, sender="Carol", unread=True),
        mark(),
    ),
    case(
        "mark",
        "en",
        "mark the selected as unread",
        mark(R("inbox", 4), read=False),
        page=selected(4),
    ),
    case(
        "mark",
        "en",
        "mark my oldest unread email as read",
        find(limit=1, order="oldest", unread=True),
        mark(),
    ),
    # out of scope
    case("out_of_scope", "ko", "내일 알림 설정해줘"),
    case("out_of_scope", "ko", "메일 비밀번호 바꿔줘"),
    case("out_of_scope", "ko", "주간 회의 일정 캘린더에 추가"),
    case("out_of_scope", "en", "add Carol to my contacts"),
    case("out_of_scope", "en", "turn on dark mode"),
    case("out_of_scope", "en", "delete the old backups"),
]
