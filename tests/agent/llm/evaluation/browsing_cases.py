"""Evaluation requests that only look at mail: list, search, questions, read and summarise.

Korean requests run on 김민준's demo mailbox (tenant1), English ones on Alice Park's (acme),
unless a case names the other; an English request may name a Korean sender and still be English.
"""

from tests.agent.llm.evaluation.expectations import (
    Case,
    case,
    find,
    item,
    open_mail,
    open_page,
    selected,
)
from tests.agent.llm.evaluation.expectations import Ref as R

KO_INBOX = "user123"

SEARCH: list[Case] = [
    case("search", "ko", "안 읽은 메일 보여줘", find(unread=True)),
    case("search", "ko", "최근 메일 5개만 보여 주세요", find(limit=5)),
    case("search", "ko", "박지현님한테 온 메일 있어?", find(sender="박지현")),
    case("search", "ko", "이서준이 보낸 메일 목록 보여줘", find(sender="이서준")),
    case("search", "ko", "보낸 메일함 확인해줘", find(folder="sent")),
    case("search", "ko", "휴지통에 뭐 있어?", find(folder="trash")),
    case("search", "ko", "가장 최근에 온 메일이 뭐야?", find(limit=1)),
    case("search", "ko", "제일 오래된 메일 뭐야", find(limit=1, order="oldest")),
    case("search", "ko", "'출장비' 들어간 메일 찾아줘", find(words="출장비")),
    case("search", "ko", "Orion 관련 메일 검색해줘", find(words="Orion")),
    case("search", "ko", "읽지 않은 메일 세 개 보여줘", find(limit=3, unread=True)),
    case(
        "search", "ko", "최유나님 메일 중에 안 읽은 거 있나요?", find(sender="최유나", unread=True)
    ),
    case("search", "ko", "메일 목록 보여쥐", find()),
    case("search", "ko", "받은편지함에서 최신 메일 7개 보여줘", find(limit=7)),
    case("search", "ko", "인사팀에서 온 메일 찾아 주실 수 있나요?", find(sender="인사팀")),
    case("search", "ko", "보낸메일함에 있는 메일 두 통 보여줘", find(folder="sent", limit=2)),
    case("search", "en", "show my unread emails", find(unread=True)),
    case("search", "en", "list the five most recent messages", find(limit=5)),
    case("search", "en", "any mail from David Kim?", find(sender="David Kim")),
    case("search", "en", "did Bob send me anything?", find(sender="Bob")),
    case("search", "en", "what's in my trash?", find(folder="trash")),
    case("search", "en", "which email is the newest?", find(limit=1)),
    case("search", "en", "what is my oldest mail", find(limit=1, order="oldest")),
    case("search", "en", "find emails about Phoenix", find(words="Phoenix")),
    case("search", "en", "search for mails mentioning invoice", find(words="invoice")),
    case(
        "search",
        "en",
        "show me the 3 latest unread mails from Carol",
        find(limit=3, unread=True, sender="Carol"),
    ),
    case("search", "en", "show sent mails", find(folder="sent")),
    case("search", "en", "shwo my inbox", find()),
    case("search", "en", "could you check if Erin Walsh emailed me?", find(sender="Erin Walsh")),
    case("search", "en", "list emails from 이서준", find(sender="이서준"), mailbox=KO_INBOX),
    case(
        "search",
        "en",
        "show the two oldest read messages",
        find(limit=2, order="oldest", unread=False),
    ),
    case(
        "search",
        "en",
        "Any new emails from Jordan Blake (Northwind)?",
        find(sender="Jordan Blake", unread=True),
    ),
]

SUMMARISE: list[Case] = [
    case("summarise", "ko", "이 메일 요약해줘", open_page(R("inbox", 0)), page=item()),
    case("summarise", "ko", "최근 메일 요약해줘", find(limit=1), open_mail()),
    case(
        "summarise",
        "ko",
        "박지현님이 보낸 최근 메일 요약해 주세요",
        find(limit=1, sender="박지현"),
        open_mail(),
    ),
    case(
        "summarise",
        "ko",
        "선택한 메일 정리해줘",
        open_mail(R("inbox", 0)),
        open_mail(R("inbox", 2)),
        page=selected(0, 2),
    ),
    case("summarise", "ko", "안 읽은 메일 요약해줘", find(limit=5, unread=True)),
    case(
        "summarise", "ko", "이 메일 뭐라고 써 있어?", open_page(R("inbox", 3)), page=item(index=3)
    ),
    case(
        "summarise", "ko", "이서준님 메일 내용 알려줘", find(limit=1, sender="이서준"), open_mail()
    ),
    case("summarise", "ko", "가장 오래된 메일 읽어줘", find(limit=1, order="oldest"), open_mail()),
    case("summarise", "ko", "이 메일 요얙해줘", open_page(R("inbox", 1)), page=item(index=1)),
    case(
        "summarise",
        "ko",
        "인사팀에서 온 메일 요약 좀",
        find(limit=1, sender="인사팀"),
        open_mail(),
    ),
    case("summarise", "ko", "최근 메일 3개 요약해줘", find(limit=3)),
    case(
        "summarise",
        "ko",
        "지금 열어둔 메일 세 줄 요약",
        open_page(R("inbox", 2)),
        page=item(index=2),
    ),
    case("summarise", "ko", "'출장비' 메일 요약해줘", find(limit=1, words="출장비"), open_mail()),
    case(
        "summarise", "ko", "최유나님이 보낸 메일 뭐래?", find(limit=1, sender="최유나"), open_mail()
    ),
    case("summarise", "ko", "이 메일 핵심만 알려줘", open_page(R("inbox", 4)), page=item(index=4)),
    case("summarise", "en", "summarize this email", open_page(R("inbox", 0)), page=item()),
    case("summarise", "en", "tl;dr of the latest mail", find(limit=1), open_mail()),
    case(
        "summarise",
        "en",
        "what does the newest email from Carol say?",
        find(limit=1, sender="Carol"),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "give me a summary of the selected mails",
        open_mail(R("inbox", 1)),
        open_mail(R("inbox", 2)),
        page=selected(1, 2),
    ),
    case("summarise", "en", "summarise my unread emails", find(limit=5, unread=True)),
    case(
        "summarise", "en", "read me the oldest message", find(limit=1, order="oldest"), open_mail()
    ),
    case(
        "summarise", "en", "sumarize this mail please", open_page(R("inbox", 1)), page=item(index=1)
    ),
    case(
        "summarise", "en", "what's this email about?", open_page(R("inbox", 2)), page=item(index=2)
    ),
    case(
        "summarise",
        "en",
        "gist of the last email from David Kim",
        find(limit=1, sender="David Kim"),
        open_mail(),
    ),
    case("summarise", "en", "summarize the 3 most recent emails", find(limit=3)),
    case(
        "summarise",
        "en",
        "can you read the latest message from Tech Weekly to me",
        find(limit=1, sender="Tech Weekly"),
        open_mail(),
    ),
    case("summarise", "en", "summary of this one", open_page(R("inbox", 5)), page=item(index=5)),
    case(
        "summarise",
        "en",
        "what did 박지현 write in her last mail?",
        find(limit=1, sender="박지현"),
        open_mail(),
        mailbox=KO_INBOX,
    ),
    case(
        "summarise",
        "en",
        "quick recap of the newest unread email",
        find(limit=1, unread=True),
        open_mail(),
    ),
    case(
        "summarise",
        "en",
        "summarize the mail about the phishing attempt",
        find(limit=1, words="phishing attempt"),
        open_mail(),
    ),
]
