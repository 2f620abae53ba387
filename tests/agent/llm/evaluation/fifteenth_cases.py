"""A fifteenth batch written after the planner, scored once before changing it (see the README)."""

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
YUNA = "yuna.choi@tenant1.example.com"
JIHYUN = "jihyun.park@tenant1.example.com"

FIFTEENTH: list[Case] = [
    # delete
    case(
        "delete",
        "ko",
        "이서준님한테서 온 메일 두 개만 지워줘",
        find(limit=2, sender="이서준"),
        delete(),
    ),
    case(
        "delete",
        "ko",
        "'출장비' 메일 가장 오래된 거 삭제",
        find(limit=1, order="oldest", words="출장비"),
        delete(),
    ),
    case("delete", "ko", "읽은 메일 열 통 삭제", find(limit=10, unread=False), delete()),
    case(
        "delete",
        "en",
        "delete the oldest email from Acme HR",
        find(limit=1, order="oldest", sender="Acme HR"),
        delete(),
    ),
    case("delete", "en", "delete these", delete(R("inbox", 6), R("inbox", 7)), page=selected(6, 7)),
    case("delete", "en", "kindly remove 3 old emails", find(limit=3, order="oldest"), delete()),
    # search
    case("search", "ko", "최근에 박지현님한테 받은 메일 뭐 있어?", find(sender="박지현")),
    case(
        "search",
        "ko",
        "보낸 메일 중에 이서준님한테 보낸 거",
        find(folder="sent"),
        unclear=("이서준님한테",),
    ),
    case("search", "ko", "'세금계산서' 검색", find(words="세금계산서")),
    case(
        "search",
        "en",
        "show emails from Erin Walsh I haven't read",
        find(sender="Erin Walsh", unread=True),
    ),
    case("search", "en", "what's my newest unread email?", find(limit=1, unread=True)),
    case("search", "en", "find mail from carol", find(sender="carol")),
    # summarise
    case("summarise", "ko", "최유나님 메일 최근 2개 요약해줘", find(limit=2, sender="최유나")),
    case("summarise", "ko", "이거 무슨 메일이야?", open_page(R("inbox", 2)), page=item(index=2)),
    case(
        "summarise",
        "ko",
        "제일 오래된 안 읽은 메일 요약 좀",
        find(limit=1, order="oldest", unread=True),
        open_mail(),
    ),
    case("summarise", "en", "summarize the last mail I got", find(limit=1), open_mail()),
    case(
        "summarise",
        "en",
        "TLDR of the newest email from Jordan Blake",
        find(limit=1, sender="Jordan Blake"),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "can I get a summary of this one?",
        open_page(R("inbox", 3)),
        page=item(index=3),
    ),
    # send
    case(
        "send",
        "ko",
        "최유나님한테 메일 좀 보내줘. '보고서 확인했습니다'",
        lookup("최유나"),
        send([YUNA], "보고서 확인했습니다", "보고서 확인했습니다"),
    ),
    case(
        "send",
        "ko",
        f"{JIHYUN}에게 메일: 제목 '예산', 내용 '승인 부탁드립니다'",
        send([JIHYUN], "예산", "승인 부탁드립니다"),
    ),
    case(
        "send",
        "ko",
        "박지현님께 내일 회의 취소 메일 보내줘",
        lookup("박지현"),
        send([JIHYUN], "내일 회의 취소", "내일 회의 취소"),
    ),
    case(
        "send",
        "en",
        "send carol.nguyen@acme.example an email: subject 'Q4', body 'Plan attached'",
        send(["carol.nguyen@acme.example"], "Q4", "Plan attached"),
    ),
    case(
        "send",
        "en",
        "Email David Kim and say the demo is at 2",
        lookup("David Kim"),
        send(["david.kim@acme.example"], "the demo is at 2", "the demo is at 2"),
    ),
    case(
        "send",
        "en",
        "send a message to bob@acme.example reading 'Welcome!'",
        send(["bob@acme.example"], "Welcome!", "Welcome!"),
    ),
    # restore
    case(
        "restore",
        "ko",
        "휴지통 메일 중 안 읽은 거 복구",
        find(TRASH, limit=20, unread=True),
        restore(),
    ),
    case("restore", "ko", "지워진 메일 원래대로 다 돌려놔", find(TRASH, limit=100), restore()),
    case(
        "restore",
        "ko",
        "이 메일 휴지통에서 꺼내",
        open_page(R(TRASH, 1)),
        restore(R(TRASH, 1)),
        page=item(TRASH, 1),
    ),
    case(
        "restore",
        "en",
        "restore the oldest deleted email from Acme IT Security",
        find(TRASH, limit=1, order="oldest", sender="Acme IT Security"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "bring back all of them",
        restore(R(TRASH, 0), R(TRASH, 2)),
        page=selected(0, 2, folder=TRASH),
    ),
    case(
        "restore",
        "en",
        "restore the email about the Aura rollout",
        find(TRASH, limit=1, words="Aura rollout"),
        restore(),
    ),
    # mark
    case("mark", "ko", "최근 메일 하나 안 읽음으로", find(limit=1, unread=False), mark(read=False)),
    case(
        "mark",
        "ko",
        "박지현님 메일 읽음 처리 부탁해",
        find(limit=20, sender="박지현", unread=True),
        mark(),
    ),
    case(
        "mark",
        "ko",
        "선택한 메일 모두 읽은 걸로",
        mark(R("inbox", 0), R("inbox", 3)),
        page=selected(0, 3),
    ),
    case(
        "mark",
        "en",
        "mark all mail from Acme HR as read",
        find(limit=100, sender="Acme HR", unread=True),
        mark(),
    ),
    case(
        "mark",
        "en",
        "mark this as read",
        open_page(R("inbox", 8)),
        mark(R("inbox", 8)),
        page=item(index=8),
    ),
    case(
        "mark",
        "en",
        "mark the two newest emails from Carol unread",
        find(limit=2, sender="Carol", unread=False),
        mark(read=False),
    ),
    # out of scope
    case("out_of_scope", "ko", "비행기 표 예매해줘"),
    case("out_of_scope", "ko", "주간 업무 보고서 작성해줘"),
    case("out_of_scope", "ko", "이 메일 번역해줘"),
    case("out_of_scope", "en", "translate this email into Korean"),
    case("out_of_scope", "en", "create a new folder for invoices"),
    case("out_of_scope", "en", "what's 15% of 200?"),
]
