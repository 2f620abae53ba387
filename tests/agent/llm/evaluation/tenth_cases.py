"""A tenth batch written after the planner, scored once before changing it (see the README)."""

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

TENTH: list[Case] = [
    # delete
    case(
        "delete",
        "ko",
        "박지현님 메일 제일 오래된 거 2통 지워줘",
        find(limit=2, order="oldest", sender="박지현"),
        delete(),
    ),
    case(
        "delete", "ko", "안 읽은 메일 하나도 빠짐없이 삭제", find(limit=100, unread=True), delete()
    ),
    case("delete", "ko", "메일 일곱 개 삭제", find(limit=7), delete()),
    case("delete", "en", "delete the most recent email", find(limit=1), delete()),
    case(
        "delete",
        "en",
        "could you please trash the emails from Erin Walsh and Bob Lee",
        unclear=("Bob Lee",),  # two senders at once: never widened, said back instead
    ),
    case("delete", "en", "dlete the selected mail", delete(R("inbox", 0)), page=selected(0)),
    # search
    case(
        "search", "ko", "인사팀이 보낸 메일 중 읽은 것 보여줘", find(sender="인사팀", unread=False)
    ),
    case("search", "ko", "최근 2주 메일 보여줘", find(), unclear=("2주",)),
    case("search", "ko", "정민호님 메일 몇 통 왔어?", find(sender="정민호")),
    case("search", "en", "show me the emails Carol sent", find(sender="Carol")),
    case(
        "search",
        "en",
        "list the oldest three emails from Acme IT Security",
        find(limit=3, order="oldest", sender="Acme IT Security"),
    ),
    case("search", "en", "what's new in my inbox?", find(unread=True)),
    # summarise
    case(
        "summarise",
        "ko",
        "박지현님한테 마지막으로 받은 메일 요약해줘",
        find(limit=1, sender="박지현"),
        open_mail(),
    ),
    case(
        "summarise",
        "ko",
        "보고 있는 메일 세 문장으로 요약",
        open_page(R("inbox", 2)),
        page=item(index=2),
    ),
    case(
        "summarise",
        "ko",
        "가장 최근 안 읽은 메일 무슨 내용이에요?",
        find(limit=1, unread=True),
        open_mail(),
    ),
    case("summarise", "en", "summarize the two oldest emails", find(limit=2, order="oldest")),
    case(
        "summarise",
        "en",
        "what did Erin Walsh say in her latest email?",
        find(limit=1, sender="Erin Walsh"),
        open_mail(),
    ),
    case("summarise", "en", "skim this email for me", open_page(R("inbox", 5)), page=item(index=5)),
    # send
    case(
        "send",
        "ko",
        "이서준님에게 메일 보내 줘 '내일 출근 못 합니다'",
        lookup("이서준"),
        send([SEOJUN], "내일 출근 못 합니다", "내일 출근 못 합니다"),
    ),
    case(
        "send",
        "ko",
        f'{YUNA} 에게 제목은 "보고" 내용은 "완료했습니다" 로 보내 주세요',
        send([YUNA], "보고", "완료했습니다"),
    ),
    case(
        "send",
        "ko",
        "최유나님께 휴가 신청 메일 보내줘",
        lookup("최유나"),
        send([YUNA], "휴가 신청", "휴가 신청"),
    ),
    case(
        "send",
        "en",
        "send an email to Bob Lee saying welcome to the team",
        lookup("Bob Lee"),
        send(["bob@acme.example"], "welcome to the team", "welcome to the team"),
    ),
    case(
        "send",
        "en",
        "email harin.song@acme.example, subject: Orion, text: kickoff Monday 10am",
        send(["harin.song@acme.example"], "Orion", "kickoff Monday 10am"),
    ),
    case(
        "send",
        "en",
        "shoot an email over to carol.nguyen@acme.example saying thanks!",
        send(["carol.nguyen@acme.example"], "thanks!", "thanks!"),
    ),
    # restore
    case(
        "restore",
        "ko",
        "휴지통 비우지 말고 거기 있는 메일 전부 복구해줘",
        find(TRASH, limit=100),
        restore(),
    ),
    case(
        "restore",
        "ko",
        "실수로 지운 최유나님 메일 복구",
        find(TRASH, limit=20, sender="최유나"),
        restore(),
    ),
    case("restore", "ko", "휴지통 맨 위 메일 복구해줘", find(TRASH, limit=1), restore()),
    case(
        "restore",
        "en",
        "restore the mails from Priya Raman (Contoso)",
        find(TRASH, limit=20, sender="Priya Raman"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "put back the 2 latest emails from the bin",
        find(TRASH, limit=2),
        restore(),
    ),
    case(
        "restore",
        "en",
        "recover this",
        open_page(R(TRASH, 0)),
        restore(R(TRASH, 0)),
        page=item(TRASH, 0),
    ),
    # mark
    case(
        "mark",
        "ko",
        "이서준님이 보낸 안 읽은 메일 전부 읽음으로 해 줘",
        find(limit=100, sender="이서준", unread=True),
        mark(),
    ),
    case(
        "mark",
        "ko",
        "이 메일 읽은 걸로 표시해줘",
        open_page(R("inbox", 6)),
        mark(R("inbox", 6)),
        page=item(index=6),
    ),
    case("mark", "ko", "방금 온 메일 안 읽음 처리", find(limit=1, unread=False), mark(read=False)),
    case(
        "mark",
        "en",
        "mark emails from Acme IT Security as read",
        find(limit=20, sender="Acme IT Security", unread=True),
        mark(),
    ),
    case(
        "mark",
        "en",
        "mark both selected emails as unread",
        mark(R("inbox", 1), R("inbox", 4), read=False),
        page=selected(1, 4),
    ),
    case("mark", "en", "mark the five latest messages read", find(limit=5, unread=True), mark()),
    # out of scope
    case("out_of_scope", "ko", "카카오톡으로 박지현님께 보내줘"),
    case("out_of_scope", "ko", "회의 녹음 파일 요약해줘"),
    case("out_of_scope", "ko", "오늘 뉴스 검색해줘"),
    case("out_of_scope", "en", "text Bob that I'm late"),
    case("out_of_scope", "en", "find cheap flights for next week"),
    case("out_of_scope", "en", "delete all my photos"),
]
