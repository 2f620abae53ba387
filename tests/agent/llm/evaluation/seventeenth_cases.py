"""A seventeenth batch written after the planner, scored once before changing it (README)."""

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
MINHO = "minho.jung@tenant1.example.com"
JIEUN = "jieun.lee@hanbit-consulting.example.kr"

SEVENTEENTH: list[Case] = [
    # delete
    case("delete", "ko", "메일 세통 지워주라", find(limit=3), delete()),
    case(
        "delete",
        "ko",
        "박지현님이 보낸 메일 중 읽은 거 두 개 삭제해줘",
        find(limit=2, sender="박지현", unread=False),
        delete(),
    ),
    case(
        "delete",
        "ko",
        "선택한 메일 전부 휴지통에 버려",
        delete(R("inbox", 1), R("inbox", 2), R("inbox", 3)),
        page=selected(1, 2, 3),
    ),
    case(
        "delete",
        "en",
        "delete the 5 oldest unread emails",
        find(limit=5, order="oldest", unread=True),
        delete(),
    ),
    case(
        "delete",
        "en",
        "could you delete the email I have open?",
        open_page(R("inbox", 3)),
        delete(R("inbox", 3)),
        page=item(index=3),
    ),
    case(
        "delete",
        "en",
        "delete all messages about the Orion kickoff",
        find(limit=100, words="Orion kickoff"),
        delete(),
    ),
    # search
    case("search", "ko", "안 읽은 메일 오래된 것부터 보여줘", find(order="oldest", unread=True)),
    case("search", "ko", "한빛컨설팅 이지은님 메일 찾아줘", find(sender="이지은")),
    case("search", "ko", "메일함 보여줘", find()),
    case(
        "search",
        "en",
        "show unread mail from Erin, oldest first",
        find(order="oldest", unread=True, sender="Erin"),
    ),
    case("search", "en", "do I have any mails about invoices?", find(words="invoice")),
    case("search", "en", "list all my emails", find(limit=100)),
    # summarise
    case("summarise", "ko", "이 메일 3줄 요약", open_page(R("inbox", 4)), page=item(index=4)),
    case("summarise", "ko", "최근 메일 요약본 보여줘", find(limit=1), open_mail()),
    case(
        "summarise",
        "ko",
        "인사팀 메일 뭐라는지 읽어봐",
        find(limit=1, sender="인사팀"),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "can you summarise the latest 2 emails from Carol?",
        find(limit=2, sender="Carol"),
    ),
    case("summarise", "en", "tldr my unread mail", find(limit=5, unread=True)),
    case("summarise", "en", "what's this about?", open_page(R("inbox", 6)), page=item(index=6)),
    # send
    case(
        "send",
        "ko",
        f"{JIEUN}에게 '내일 미팅 가능합니다' 메일 보내",
        send([JIEUN], "내일 미팅 가능합니다", "내일 미팅 가능합니다"),
    ),
    case(
        "send",
        "ko",
        "정민호님께 제목은 '보고서', 본문은 '첨부했습니다' 라고 메일 보내줘",
        lookup("정민호"),
        send([MINHO], "보고서", "첨부했습니다"),
    ),
    case(
        "send",
        "ko",
        "이지은님에게 메일 보내. 내용: 계약서 잘 받았습니다",
        lookup("이지은"),
        send([JIEUN], "계약서 잘 받았습니다", "계약서 잘 받았습니다"),
    ),
    case(
        "send",
        "en",
        "send Erin Walsh an email: the slides are in the shared drive",
        lookup("Erin Walsh"),
        send(
            ["erin.walsh@acme.example"],
            "the slides are in the shared drive",
            "the slides are in the shared drive",
        ),
    ),
    case(
        "send",
        "en",
        "email carol.nguyen@acme.example the subject Budget and the body Please approve",
        send(["carol.nguyen@acme.example"], "Budget", "Please approve"),
    ),
    case(
        "send",
        "en",
        "please reply to bob@acme.example with 'Sounds good, see you then'",
        send(["bob@acme.example"], "Sounds good, see you then", "Sounds good, see you then"),
    ),
    # restore
    case("restore", "ko", "최근에 지운 메일 두 통 복구", find(TRASH, limit=2), restore()),
    case(
        "restore",
        "ko",
        "휴지통의 인사팀 메일 복원",
        find(TRASH, limit=20, sender="인사팀"),
        restore(),
    ),
    case(
        "restore",
        "ko",
        "이 메일 되돌려 줘",
        open_page(R(TRASH, 3)),
        restore(R(TRASH, 3)),
        page=item(TRASH, 3),
    ),
    case("restore", "en", "undelete everything", find(TRASH, limit=100), restore()),
    case(
        "restore",
        "en",
        "restore the emails Erin Walsh sent",
        find(TRASH, limit=20, sender="Erin Walsh"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "get the selected messages back out of the trash",
        restore(R(TRASH, 0)),
        page=selected(0, folder=TRASH),
    ),
    # mark
    case(
        "mark",
        "ko",
        "안 읽은 메일 중 '결재' 들어간 거 읽음 처리",
        find(limit=20, words="결재", unread=True),
        mark(),
    ),
    case(
        "mark",
        "ko",
        "이 메일 읽음 표시해 줄래?",
        open_page(R("inbox", 2)),
        mark(R("inbox", 2)),
        page=item(index=2),
    ),
    case(
        "mark",
        "ko",
        "정민호님이 보낸 거 전부 안 읽음으로",
        find(limit=100, sender="정민호", unread=False),
        mark(read=False),
    ),
    case(
        "mark",
        "en",
        "mark every message from Jordan Blake unread",
        find(limit=100, sender="Jordan Blake", unread=False),
        mark(read=False),
    ),
    case(
        "mark",
        "en",
        "please mark these three as read",
        mark(R("inbox", 0), R("inbox", 1), R("inbox", 2)),
        page=selected(0, 1, 2),
    ),
    case("mark", "en", "mark the latest email read", find(limit=1, unread=True), mark()),
    # out of scope
    case("out_of_scope", "ko", "메일 서명 바꿔줘"),
    case("out_of_scope", "ko", "사내 메신저 공지 확인해줘"),
    case("out_of_scope", "ko", "코드 리뷰 해줘"),
    case("out_of_scope", "en", "change my email signature"),
    case("out_of_scope", "en", "unsubscribe me from Tech Weekly"),
    case("out_of_scope", "en", "write a poem about spring"),
]
