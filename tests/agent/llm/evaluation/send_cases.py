"""Evaluation requests that send mail, and requests that are not about mail at all.

A recipient named rather than addressed is looked up in the inbox first. The approval must show
exactly the subject and body asked for; a request missing the recipient or the text sends nothing.
"""

from tests.agent.llm.evaluation.expectations import Case, case, lookup, send

KO_INBOX = "user123"
JIHYUN = "jihyun.park@tenant1.example.com"
SEOJUN = "seojun.lee@tenant1.example.com"
YUNA = "yuna.choi@tenant1.example.com"
MINHO = "minho.jung@tenant1.example.com"
JIEUN = "jieun.lee@hanbit-consulting.example.kr"
DAVID = "david.kim@acme.example"
CAROL = "carol.nguyen@acme.example"
ERIN = "erin.walsh@acme.example"
BOB = "bob@acme.example"
HARIN = "harin.song@acme.example"


SEND: list[Case] = [
    case(
        "send",
        "ko",
        f"{JIHYUN}에게 '내일 회의 10시로 변경'이라고 메일 보내줘",
        send([JIHYUN], "내일 회의 10시로 변경", "내일 회의 10시로 변경"),
    ),
    case(
        "send",
        "ko",
        "박지현님께 '자료 확인했습니다'라고 전해줘",
        lookup("박지현"),
        send([JIHYUN], "자료 확인했습니다", "자료 확인했습니다"),
    ),
    case(
        "send",
        "ko",
        f"{SEOJUN}으로 제목: 점심 약속, 내용: 금요일 12시 어때요? 메일 보내줘",
        send([SEOJUN], "점심 약속", "금요일 12시 어때요?"),
    ),
    case(
        "send",
        "ko",
        "최유나님에게 제목은 '출장비 정산' 내용은 '영수증 첨부했습니다'로 메일 보내 주세요",
        lookup("최유나"),
        send([YUNA], "출장비 정산", "영수증 첨부했습니다"),
    ),
    case(
        "send",
        "ko",
        "이서준한테 메일 써줘. 제목 주간 회의, 본문 회의록 공유드립니다",
        lookup("이서준"),
        send([SEOJUN], "주간 회의", "회의록 공유드립니다"),
    ),
    case(
        "send",
        "ko",
        f"{MINHO} 앞으로 '보고서 잘 받았습니다' 메일 발송해줘",
        send([MINHO], "보고서 잘 받았습니다", "보고서 잘 받았습니다"),
    ),
    case("send", "ko", "정민호님께 메일 보내줘"),
    case("send", "ko", "메일 보내줘"),
    case(
        "send",
        "ko",
        f"{JIEUN}로 제목 계약 갱신 / 내용 다음 주에 논의해요 보내줘",
        send([JIEUN], "계약 갱신", "다음 주에 논의해요"),
    ),
    case(
        "send",
        "ko",
        "박지현님께 제목 '예산안' 메시지 '검토 부탁드립니다' 보내주세요",
        lookup("박지현"),
        send([JIHYUN], "예산안", "검토 부탁드립니다"),
    ),
    case(
        "send",
        "ko",
        f"{YUNA}에 '오늘 휴가입니다' 라고 메일 좀 보내줘요",
        send([YUNA], "오늘 휴가입니다", "오늘 휴가입니다"),
    ),
    case(
        "send",
        "ko",
        "이서준님한테 '내일 봬요'라고 메일 보내",
        lookup("이서준"),
        send([SEOJUN], "내일 봬요", "내일 봬요"),
    ),
    case(
        "send",
        "ko",
        f"{JIHYUN}에게 메일 보내줘 제목은 회의 취소 내용은 오늘 회의는 취소되었습니다",
        send([JIHYUN], "회의 취소", "오늘 회의는 취소되었습니다"),
    ),
    case(
        "send",
        "ko",
        "최유나님께 '승인했습니다'라고 답장 보내줘",
        lookup("최유나"),
        send([YUNA], "승인했습니다", "승인했습니다"),
    ),
    case(
        "send",
        "ko",
        f"{MINHO}으로 메일 보내쥬 내용은 '수고하셨습니다'",
        send([MINHO], "수고하셨습니다", "수고하셨습니다"),
    ),
    case(
        "send",
        "en",
        f"send an email to {DAVID} saying the demo moved to 3pm",
        send([DAVID], "the demo moved to 3pm", "the demo moved to 3pm"),
    ),
    case(
        "send",
        "en",
        "email Carol Nguyen saying thanks for the report",
        lookup("Carol Nguyen"),
        send([CAROL], "thanks for the report", "thanks for the report"),
    ),
    case(
        "send",
        "en",
        f"send a mail to {ERIN} with subject Lunch and body See you at noon",
        send([ERIN], "Lunch", "See you at noon"),
    ),
    case(
        "send",
        "en",
        f"write to {BOB}, subject: Q3 report, message: Please review by Friday",
        send([BOB], "Q3 report", "Please review by Friday"),
    ),
    case(
        "send",
        "en",
        f"send {ERIN} an email titled Offsite, saying the offsite is confirmed",
        send([ERIN], "Offsite", "the offsite is confirmed"),
    ),
    case(
        "send",
        "en",
        "shoot David Kim a quick note saying I'm running late",
        lookup("David Kim"),
        send([DAVID], "I'm running late", "I'm running late"),
    ),
    case(
        "send",
        "en",
        f'drop a line to {CAROL}: subject "Budget" text "Numbers attached"',
        send([CAROL], "Budget", "Numbers attached"),
    ),
    case("send", "en", f"send an email to {BOB}"),
    case("send", "en", "send an email saying hello"),
    case(
        "send",
        "en",
        f"mail {HARIN} about the Orion kickoff saying kickoff is on Monday",
        send([HARIN], "Orion kickoff", "kickoff is on Monday"),
    ),
    case(
        "send",
        "en",
        f"send {DAVID} a message: the server is back up",
        send([DAVID], "the server is back up", "the server is back up"),
    ),
    case(
        "send",
        "en",
        f"snd an email to {BOB} saying welcome aboard",
        send([BOB], "welcome aboard", "welcome aboard"),
    ),
    case(
        "send",
        "en",
        "email 박지현 saying the contract is signed",
        lookup("박지현"),
        send([JIHYUN], "the contract is signed", "the contract is signed"),
        mailbox=KO_INBOX,
    ),
    case(
        "send",
        "en",
        f"please send an email to {ERIN} with the subject 'Travel' "
        "and the body 'Tickets are booked'",
        send([ERIN], "Travel", "Tickets are booked"),
    ),
    case(
        "send",
        "en",
        "message Carol Nguyen saying meeting moved to Thursday",
        lookup("Carol Nguyen"),
        send([CAROL], "meeting moved to Thursday", "meeting moved to Thursday"),
    ),
]

