"""A seventh batch written after the planner, scored once before changing it (see the README)."""

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
YUNA = "yuna.choi@tenant1.example.com"

SEVENTH: list[Case] = [
    # delete
    case("delete", "ko", "받은편지함 맨 위에 있는 메일 2개 지워", find(limit=2), delete()),
    case(
        "delete",
        "ko",
        "'청구서' 들어간 메일 싹 다 삭제해 주세요",
        find(limit=100, words="청구서"),
        delete(),
    ),
    case(
        "delete",
        "ko",
        "선택한 메일 지워버려",
        delete(R("inbox", 4), R("inbox", 5)),
        page=selected(4, 5),
    ),
    case(
        "delete",
        "en",
        "Delete all the unread newsletters",
        find(limit=100, unread=True, words="newsletter"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "remove the latest email from David",
        find(limit=1, sender="David"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "wipe every message from Tech Weekly",
        find(limit=100, sender="Tech Weekly"),
        delete(),
    ),
    # search
    case("search", "ko", "정민호님께서 보낸 메일 있는지 확인해 줘", find(sender="정민호")),
    case("search", "ko", "받은 메일 오래된 순으로 다섯 개", find(limit=5, order="oldest")),
    case("search", "ko", "휴지통에 최유나님 메일 있어?", find(folder="trash", sender="최유나")),
    case(
        "search", "en", "Are there any unread emails from Carol?", find(sender="Carol", unread=True)
    ),
    case(
        "search",
        "en",
        "show all emails from Acme IT Security",
        find(limit=100, sender="Acme IT Security"),
    ),
    case(
        "search",
        "en",
        "which is my oldest email from David Kim?",
        find(limit=1, order="oldest", sender="David Kim"),
    ),
    # summarise
    case("summarise", "ko", "제일 최근 거 요약", find(limit=1), open_mail()),
    case(
        "summarise", "ko", "선택된 메일 요약본 만들어줘", open_mail(R("inbox", 9)), page=selected(9)
    ),
    case(
        "summarise", "ko", "이지은님 메일 읽어 주세요", find(limit=1, sender="이지은"), open_mail()
    ),
    case(
        "summarise",
        "en",
        "summarize my newest unread message",
        find(limit=1, unread=True),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "what is this email saying?",
        open_page(R("inbox", 8)),
        page=item(index=8),
    ),
    case("summarise", "en", "give me a summary", open_page(R("inbox", 3)), page=item(index=3)),
    # send
    case(
        "send",
        "ko",
        "박지현님께 메일 보내줘. 제목: 회의록 / 내용: 오늘 회의록 첨부합니다",
        lookup("박지현"),
        send([JIHYUN], "회의록", "오늘 회의록 첨부합니다"),
    ),
    case(
        "send",
        "ko",
        f"{YUNA}에게 답장: '확인했습니다, 감사합니다'",
        send([YUNA], "확인했습니다, 감사합니다", "확인했습니다, 감사합니다"),
    ),
    case(
        "send",
        "ko",
        "최유나님께 '내일 휴가 씁니다' 보내줘",
        lookup("최유나"),
        send([YUNA], "내일 휴가 씁니다", "내일 휴가 씁니다"),
    ),
    case(
        "send",
        "en",
        "send an email to harin.song@acme.example with the subject 'Orion' "
        "saying 'Kickoff moved to Monday'",
        send(["harin.song@acme.example"], "Orion", "Kickoff moved to Monday"),
    ),
    case(
        "send",
        "en",
        "reply to David Kim saying sounds good",
        lookup("David Kim"),
        send(["david.kim@acme.example"], "sounds good", "sounds good"),
    ),
    case(
        "send",
        "en",
        "email bob@acme.example: 'Can you cover for me tomorrow?'",
        send(
            ["bob@acme.example"], "Can you cover for me tomorrow?", "Can you cover for me tomorrow?"
        ),
    ),
    # restore
    case("restore", "ko", "휴지통에서 제일 최근 메일 복구", find(TRASH, limit=1), restore()),
    case(
        "restore",
        "ko",
        "최유나님이 보낸 메일 휴지통에서 되찾아줘",
        find(TRASH, limit=20, sender="최유나"),
        restore(),
    ),
    case(
        "restore",
        "ko",
        "삭제된 '보고서' 메일 다시 살려 줘",
        find(TRASH, limit=20, words="보고서"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "get back the email I deleted from Erin Walsh",
        find(TRASH, limit=1, sender="Erin Walsh"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "restore the 3 oldest deleted emails",
        find(TRASH, limit=3, order="oldest"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "Restore these messages",
        restore(R(TRASH, 0), R(TRASH, 1)),
        page=selected(0, 1, folder=TRASH),
    ),
    # mark
    case(
        "mark",
        "ko",
        "이 메일 안 읽은 걸로 해줘",
        open_page(R("inbox", 0)),
        mark(R("inbox", 0), read=False),
        page=item(),
    ),
    case(
        "mark",
        "ko",
        "최유나님 메일 다 읽음 표시 해 주세요",
        find(limit=100, sender="최유나", unread=True),
        mark(),
    ),
    case(
        "mark",
        "ko",
        "오래된 안 읽은 메일 세 개 읽음으로 바꿔줘",
        find(limit=3, order="oldest", unread=True),
        mark(),
    ),
    case(
        "mark",
        "en",
        "mark every unread email from Carol as read",
        find(limit=100, sender="Carol", unread=True),
        mark(),
    ),
    case(
        "mark",
        "en",
        "set the selected messages to read",
        mark(R("inbox", 0), R("inbox", 4)),
        page=selected(0, 4),
    ),
    case(
        "mark",
        "en",
        "mark the mail I'm reading as unread",
        open_page(R("inbox", 2)),
        mark(R("inbox", 2), read=False),
        page=item(index=2),
    ),
    # out of scope
    case("out_of_scope", "ko", "회의실 예약 취소해줘"),
    case("out_of_scope", "ko", "이 엑셀 파일 삭제해줘"),
    case("out_of_scope", "ko", "달러 환율 검색"),
    case("out_of_scope", "en", "order new office chairs"),
    case("out_of_scope", "en", "search Google for Aura docs"),
    case("out_of_scope", "en", "delete my account"),
]
