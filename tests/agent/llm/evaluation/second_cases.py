"""A second batch written after the planner, scored once before changing it (see the README)."""

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
SEOJUN = "seojun.lee@tenant1.example.com"
JIHYUN = "jihyun.park@tenant1.example.com"

SECOND: list[Case] = [
    # delete
    case(
        "delete",
        "ko",
        "정민호님이 보내신 메일 다 삭제해 주시겠어요?",
        find(limit=100, sender="정민호"),
        delete(),
    ),
    case(
        "delete",
        "ko",
        "메일함에서 가장 오래된 메일 네 통 정리해서 지워줘",
        find(limit=4, order="oldest"),
        delete(),
    ),
    case(
        "delete",
        "ko",
        "클라우드호스트 청구팀 메일 싹 지워",
        find(limit=100, sender="클라우드호스트 청구팀"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "Delete the 2 newest messages from Acme HR, please.",
        find(limit=2, sender="Acme HR"),
        delete(),
    ),
    case("delete", "en", "can you bin the oldest email?", find(limit=1, order="oldest"), delete()),
    case(
        "delete",
        "en",
        "trash this one",
        open_page(R("inbox", 1)),
        delete(R("inbox", 1)),
        page=item(index=1),
    ),
    # search
    case(
        "search", "ko", "최유나님이 보낸 메일 중 최신 거 3개 보여줘", find(limit=3, sender="최유나")
    ),
    case("search", "ko", "보낸 메일 중에 제일 최근 거 뭐야", find(folder="sent", limit=1)),
    case("search", "ko", "'결재' 라는 단어 들어간 메일 있어?", find(words="결재")),
    case("search", "en", "Has Jordan Blake written to me?", find(sender="Jordan Blake")),
    case("search", "en", "show me what's in the sent folder", find(folder="sent")),
    case("search", "en", "which emails are unread?", find(unread=True)),
    # summarise
    case(
        "summarise", "ko", "이 메일 한 줄로 요약해줘", open_page(R("inbox", 6)), page=item(index=6)
    ),
    case("summarise", "ko", "최근에 온 메일 두 개 요약 부탁", find(limit=2)),
    case(
        "summarise",
        "ko",
        "이서준님 메일 최근 거 읽어 줘",
        find(limit=1, sender="이서준"),
        open_mail(),
    ),
    case(
        "summarise", "en", "Summarize the mail I have open", open_page(R("inbox", 0)), page=item()
    ),
    case(
        "summarise",
        "en",
        "what did Carol Nguyen send me last?",
        find(limit=1, sender="Carol Nguyen"),
        open_mail(),
    ),
    case("summarise", "en", "sum up my three latest emails", find(limit=3)),
    # send
    case(
        "send",
        "ko",
        f"{SEOJUN}로 메일 보내 줘. 제목은 주간 보고, 내용은 첨부 파일 확인 부탁드립니다",
        send([SEOJUN], "주간 보고", "첨부 파일 확인 부탁드립니다"),
    ),
    case(
        "send",
        "ko",
        "박지현님한테 '오늘 점심 같이 해요' 메일 쏴줘",
        lookup("박지현"),
        send([JIHYUN], "오늘 점심 같이 해요", "오늘 점심 같이 해요"),
    ),
    case(
        "send",
        "ko",
        f"{JIHYUN} 에 '자료 잘 받았습니다' 라고 회신 보내줘",
        send([JIHYUN], "자료 잘 받았습니다", "자료 잘 받았습니다"),
    ),
    case(
        "send",
        "en",
        "email Erin Walsh: subject Offsite, message: Bus leaves at 8",
        lookup("Erin Walsh"),
        send(["erin.walsh@acme.example"], "Offsite", "Bus leaves at 8"),
    ),
    case(
        "send",
        "en",
        "send a quick email to carol.nguyen@acme.example saying the contract is signed",
        send(["carol.nguyen@acme.example"], "the contract is signed", "the contract is signed"),
    ),
    case(
        "send",
        "en",
        'Send David Kim an email with the subject "Demo" and the text "Moved to Friday"',
        lookup("David Kim"),
        send(["david.kim@acme.example"], "Demo", "Moved to Friday"),
    ),
    # restore
    case(
        "restore",
        "ko",
        "휴지통에서 정민호님이 보낸 거 다 복구",
        find(TRASH, limit=100, sender="정민호"),
        restore(),
    ),
    case(
        "restore", "ko", "선택한 거 복원해 줘", restore(R(TRASH, 0)), page=selected(0, folder=TRASH)
    ),
    case("restore", "ko", "방금 지운 메일 되살려 줘", find(TRASH, limit=1), restore()),
    case(
        "restore",
        "en",
        "move the email from Erin Walsh back to my inbox",
        find(TRASH, limit=1, sender="Erin Walsh"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "restore all invoices from the trash",
        find(TRASH, limit=100, words="invoice"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "pls restore the three most recently deleted emails",
        find(TRASH, limit=3),
        restore(),
    ),
    # mark
    case(
        "mark",
        "ko",
        "안 읽은 메일 중 오래된 거 2개 읽음으로 처리해줘",
        find(limit=2, order="oldest", unread=True),
        mark(),
    ),
    case(
        "mark",
        "ko",
        "이서준님이 보낸 메일 안읽음으로 표시",
        find(limit=20, sender="이서준", unread=False),
        mark(read=False),
    ),
    case(
        "mark",
        "ko",
        "열려 있는 메일 읽음 표시 부탁해요",
        open_page(R("inbox", 6)),
        mark(R("inbox", 6)),
        page=item(index=6),
    ),
    case(
        "mark",
        "en",
        "mark the selected email unread",
        mark(R("inbox", 5), read=False),
        page=selected(5),
    ),
    case(
        "mark",
        "en",
        "mark every email about invoices as read",
        find(limit=100, words="invoice", unread=True),
        mark(),
    ),
    case(
        "mark",
        "en",
        "Please mark the two oldest unread emails as read",
        find(limit=2, order="oldest", unread=True),
        mark(),
    ),
    # out of scope
    case("out_of_scope", "ko", "엑셀로 매출 그래프 그려줘"),
    case("out_of_scope", "ko", "택시 불러줘"),
    case("out_of_scope", "ko", "다음 주 회의 캘린더에서 찾아줘"),
    case("out_of_scope", "en", "find me a hotel in Seoul"),
    case("out_of_scope", "en", "remove the app from my phone"),
    case("out_of_scope", "en", "what's the capital of France?"),
]
