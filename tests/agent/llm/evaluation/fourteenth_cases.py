"""A fourteenth batch written after the planner, scored once before changing it (see the README)."""

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

FOURTEENTH: list[Case] = [
    # delete
    case(
        "delete",
        "ko",
        "받은 메일 중 제일 오래된 메일 세 통 지워주실래요",
        find(limit=3, order="oldest"),
        delete(),
    ),
    case(
        "delete", "ko", "정민호 팀장님 메일 하나만 삭제", find(limit=1, sender="정민호"), delete()
    ),
    case(
        "delete",
        "ko",
        "지금 이 메일 휴지통으로",
        open_page(R("inbox", 3)),
        delete(R("inbox", 3)),
        page=item(index=3),
    ),
    case(
        "delete", "en", "Delete the three newest unread mails", find(limit=3, unread=True), delete()
    ),
    case(
        "delete",
        "en",
        "please throw away the emails from Jordan Blake",
        find(limit=20, sender="Jordan Blake"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "delete what I selected",
        delete(R("inbox", 1), R("inbox", 2)),
        page=selected(1, 2),
    ),
    # search
    case(
        "search",
        "ko",
        "박지현님한테 온 메일 중에 안 읽은 거 세 개",
        find(limit=3, sender="박지현", unread=True),
    ),
    case("search", "ko", "'Atlas' 관련된 메일 목록", find(words="Atlas")),
    case(
        "search", "ko", "가장 오래된 보낸 메일 보여줘", find(folder="sent", limit=1, order="oldest")
    ),
    case("search", "en", "who emailed me most recently?", find(limit=1)),
    case(
        "search",
        "en",
        "show the mails in the trash from Acme IT Security",
        find(folder="trash", sender="Acme IT Security"),
    ),
    case("search", "en", "find the last 4 emails about invoices", find(limit=4, words="invoice")),
    # summarise
    case("summarise", "ko", "최근 메일 하나 요약 부탁합니다", find(limit=1), open_mail()),
    case(
        "summarise", "ko", "정민호님 마지막 메일 요약", find(limit=1, sender="정민호"), open_mail()
    ),
    case("summarise", "ko", "이 메일 어떤 내용이야", open_page(R("inbox", 0)), page=item()),
    case(
        "summarise",
        "en",
        "what's in the newest email from Erin?",
        find(limit=1, sender="Erin"),
        open_mail(),
    ),
    case("summarise", "en", "summarize my last three emails", find(limit=3)),
    case(
        "summarise", "en", "explain this email to me", open_page(R("inbox", 4)), page=item(index=4)
    ),
    # send
    case(
        "send",
        "ko",
        "박지현님께 '결재 올렸습니다' 라고 알려줘",
        lookup("박지현"),
        send([JIHYUN], "결재 올렸습니다", "결재 올렸습니다"),
    ),
    case(
        "send",
        "ko",
        f"{MINHO}로 메일. 제목: 출장 / 본문: 다음 주 화요일 출발",
        send([MINHO], "출장", "다음 주 화요일 출발"),
    ),
    case(
        "send",
        "ko",
        "정민호님에게 이메일로 '확인 부탁드립니다' 보내",
        lookup("정민호"),
        send([MINHO], "확인 부탁드립니다", "확인 부탁드립니다"),
    ),
    case(
        "send",
        "en",
        "send Bob Lee a mail with subject Onboarding and body Your laptop is ready",
        lookup("Bob Lee"),
        send(["bob@acme.example"], "Onboarding", "Your laptop is ready"),
    ),
    case(
        "send",
        "en",
        "email to carol.nguyen@acme.example: 'Meeting notes attached'",
        send(["carol.nguyen@acme.example"], "Meeting notes attached", "Meeting notes attached"),
    ),
    case(
        "send",
        "en",
        "tell erin.walsh@acme.example by email that the taxi is booked",
        send(["erin.walsh@acme.example"], "the taxi is booked", "the taxi is booked"),
    ),
    # restore
    case(
        "restore",
        "ko",
        "휴지통에 있는 정민호님 메일 전부 복구",
        find(TRASH, limit=100, sender="정민호"),
        restore(),
    ),
    case("restore", "ko", "지운 메일 가장 최근 거 세 개 복원해줘", find(TRASH, limit=3), restore()),
    case(
        "restore",
        "ko",
        "선택한 거 되살려줘",
        restore(R(TRASH, 3), R(TRASH, 4)),
        page=selected(3, 4, folder=TRASH),
    ),
    case(
        "restore",
        "en",
        "restore the deleted invoice emails",
        find(TRASH, limit=20, words="invoice"),
        restore(),
    ),
    case("restore", "en", "un-delete the last email", find(TRASH, limit=1), restore()),
    case(
        "restore",
        "en",
        "I need the mail from Erin Walsh back",
        find(TRASH, limit=1, sender="Erin Walsh"),
        restore(),
    ),
    # mark
    case("mark", "ko", "모든 안 읽은 메일 읽음 표시", find(limit=100, unread=True), mark()),
    case(
        "mark",
        "ko",
        "이 메일은 안 읽은 걸로 남겨줘",
        open_page(R("inbox", 5)),
        mark(R("inbox", 5), read=False),
        page=item(index=5),
    ),
    case(
        "mark",
        "ko",
        "인사팀 메일 다 읽음으로 해줘",
        find(limit=100, sender="인사팀", unread=True),
        mark(),
    ),
    case(
        "mark",
        "en",
        "mark them all as read",
        mark(R("inbox", 0), R("inbox", 1)),
        page=selected(0, 1),
    ),
    case(
        "mark",
        "en",
        "mark the newsletter from Tech Weekly as unread",
        find(limit=1, sender="Tech Weekly", unread=False),
        mark(read=False),
    ),
    case(
        "mark",
        "en",
        "mark all emails about phishing read",
        find(limit=100, words="phishing", unread=True),
        mark(),
    ),
    # out of scope
    case("out_of_scope", "ko", "메일 서버 설정 바꿔줘"),
    case("out_of_scope", "ko", "엑셀 보고서 만들어줘"),
    case("out_of_scope", "ko", "오늘 점심 뭐 먹지"),
    case("out_of_scope", "en", "forward all my emails to my personal address"),
    case("out_of_scope", "en", "set up an auto-reply"),
    case("out_of_scope", "en", "block emails from Tech Weekly"),
]
