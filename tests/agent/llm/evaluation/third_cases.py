"""A third batch written after the planner, scored once before changing it (see the README)."""

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

KO_INBOX = "user123"
TRASH = "trash"
YUNA = "yuna.choi@tenant1.example.com"
MINHO = "minho.jung@tenant1.example.com"

THIRD: list[Case] = [
    # delete
    case(
        "delete",
        "ko",
        "IT 보안팀에서 보낸 메일 중 가장 오래된 것 한 통 삭제",
        find(limit=1, order="oldest", sender="IT 보안팀"),
        delete(),
    ),
    case("delete", "ko", "메일 열 개 지워줘", find(limit=10), delete()),
    case("delete", "ko", "선택된 메일 삭제 ㄱㄱ", delete(R("inbox", 7)), page=selected(7)),
    case("delete", "en", "I want to delete my 6 most recent emails", find(limit=6), delete()),
    case(
        "delete",
        "en",
        "delete a couple of the oldest mails",
        find(limit=2, order="oldest"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "Can you delete Carol's unread emails?",
        find(limit=20, sender="Carol", unread=True),
        delete(),
    ),
    # search
    case("search", "ko", "나한테 온 메일 중에 안 읽은 거 몇 개야", find(unread=True)),
    case("search", "ko", "박지현님이 보낸 메일 찾아봐", find(sender="박지현")),
    case("search", "ko", "휴지통에 들어있는 메일 보여줘", find(folder="trash")),
    case(
        "search",
        "en",
        "show me the newest 3 mails from Carol Nguyen",
        find(limit=3, sender="Carol Nguyen"),
    ),
    case("search", "en", "search my inbox for 'phishing'", find(words="phishing")),
    case(
        "search",
        "en",
        "What's the oldest unread email I have?",
        find(limit=1, order="oldest", unread=True),
    ),
    # summarise
    case("summarise", "ko", "제일 최근 메일 뭐라고 왔는지 알려줘", find(limit=1), open_mail()),
    case(
        "summarise",
        "ko",
        "선택한 메일들 내용 정리 좀",
        open_mail(R("inbox", 1)),
        open_mail(R("inbox", 4)),
        page=selected(1, 4),
    ),
    case("summarise", "ko", "인사팀 메일 요약해 줘", find(limit=1, sender="인사팀"), open_mail()),
    case("summarise", "en", "brief me on the latest email", find(limit=1), open_mail()),
    case(
        "summarise",
        "en",
        "can you summarize the email from Jordan Blake?",
        find(limit=1, sender="Jordan Blake"),
        open_mail(),
    ),
    case("summarise", "en", "tldr please", open_page(R("inbox", 2)), page=item(index=2)),
    # send
    case(
        "send",
        "ko",
        f"{YUNA}에게 제목 '회의 일정' 본문 '목요일 3시 괜찮으세요?' 메일 보내",
        send([YUNA], "회의 일정", "목요일 3시 괜찮으세요?"),
    ),
    case(
        "send",
        "ko",
        "정민호님께 '보고서 검토 완료했습니다'라고 메일 드려줘",
        lookup("정민호"),
        send([MINHO], "보고서 검토 완료했습니다", "보고서 검토 완료했습니다"),
    ),
    case(
        "send",
        "ko",
        f"{MINHO}한테 메일: 제목 출장 보고, 내용 잘 다녀왔습니다",
        send([MINHO], "출장 보고", "잘 다녀왔습니다"),
    ),
    case(
        "send",
        "en",
        "send an email to Carol Nguyen with subject: Budget, body: see attached",
        lookup("Carol Nguyen"),
        send(["carol.nguyen@acme.example"], "Budget", "see attached"),
    ),
    case(
        "send",
        "en",
        'mail bob@acme.example saying "Happy birthday!"',
        send(["bob@acme.example"], "Happy birthday!", "Happy birthday!"),
    ),
    case(
        "send",
        "en",
        "Write an email to erin.walsh@acme.example titled 'Q3 numbers' "
        "that says 'Looks good to me'",
        send(["erin.walsh@acme.example"], "Q3 numbers", "Looks good to me"),
    ),
    # restore
    case("restore", "ko", "휴지통에서 최근 거 세 통 꺼내 줘", find(TRASH, limit=3), restore()),
    case(
        "restore",
        "ko",
        "지워진 메일 중 '보고' 관련 메일 복구해줘",
        find(TRASH, limit=20, words="보고"),
        restore(),
    ),
    case(
        "restore",
        "ko",
        "이 메일 다시 받은편지함으로 옮겨줘",
        open_page(R(TRASH, 3)),
        restore(R(TRASH, 3)),
        page=item(TRASH, 3),
    ),
    case(
        "restore",
        "en",
        "restore the emails from Acme IT Security",
        find(TRASH, limit=20, sender="Acme IT Security"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "put the selected mails back",
        restore(R(TRASH, 2), R(TRASH, 4)),
        page=selected(2, 4, folder=TRASH),
    ),
    case(
        "restore",
        "en",
        "I deleted the oldest email by mistake, restore it",
        find(TRASH, limit=1, order="oldest"),
        restore(),
    ),
    # mark
    case(
        "mark",
        "ko",
        "박지현님 메일 전부 안 읽음으로 바꿔",
        find(limit=100, sender="박지현", unread=False),
        mark(read=False),
    ),
    case(
        "mark", "ko", "최근 메일 다섯 개 읽음 처리 부탁드립니다", find(limit=5, unread=True), mark()
    ),
    case(
        "mark",
        "ko",
        "이 메일 읽었음으로 표시",
        open_page(R("inbox", 5)),
        mark(R("inbox", 5)),
        page=item(index=5),
    ),
    case(
        "mark", "en", "mark these as read", mark(R("inbox", 1), R("inbox", 3)), page=selected(1, 3)
    ),
    case(
        "mark",
        "en",
        "mark all the newsletters from Tech Weekly as read",
        find(limit=100, sender="Tech Weekly", unread=True),
        mark(),
    ),
    case(
        "mark",
        "en",
        "set the latest email to unread",
        find(limit=1, unread=False),
        mark(read=False),
    ),
    # out of scope
    case("out_of_scope", "ko", "오늘 주가 어때?"),
    case("out_of_scope", "ko", "이 PDF 파일 요약해줘"),
    case("out_of_scope", "ko", "슬랙에 메시지 보내줘"),
    case("out_of_scope", "en", "delete my browser history"),
    case("out_of_scope", "en", "find the nearest coffee shop"),
    case("out_of_scope", "en", "remind me to call mom at 5"),
]
