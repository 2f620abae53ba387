"""A twelfth batch written after the planner, scored once before changing it (see the README)."""

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

TWELFTH: list[Case] = [
    # delete
    case("delete", "ko", "IT보안팀 메일 다 지워줘", find(limit=100, sender="IT보안팀"), delete()),
    case(
        "delete",
        "ko",
        "오래된 메일부터 다섯 통 정리해서 삭제",
        find(limit=5, order="oldest"),
        delete(),
    ),
    case(
        "delete",
        "ko",
        "방금 선택한 메일들 삭제요",
        delete(R("inbox", 8), R("inbox", 9)),
        page=selected(8, 9),
    ),
    case(
        "delete",
        "en",
        "erase every email Bob Lee sent",
        find(limit=100, sender="Bob Lee"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "delete 2 unread messages from Acme IT Security",
        find(limit=2, unread=True, sender="Acme IT Security"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "can you trash it?",
        open_page(R("inbox", 4)),
        delete(R("inbox", 4)),
        page=item(index=4),
    ),
    # search
    case("search", "ko", "받은 메일 중에 '회의' 들어간 거 찾아줘", find(words="회의")),
    case("search", "ko", "최근 일주일 메일", find(), unclear=("일주일",)),
    case("search", "ko", "박지현님한테 받은 메일 목록 최신 순으로", find(sender="박지현")),
    case("search", "en", "anything new?", find(unread=True)),
    case("search", "en", "show me mails sent by Jordan Blake", find(sender="Jordan Blake")),
    case(
        "search",
        "en",
        "look up emails containing 'contract renewal'",
        find(words="contract renewal"),
    ),
    # summarise
    case(
        "summarise",
        "ko",
        "이 메일 한 문장으로 요약해줄래?",
        open_page(R("inbox", 7)),
        page=item(index=7),
    ),
    case(
        "summarise",
        "ko",
        "최유나님 메일 요약해 주세요",
        find(limit=1, sender="최유나"),
        open_mail(),
    ),
    case("summarise", "ko", "읽지 않은 메일 두 개 요약해줘", find(limit=2, unread=True)),
    case(
        "summarise",
        "en",
        "quick summary of the email from Priya",
        find(limit=1, sender="Priya"),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "summarize the emails I've selected",
        open_mail(R("inbox", 4)),
        open_mail(R("inbox", 5)),
        page=selected(4, 5),
    ),
    case(
        "summarise",
        "en",
        "read the oldest unread mail from Carol",
        find(limit=1, order="oldest", unread=True, sender="Carol"),
        open_mail(),
    ),
    # send
    case(
        "send",
        "ko",
        "이서준님께 제목 회의 변경, 내용 '3시로 옮깁니다' 메일 보내줘",
        lookup("이서준"),
        send([SEOJUN], "회의 변경", "3시로 옮깁니다"),
    ),
    case(
        "send",
        "ko",
        f'{JIHYUN}한테 "잘 부탁드립니다" 보내 줘',
        send([JIHYUN], "잘 부탁드립니다", "잘 부탁드립니다"),
    ),
    case(
        "send",
        "ko",
        "박지현님에게 메일 보내서 '회의록 확인 부탁드려요'라고 해줘",
        lookup("박지현"),
        send([JIHYUN], "회의록 확인 부탁드려요", "회의록 확인 부탁드려요"),
    ),
    case(
        "send",
        "en",
        "send an email to David Kim titled Demo saying it went well",
        lookup("David Kim"),
        send(["david.kim@acme.example"], "Demo", "it went well"),
    ),
    case(
        "send",
        "en",
        "email bob@acme.example with the message 'Lunch at noon?'",
        send(["bob@acme.example"], "Lunch at noon?", "Lunch at noon?"),
    ),
    case(
        "send",
        "en",
        "write erin.walsh@acme.example an email: subject Hotel, body Booked for two nights",
        send(["erin.walsh@acme.example"], "Hotel", "Booked for two nights"),
    ),
    # restore
    case("restore", "ko", "휴지통에 있는 거 다 꺼내줘", find(TRASH, limit=100), restore()),
    case(
        "restore",
        "ko",
        "삭제된 메일 중 정민호님 거 되살려",
        find(TRASH, limit=20, sender="정민호"),
        restore(),
    ),
    case(
        "restore",
        "ko",
        "휴지통 메일 오래된 순으로 2개 복원",
        find(TRASH, limit=2, order="oldest"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "restore emails from the trash that mention invoice",
        find(TRASH, limit=20, words="invoice"),
        restore(),
    ),
    case("restore", "en", "undelete my last 3 emails", find(TRASH, limit=3), restore()),
    case(
        "restore",
        "en",
        "restore them",
        restore(R(TRASH, 0), R(TRASH, 1)),
        page=selected(0, 1, folder=TRASH),
    ),
    # mark
    case("mark", "ko", "다 읽음 처리해줘", find(limit=100, unread=True), mark()),
    case(
        "mark",
        "ko",
        "최유나님이 보낸 거 안 읽음 표시해 줘",
        find(limit=20, sender="최유나", unread=False),
        mark(read=False),
    ),
    case(
        "mark", "ko", "이거 읽음", open_page(R("inbox", 6)), mark(R("inbox", 6)), page=item(index=6)
    ),
    case("mark", "en", "mark the newest three as read", find(limit=3, unread=True), mark()),
    case(
        "mark",
        "en",
        "mark Carol's latest email as unread",
        find(limit=1, sender="Carol", unread=False),
        mark(read=False),
    ),
    case(
        "mark",
        "en",
        "set all emails from David Kim to read",
        find(limit=100, sender="David Kim", unread=True),
        mark(),
    ),
    # out of scope
    case("out_of_scope", "ko", "휴지통 비워줘"),
    case("out_of_scope", "ko", "문자 메시지 보내줘"),
    case("out_of_scope", "ko", "구글 드라이브 파일 정리"),
    case("out_of_scope", "en", "empty the trash"),
    case("out_of_scope", "en", "find my phone"),
    case("out_of_scope", "en", "read me the news"),
]
