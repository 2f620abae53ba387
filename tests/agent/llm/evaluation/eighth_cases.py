"""An eighth batch written after the planner, scored once before changing it (see the README)."""

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
JIEUN = "jieun.lee@hanbit-consulting.example.kr"

EIGHTH: list[Case] = [
    # delete
    case(
        "delete",
        "ko",
        "한빛컨설팅에서 온 메일 전부 삭제",
        find(limit=100, sender="한빛컨설팅"),
        delete(),
    ),
    case(
        "delete",
        "ko",
        "읽은 메일 중 오래된 거 4개 삭제해 줘",
        find(limit=4, order="oldest", unread=False),
        delete(),
    ),
    case("delete", "ko", "방금 온 메일 지워", find(limit=1), delete()),
    case(
        "delete",
        "en",
        "please delete the emails I selected",
        delete(R("inbox", 2), R("inbox", 3)),
        page=selected(2, 3),
    ),
    case(
        "delete", "en", "delete ten of my oldest emails", find(limit=10, order="oldest"), delete()
    ),
    case(
        "delete",
        "en",
        "remove all emails mentioning phishing",
        find(limit=100, words="phishing"),
        delete(),
    ),
    # search
    case(
        "search", "ko", "이번에 이서준님이 보낸 메일들 다 보여줘", find(limit=100, sender="이서준")
    ),
    case("search", "ko", "'Orion' 들어간 메일 몇 개 있어?", find(words="Orion")),
    case("search", "ko", "내가 보낸 메일 보여줘", find(folder="sent")),
    case("search", "en", "do I have unread mail?", find(unread=True)),
    case(
        "search",
        "en",
        "search emails from Jordan about the contract",
        find(sender="Jordan", words="contract"),
    ),
    case("search", "en", "show my sent emails, newest first", find(folder="sent")),
    # summarise
    case(
        "summarise",
        "ko",
        "박지현님 최신 메일 한번 읽어봐 줘",
        find(limit=1, sender="박지현"),
        open_mail(),
    ),
    case("summarise", "ko", "이 메일 무슨 얘기야?", open_page(R("inbox", 5)), page=item(index=5)),
    case("summarise", "ko", "안 읽은 메일들 요약 좀 해 줘", find(limit=5, unread=True)),
    case("summarise", "en", "catch me up on my unread emails", find(limit=5, unread=True)),
    case(
        "summarise",
        "en",
        "what did the latest mail from Acme HR say?",
        find(limit=1, sender="Acme HR"),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "summarize the selected email",
        open_mail(R("inbox", 7)),
        page=selected(7),
    ),
    # send
    case(
        "send",
        "ko",
        f"{SEOJUN}에게 메일 써 줘: 제목은 '공지', 내용은 '내일 재택합니다'",
        send([SEOJUN], "공지", "내일 재택합니다"),
    ),
    case(
        "send",
        "ko",
        "이지은님한테 메일로 '견적서 보내드렸습니다' 전달해줘",
        lookup("이지은"),
        send([JIEUN], "견적서 보내드렸습니다", "견적서 보내드렸습니다"),
    ),
    case(
        "send",
        "ko",
        f"{JIEUN}로 '미팅 시간 확정 부탁드립니다' 메일 전송해 주세요",
        send([JIEUN], "미팅 시간 확정 부탁드립니다", "미팅 시간 확정 부탁드립니다"),
    ),
    case(
        "send",
        "en",
        "write to Carol Nguyen saying the numbers are final",
        lookup("Carol Nguyen"),
        send(["carol.nguyen@acme.example"], "the numbers are final", "the numbers are final"),
    ),
    case(
        "send",
        "en",
        "send an email to david.kim@acme.example, title: Retro, message: Friday at 3",
        send(["david.kim@acme.example"], "Retro", "Friday at 3"),
    ),
    case(
        "send",
        "en",
        "email erin.walsh@acme.example to say the room is booked",
        send(["erin.walsh@acme.example"], "the room is booked", "the room is booked"),
    ),
    # restore
    case(
        "restore",
        "ko",
        "휴지통에서 읽은 메일 다 복구해줘",
        find(TRASH, limit=100, unread=False),
        restore(),
    ),
    case(
        "restore",
        "ko",
        "정민호님이 보낸 메일 중 가장 최근 것 복원",
        find(TRASH, limit=1, sender="정민호"),
        restore(),
    ),
    case("restore", "ko", "지운 메일 2통 되돌려줘", find(TRASH, limit=2), restore()),
    case(
        "restore",
        "en",
        "restore what I deleted from Priya",
        find(TRASH, limit=20, sender="Priya"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "take the selected emails out of the trash",
        restore(R(TRASH, 3)),
        page=selected(3, folder=TRASH),
    ),
    case("restore", "en", "restore the newest mail in the bin", find(TRASH, limit=1), restore()),
    # mark
    case(
        "mark",
        "ko",
        "한빛컨설팅 메일 읽음 처리해줘",
        find(limit=20, sender="한빛컨설팅", unread=True),
        mark(),
    ),
    case(
        "mark",
        "ko",
        "지금 열린 메일 안 읽음으로 돌려놔",
        open_page(R("inbox", 3)),
        mark(R("inbox", 3), read=False),
        page=item(index=3),
    ),
    case(
        "mark",
        "ko",
        "최근 받은 메일 4개 읽음으로 표시해 주세요",
        find(limit=4, unread=True),
        mark(),
    ),
    case("mark", "en", "mark all as unread", find(limit=100, unread=False), mark(read=False)),
    case(
        "mark",
        "en",
        "mark the email from Bob as read",
        find(limit=1, sender="Bob", unread=True),
        mark(),
    ),
    case("mark", "en", "mark selected as read please", mark(R("inbox", 1)), page=selected(1)),
    # out of scope
    case("out_of_scope", "ko", "오늘 몇 시야?"),
    case("out_of_scope", "ko", "회의록 문서 삭제해줘"),
    case("out_of_scope", "ko", "팀 채팅방에 공지 보내줘"),
    case("out_of_scope", "en", "what's on my calendar today?"),
    case("out_of_scope", "en", "delete the folder called Archive on my desktop"),
    case("out_of_scope", "en", "call Carol Nguyen"),
]
