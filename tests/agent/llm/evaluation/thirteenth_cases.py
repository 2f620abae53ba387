"""A thirteenth batch written after the planner, scored once before changing it (see the README)."""

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
SEOJUN = "seojun.lee@tenant1.example.com"

THIRTEENTH: list[Case] = [
    # delete
    case(
        "delete",
        "ko",
        "가장 최근에 받은 안 읽은 메일 한 개 지워 줘요",
        find(limit=1, unread=True),
        delete(),
    ),
    case(
        "delete",
        "ko",
        "OfficePlus Billing 메일 삭제해 주세요",
        find(limit=20, sender="OfficePlus Billing"),
        delete(),
    ),
    case("delete", "ko", "선택 메일 삭제", delete(R("inbox", 10)), page=selected(10)),
    case("delete", "en", "delete four emails", find(limit=4), delete()),
    case(
        "delete",
        "en",
        "Please delete the newest email from Carol Nguyen.",
        find(limit=1, sender="Carol Nguyen"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "trash all read mails from Acme HR",
        find(limit=100, unread=False, sender="Acme HR"),
        delete(),
    ),
    # search
    case("search", "ko", "안 읽은 메일 몇 통 있는지 보여줘", find(unread=True)),
    case("search", "ko", "최유나님께 온 최신 메일 2통", find(limit=2, sender="최유나")),
    case("search", "ko", "보낸 편지함 열어줘", find(folder="sent")),
    case("search", "en", "Show me Tech Weekly's newsletters", find(sender="Tech Weekly")),
    case("search", "en", "list my emails from oldest to newest", find(order="oldest")),
    case(
        "search", "en", "any messages from Erin in the trash?", find(folder="trash", sender="Erin")
    ),
    # summarise
    case("summarise", "ko", "요약해 줄래 이 메일", open_page(R("inbox", 8)), page=item(index=8)),
    case("summarise", "ko", "인사팀에서 온 최근 메일 2개 요약", find(limit=2, sender="인사팀")),
    case(
        "summarise",
        "ko",
        "선택한 메일 무슨 내용인지 알려줘",
        open_mail(R("inbox", 11)),
        page=selected(11),
    ),
    case(
        "summarise",
        "en",
        "summary of the latest unread email from Carol please",
        find(limit=1, unread=True, sender="Carol"),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "tell me what this mail says",
        open_page(R("inbox", 9)),
        page=item(index=9),
    ),
    case(
        "summarise",
        "en",
        "what was the oldest email about?",
        find(limit=1, order="oldest"),
        open_mail(),
    ),
    # send
    case(
        "send",
        "ko",
        f"{YUNA}께 '서류 제출 완료' 라고 보내드려",
        send([YUNA], "서류 제출 완료", "서류 제출 완료"),
    ),
    case(
        "send",
        "ko",
        "이서준님께 메일 보내줘, 내용은 오늘 야근합니다",
        lookup("이서준"),
        send([SEOJUN], "오늘 야근합니다", "오늘 야근합니다"),
    ),
    case(
        "send",
        "ko",
        f"{SEOJUN}에게 '점심 뭐 드실래요?'",
        send([SEOJUN], "점심 뭐 드실래요?", "점심 뭐 드실래요?"),
    ),
    case(
        "send",
        "en",
        "mail Erin Walsh: subject Visa, body documents are ready",
        lookup("Erin Walsh"),
        send(["erin.walsh@acme.example"], "Visa", "documents are ready"),
    ),
    case(
        "send",
        "en",
        "send david.kim@acme.example a note that says 'call me back'",
        send(["david.kim@acme.example"], "call me back", "call me back"),
    ),
    case(
        "send",
        "en",
        "drop carol.nguyen@acme.example an email saying the invoice was paid",
        send(["carol.nguyen@acme.example"], "the invoice was paid", "the invoice was paid"),
    ),
    # restore
    case(
        "restore",
        "ko",
        "휴지통에서 박지현님 메일 하나만 살려",
        find(TRASH, limit=1, sender="박지현"),
        restore(),
    ),
    case("restore", "ko", "지운 메일 전부 되돌려", find(TRASH, limit=100), restore()),
    case(
        "restore",
        "ko",
        "이 메일 삭제 취소해줘",
        open_page(R(TRASH, 2)),
        restore(R(TRASH, 2)),
        page=item(TRASH, 2),
    ),
    case(
        "restore",
        "en",
        "recover deleted emails from Acme IT Security",
        find(TRASH, limit=20, sender="Acme IT Security"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "move the selected mail back to the inbox",
        restore(R(TRASH, 1)),
        page=selected(1, folder=TRASH),
    ),
    case(
        "restore", "en", "restore the four newest deleted emails", find(TRASH, limit=4), restore()
    ),
    # mark
    case(
        "mark",
        "ko",
        "박지현님 메일 전부 읽었다고 체크해 줘",
        find(limit=100, sender="박지현", unread=True),
        mark(),
    ),
    case("mark", "ko", "안읽은 메일 두개만 읽음으로", find(limit=2, unread=True), mark()),
    case(
        "mark",
        "ko",
        "선택된 메일 읽지 않음 처리",
        mark(R("inbox", 5), read=False),
        page=selected(5),
    ),
    case(
        "mark", "en", "mark every email in my inbox as read", find(limit=100, unread=True), mark()
    ),
    case(
        "mark",
        "en",
        "mark this email unread please",
        open_page(R("inbox", 7)),
        mark(R("inbox", 7), read=False),
        page=item(index=7),
    ),
    case(
        "mark",
        "en",
        "mark the latest 2 from Carol as read",
        find(limit=2, sender="Carol", unread=True),
        mark(),
    ),
    # out of scope
    case("out_of_scope", "ko", "휴지통 메일 영구 삭제해줘"),
    case("out_of_scope", "ko", "화상 회의 잡아줘"),
    case("out_of_scope", "ko", "프린터로 출력해줘"),
    case("out_of_scope", "en", "permanently delete the trash"),
    case("out_of_scope", "en", "schedule a meeting with Carol"),
    case("out_of_scope", "en", "print this email"),
]
