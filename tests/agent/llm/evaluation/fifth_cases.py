"""A fifth batch written after the planner, scored once before changing it (see the README)."""

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
JIEUN = "jieun.lee@hanbit-consulting.example.kr"

FIFTH: list[Case] = [
    # delete
    case(
        "delete",
        "ko",
        "이서준 님께서 보내주신 메일 중 읽은 것 전부 지워 줘",
        find(limit=100, sender="이서준", unread=False),
        delete(),
    ),
    case("delete", "ko", "가장 최신 메일 한 통만 삭제 부탁드려요~", find(limit=1), delete()),
    case(
        "delete",
        "ko",
        "지금 열린 메일 삭제해",
        open_page(R("inbox", 2)),
        delete(R("inbox", 2)),
        page=item(index=2),
    ),
    case(
        "delete",
        "en",
        "please delete the four oldest messages in my inbox",
        find(limit=4, order="oldest"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "delete any emails from Acme IT Security",
        find(limit=20, sender="Acme IT Security"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "Could you remove the three latest unread emails from Carol Nguyen?",
        find(limit=3, unread=True, sender="Carol Nguyen"),
        delete(),
    ),
    # search
    case("search", "ko", "이지은 (한빛컨설팅) 님께 받은 메일 보여줘", find(sender="이지은")),
    case("search", "ko", "지난번에 보낸 메일 목록 좀 보여줘", find(folder="sent")),
    case("search", "ko", "안 읽은 메일 가장 최근 것 2개", find(limit=2, unread=True)),
    case(
        "search",
        "en",
        "what are my 3 oldest unread mails?",
        find(limit=3, order="oldest", unread=True),
    ),
    case("search", "en", "Did anyone from Northwind email me?", find(sender="Northwind")),
    case("search", "en", "find the emails with 'invoice' in them", find(words="invoice")),
    # summarise
    case(
        "summarise",
        "ko",
        "최유나님 최근 메일 무슨 내용이야",
        find(limit=1, sender="최유나"),
        open_mail(),
    ),
    case("summarise", "ko", "지금 보는 메일 요약", open_page(R("inbox", 4)), page=item(index=4)),
    case(
        "summarise",
        "ko",
        "선택한 거 요약해 줄래?",
        open_mail(R("inbox", 5)),
        open_mail(R("inbox", 6)),
        page=selected(5, 6),
    ),
    case(
        "summarise",
        "en",
        "Can you give me the gist of this?",
        open_page(R("inbox", 1)),
        page=item(index=1),
    ),
    case(
        "summarise",
        "en",
        "summarise the 2 latest mails from Tech Weekly",
        find(limit=2, sender="Tech Weekly"),
    ),
    case(
        "summarise",
        "en",
        "what does the oldest email say",
        find(limit=1, order="oldest"),
        open_mail(),
    ),
    # send
    case(
        "send",
        "ko",
        f"{YUNA}로 메일 보내줘: 제목 '주간 회의', 내용 '금요일로 변경합니다'",
        send([YUNA], "주간 회의", "금요일로 변경합니다"),
    ),
    case(
        "send",
        "ko",
        "이지은님께 '계약서 검토 중입니다'라는 메일 보내드려",
        lookup("이지은"),
        send([JIEUN], "계약서 검토 중입니다", "계약서 검토 중입니다"),
    ),
    case(
        "send",
        "ko",
        f"{YUNA} 앞으로 메일 발송. 제목은 예산, 본문은 승인되었습니다",
        send([YUNA], "예산", "승인되었습니다"),
    ),
    case(
        "send",
        "en",
        "Send an email to bob@acme.example: Subject: Standup. Body: Moved to 10am.",
        send(["bob@acme.example"], "Standup", "Moved to 10am."),
    ),
    case(
        "send",
        "en",
        "please email david.kim@acme.example and say I'll send the deck tonight",
        send(
            ["david.kim@acme.example"], "I'll send the deck tonight", "I'll send the deck tonight"
        ),
    ),
    case(
        "send",
        "en",
        "compose a mail to Carol Nguyen with subject Review and body Please check section 2",
        lookup("Carol Nguyen"),
        send(["carol.nguyen@acme.example"], "Review", "Please check section 2"),
    ),
    # restore
    case(
        "restore",
        "ko",
        "휴지통에서 Priya Raman 메일 꺼내 줄래",
        find(TRASH, limit=20, sender="Priya Raman"),
        restore(),
        mailbox="alice",
    ),
    case("restore", "ko", "삭제한 메일 전부 원상복구", find(TRASH, limit=100), restore()),
    case(
        "restore",
        "ko",
        "선택한 메일 휴지통에서 빼줘",
        restore(R(TRASH, 1)),
        page=selected(1, folder=TRASH),
    ),
    case("restore", "en", "undo the deletion of the last email", find(TRASH, limit=1), restore()),
    case("restore", "en", "restore all mails from the bin", find(TRASH, limit=100), restore()),
    case(
        "restore",
        "en",
        "please recover the email about the Phoenix report",
        find(TRASH, limit=1, words="Phoenix report"),
        restore(),
    ),
    # mark
    case(
        "mark", "ko", "최근 메일 세 개 안 읽음 표시", find(limit=3, unread=False), mark(read=False)
    ),
    case(
        "mark",
        "ko",
        "인사팀에서 온 거 다 읽음으로 바꿔줘",
        find(limit=100, sender="인사팀", unread=True),
        mark(),
    ),
    case(
        "mark",
        "ko",
        "열린 메일 읽음 처리 좀",
        open_page(R("inbox", 6)),
        mark(R("inbox", 6)),
        page=item(index=6),
    ),
    case(
        "mark",
        "en",
        "mark emails from Bob Lee as unread",
        find(limit=20, sender="Bob Lee", unread=False),
        mark(read=False),
    ),
    case(
        "mark",
        "en",
        "mark all of these as unread",
        mark(R("inbox", 0), R("inbox", 2), read=False),
        page=selected(0, 2),
    ),
    case(
        "mark",
        "en",
        "mark my unread emails about phishing as read",
        find(limit=20, words="phishing", unread=True),
        mark(),
    ),
    # out of scope
    case("out_of_scope", "ko", "이번 주 날씨 알려줘"),
    case("out_of_scope", "ko", "주소록에서 김철수 찾아줘"),
    case("out_of_scope", "ko", "노트북 파일 정리해줘"),
    case("out_of_scope", "en", "delete the photos from last year"),
    case("out_of_scope", "en", "find a recipe for kimchi"),
    case("out_of_scope", "en", "send a WhatsApp to Jordan"),
]
