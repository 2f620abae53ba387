"""An eleventh batch written after the planner, scored once before changing it (see the README)."""

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
JIEUN = "jieun.lee@hanbit-consulting.example.kr"
MINHO = "minho.jung@tenant1.example.com"

ELEVENTH: list[Case] = [
    # delete
    case(
        "delete",
        "ko",
        "이지은 (한빛컨설팅)님께서 보내신 메일 중 가장 오래된 한 통만 지워 주세요",
        find(limit=1, order="oldest", sender="이지은"),
        delete(),
    ),
    case(
        "delete", "ko", "안 읽은 메일 최신순으로 여섯 개 삭제", find(limit=6, unread=True), delete()
    ),
    case("delete", "ko", "셋만 지워", find(limit=3), delete()),
    case(
        "delete",
        "en",
        "delete my twelve oldest read emails",
        find(limit=12, order="oldest", unread=False),
        delete(),
    ),
    case(
        "delete",
        "en",
        "delete the emails from Jordan Blake (Northwind), oldest first, just two",
        find(limit=2, order="oldest", sender="Jordan Blake"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "bin a couple of unread ones from Tech Weekly",
        find(limit=2, unread=True, sender="Tech Weekly"),
        delete(),
    ),
    # search
    case("search", "ko", "이지은님한테서 메일 온 적 있어?", find(sender="이지은")),
    case("search", "ko", "제일 처음 받은 메일이 뭐였지", find(limit=1, order="oldest")),
    case(
        "search", "ko", "정민호 님이 보낸 메일 최근 것부터 세 개만", find(limit=3, sender="정민호")
    ),
    case("search", "en", "has Priya Raman emailed me recently?", find(sender="Priya Raman")),
    case("search", "en", "which mail came in last?", find(limit=1)),
    case(
        "search",
        "en",
        "find three unread emails about Aura",
        find(limit=3, unread=True, words="Aura"),
    ),
    # summarise
    case("summarise", "ko", "요약 ㄱ", open_page(R("inbox", 3)), page=item(index=3)),
    case("summarise", "ko", "최근 메일 세 통 내용 간단히", find(limit=3)),
    case(
        "summarise",
        "ko",
        "이서준님이 마지막에 보낸 메일 뭐라는지 봐줘",
        find(limit=1, sender="이서준"),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "tl;dr the email from David Kim",
        find(limit=1, sender="David Kim"),
        open_mail(),
    ),
    case("summarise", "en", "sum up this message", open_page(R("inbox", 1)), page=item(index=1)),
    case(
        "summarise",
        "en",
        "what do the selected emails say?",
        open_mail(R("inbox", 2)),
        open_mail(R("inbox", 3)),
        page=selected(2, 3),
    ),
    # send
    case(
        "send",
        "ko",
        f"{JIEUN}으로 제목은 견적 문의 내용은 견적서 부탁드립니다 메일 보내줘",
        send([JIEUN], "견적 문의", "견적서 부탁드립니다"),
    ),
    case(
        "send",
        "ko",
        "정민호님께 메시지: 회의 10분 늦습니다 로 메일 전해 주세요",
        lookup("정민호"),
        send([MINHO], "회의 10분 늦습니다", "회의 10분 늦습니다"),
    ),
    case(
        "send",
        "ko",
        f"{MINHO}에게 제목 주간보고/본문 첨부 확인 바랍니다 메일 발송",
        send([MINHO], "주간보고", "첨부 확인 바랍니다"),
    ),
    case(
        "send",
        "en",
        "send an email titled Budget Q4 to carol.nguyen@acme.example saying the draft is ready",
        send(["carol.nguyen@acme.example"], "Budget Q4", "the draft is ready"),
    ),
    case(
        "send",
        "en",
        "fire off a mail to bob@acme.example: text: see you at 5",
        send(["bob@acme.example"], "see you at 5", "see you at 5"),
    ),
    case(
        "send",
        "en",
        "ping david.kim@acme.example by email saying the server is down",
        send(["david.kim@acme.example"], "the server is down", "the server is down"),
    ),
    # restore
    case(
        "restore",
        "ko",
        "'INV' 들어간 메일 휴지통에서 살려줘",
        find(TRASH, limit=20, words="INV"),
        restore(),
        mailbox="alice",
    ),
    case(
        "restore",
        "ko",
        "휴지통에서 Erin Walsh님 메일 꺼내줘",
        find(TRASH, limit=20, sender="Erin Walsh"),
        restore(),
        mailbox="alice",
    ),
    case(
        "restore",
        "ko",
        "선택한 것 좀 복구해 줄래",
        restore(R(TRASH, 4)),
        page=selected(4, folder=TRASH),
    ),
    case(
        "restore",
        "en",
        "restore every deleted email about Phoenix",
        find(TRASH, limit=100, words="Phoenix"),
        restore(),
    ),
    case("restore", "en", "bring the last deleted mail back pls", find(TRASH, limit=1), restore()),
    case(
        "restore",
        "en",
        "restore the two messages from Acme IT Security",
        find(TRASH, limit=2, sender="Acme IT Security"),
        restore(),
    ),
    # mark
    case(
        "mark",
        "ko",
        "'결재' 메일 전부 읽음 처리",
        find(limit=100, words="결재", unread=True),
        mark(),
    ),
    case(
        "mark",
        "ko",
        "이지은님 메일 안 읽음으로 바꿔줘",
        find(limit=20, sender="이지은", unread=False),
        mark(read=False),
    ),
    case(
        "mark",
        "ko",
        "선택한 세 개 읽음 표시",
        mark(R("inbox", 0), R("inbox", 1), R("inbox", 2)),
        page=selected(0, 1, 2),
    ),
    case(
        "mark",
        "en",
        "mark the unread emails about the Aura rollout as read",
        find(limit=20, words="Aura rollout", unread=True),
        mark(),
    ),
    case(
        "mark",
        "en",
        "mark 2 oldest unread as read",
        find(limit=2, order="oldest", unread=True),
        mark(),
    ),
    case(
        "mark",
        "en",
        "mark everything Carol sent as read",
        find(limit=100, sender="Carol", unread=True),
        mark(),
    ),
    # out of scope
    case("out_of_scope", "ko", "파일 찾아서 삭제해줘"),
    case("out_of_scope", "ko", "슬랙 메시지 요약해줘"),
    case("out_of_scope", "ko", "내일 일정 알려줘"),
    case("out_of_scope", "en", "search for the budget spreadsheet on the drive"),
    case("out_of_scope", "en", "delete the meeting invite from my calendar"),
    case("out_of_scope", "en", "summarize this web page"),
]