_NOT_MAIL_KO = [
    "오늘 날씨 어때?",
    "파일 삭제해줘",
    "내 캘린더에서 회의 일정 지워줘",
    "점심 메뉴 추천해줘",
    "사진 폴더에서 사진 찾아줘",
    "환율 알려줘",
    "카톡 보내줘",
    "주식 시세 검색해줘",
    "농담 하나 해줘",
    "연락처 삭제해줘",
    "이 문서 번역해줘",
    "노래 틀어줘",
    "회의실 예약해줘",
    "엑셀 파일 정리해줘",
    "비밀번호 바꿔줘",
]
_NOT_MAIL_EN = [
    "what's the weather like today?",
    "delete the file report.pdf",
    "find a good restaurant nearby",
    "tell me a joke",
    "remove the meeting from my calendar",
    "book a flight to Busan",
    "search the web for python tutorials",
    "what time is it in London?",
    "delete my contacts",
    "send a Slack message to the team",
    "play some music",
    "translate this document into French",
    "show me my calendar for tomorrow",
    "find photos from last summer",
    "summarize this PDF",
]
OUT_OF_SCOPE: list[Case] = [case("out_of_scope", "ko", p) for p in _NOT_MAIL_KO] + [
    case("out_of_scope", "en", p) for p in _NOT_MAIL_EN
]
