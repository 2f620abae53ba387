"""Requests added after the planner was built, each scored once before any change to it.

Their first run is the README's figure for sentences the planner was not built around; fixes
made afterwards keep them here as regression cases like the rest.
"""

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

LATER: list[Case] = [
    # delete
    case("delete", "ko", "받은 메일함에서 제일 최근 거 두 개 지워 줄래요", find(limit=2), delete()),
    case(
        "delete",
        "ko",
        "최유나 님 메일 중에 읽은 것만 모두 삭제",
        find(limit=100, sender="최유나", unread=False),
        delete(),
    ),
    case(
        "delete",
        "ko",
        "지금 보고 있는 메일 휴지통에 넣어줘",
        open_page(R("inbox", 5)),
        delete(R("inbox", 5)),
        page=item(index=5),
    ),
    case(
        "delete",
        "en",
        "Please trash the two oldest unread emails",
        find(limit=2, order="oldest", unread=True),
        delete(),
    ),
    case(
        "delete",
        "en",
        "delete everything Erin Walsh sent me",
        find(limit=100, sender="Erin Walsh"),
        delete(),
    ),
    case(
        "delete",
        "en",
        "remove the emails I've selected",
        delete(R("inbox", 0), R("inbox", 6)),
        page=selected(0, 6),
    ),
    # search
    case(
        "search",
        "ko",
        "이서준 님한테서 온 안 읽은 메일 보여 줘",
        find(sender="이서준", unread=True),
    ),
    case("search", "ko", "휴지통 목록 좀", find(folder="trash")),
    case(
        "search",
        "ko",
        "제일 오래된 안 읽은 메일이 뭐지?",
        find(limit=1, order="oldest", unread=True),
    ),
    case(
        "search",
        "en",
        "anything from Carol Nguyen this week?",
        find(sender="Carol Nguyen"),
        unclear=("this week",),
    ),
    case("search", "en", "list the 4 oldest emails in my inbox", find(limit=4, order="oldest")),
    case("search", "en", "look for mails mentioning Orion", find(words="Orion")),
    # summarise
    case(
        "summarise",
        "ko",
        "박지현님이 마지막으로 보낸 메일 내용 요약해줘",
        find(limit=1, sender="박지현"),
        open_mail(),
    ),
    case(
        "summarise",
        "ko",
        "열려 있는 메일 간단히 요약",
        open_page(R("inbox", 3)),
        page=item(index=3),
    ),
    case("summarise", "ko", "안 읽은 메일들 뭐 있는지 요약해줘", find(limit=5, unread=True)),
    case(
        "summarise", "en", "what does this one say?", open_page(R("inbox", 4)), page=item(index=4)
    ),
    case(
        "summarise",
        "en",
        "give me a quick summary of the newest email from David Kim",
        find(limit=1, sender="David Kim"),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "summarize these",
        open_mail(R("inbox", 2)),
        open_mail(R("inbox", 3)),
        page=selected(2, 3),
    ),
    # send
    case(
        "send",
        "ko",
        '이서준님에게 "회의록 올렸습니다" 라고 보내 주세요',
        lookup("이서준"),
        send(["seojun.lee@tenant1.example.com"], "회의록 올렸습니다", "회의록 올렸습니다"),
    ),
    case(
        "send",
        "ko",
        "yuna.choi@tenant1.example.com 에게 메일 보내줘, "
        "제목은 '출장', 내용은 '다음 주 부산 출장입니다'",
        send(["yuna.choi@tenant1.example.com"], "출장", "다음 주 부산 출장입니다"),
    ),
    case(
        "send",
        "ko",
        "정민호님께 감사 메일 좀 보내줘",
        lookup("정민호"),
        send(["minho.jung@tenant1.example.com"], "감사", "감사"),
    ),
    case(
        "send",
        "en",
        "send Erin Walsh an email saying the slides are ready",
        lookup("Erin Walsh"),
        send(["erin.walsh@acme.example"], "the slides are ready", "the slides are ready"),
    ),
    case(
        "send",
        "en",
        "email david.kim@acme.example with the subject Budget and the message Numbers look good",
        send(["david.kim@acme.example"], "Budget", "Numbers look good"),
    ),
    case(
        "send",
        "en",
        "write Bob Lee a mail: subject 'Hello' / body 'Welcome to the team'",
        lookup("Bob Lee"),
        send(["bob@acme.example"], "Hello", "Welcome to the team"),
    ),
    # restore
    case(
        "restore", "ko", "휴지통에 있는 메일 다 원래대로 돌려줘", find(TRASH, limit=100), restore()
    ),
    case(
        "restore",
        "ko",
        "박지현님 메일 복구 좀 해줘",
        find(TRASH, limit=20, sender="박지현"),
        restore(),
    ),
    case(
        "restore",
        "ko",
        "지운 메일 중 제일 오래된 거 살려줘",
        find(TRASH, limit=1, order="oldest"),
        restore(),
    ),
    case("restore", "en", "restore the last 2 emails I deleted", find(TRASH, limit=2), restore()),
    case(
        "restore",
        "en",
        "get Priya's email back from the trash",
        find(TRASH, limit=1, sender="Priya"),
        restore(),
    ),
    case(
        "restore",
        "en",
        "undelete these",
        restore(R(TRASH, 1), R(TRASH, 2)),
        page=selected(1, 2, folder=TRASH),
    ),
    # mark
    case(
        "mark",
        "ko",
        "최유나님한테 온 메일 전부 읽음 처리",
        find(limit=100, sender="최유나", unread=True),
        mark(),
    ),
    case(
        "mark",
        "ko",
        "선택한 메일들 읽음으로 바꿔 주세요",
        mark(R("inbox", 3), R("inbox", 4)),
        page=selected(3, 4),
    ),
    case(
        "mark",
        "ko",
        "이거 안 읽음으로 표시해줘",
        open_page(R("inbox", 2)),
        mark(R("inbox", 2), read=False),
        page=item(index=2),
    ),
    case(
        "mark",
        "en",
        "mark the newest 3 emails as unread",
        find(limit=3, unread=False),
        mark(read=False),
    ),
    case(
        "mark",
        "en",
        "please mark all emails from David Kim read",
        find(limit=100, sender="David Kim", unread=True),
        mark(),
    ),
    case(
        "mark", "en", "mark it as read", open_page(R("inbox", 0)), mark(R("inbox", 0)), page=item()
    ),
    # out of scope
    case("out_of_scope", "ko", "내일 오전 10시에 알람 맞춰줘"),
    case("out_of_scope", "ko", "휴대폰 사진 지워줘"),
    case("out_of_scope", "ko", "회의 일정 잡아줘"),
    case("out_of_scope", "en", "order me a pizza"),
    case("out_of_scope", "en", "delete the old files in my downloads folder"),
    case("out_of_scope", "en", "send a text message to 010-1234-5678"),
]
