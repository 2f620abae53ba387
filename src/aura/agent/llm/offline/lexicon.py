"""The planner's vocabulary: which normalised words mean what, in Korean and English."""

from typing import Literal

Verb = Literal["list", "search", "read", "summarise", "mark", "delete", "move", "restore", "send"]
Order = Literal["newest", "oldest"]
State = Literal["unread", "read"]
FolderWord = Literal["inbox", "sent", "trash"]

# Korean verbs are recognised by their stem at the start of the token ("삭제해주세요").
KOREAN_VERB_STEMS: tuple[tuple[str, Verb], ...] = (
    ("삭제", "delete"),
    ("지워", "delete"),
    ("지우", "delete"),
    ("지울", "delete"),
    ("버려", "delete"),
    ("없애", "delete"),
    ("치워", "delete"),
    ("옮겨", "move"),
    ("쏴", "send"),
    ("넣어", "move"),
    ("이동", "move"),
    ("복구", "restore"),
    ("복원", "restore"),
    ("되살려", "restore"),
    ("되돌려", "restore"),
    ("돌려줘", "restore"),
    ("돌려주", "restore"),
    ("돌려놔", "restore"),
    ("돌려놓", "restore"),
    ("살려", "restore"),
    ("꺼내", "restore"),
    ("되찾", "restore"),
    ("빼줘", "restore"),
    ("빼주", "restore"),
    ("빼내", "restore"),
    ("보내", "send"),
    ("전송", "send"),
    ("발송", "send"),
    ("전해", "send"),
    ("드려", "send"),
    ("써줘", "send"),
    ("써주", "send"),
    ("답장", "send"),
    ("요약", "summarise"),
    ("정리", "summarise"),
    ("핵심", "summarise"),
    ("요점", "summarise"),
    ("뭐래", "summarise"),
    ("뭐라고", "summarise"),
    ("내용", "summarise"),
    ("읽어", "read"),
    ("열어", "read"),
    ("보여", "list"),
    ("알려", "list"),
    ("목록", "list"),
    ("확인", "list"),
    ("리스트", "list"),
    ("있어", "list"),
    ("있나", "list"),
    ("있는지", "list"),
    ("찾아", "search"),
    ("검색", "search"),
    ("찾기", "search"),
    ("표시", "mark"),
    ("처리", "mark"),
    ("바꿔", "mark"),
)

ENGLISH_VERBS: dict[str, Verb] = {
    "delete": "delete",
    "remove": "delete",
    "trash": "delete",
    "erase": "delete",
    "discard": "delete",
    "bin": "delete",
    "rid": "delete",
    "toss": "delete",
    "nuke": "delete",
    "scrap": "delete",
    "junk": "delete",
    "clear": "delete",
    "wipe": "delete",
    "purge": "delete",
    "move": "move",
    "put": "move",
    "restore": "restore",
    "recover": "restore",
    "undelete": "restore",
    "retrieve": "restore",
    "back": "restore",
    "undo": "restore",
    "reply": "send",
    "send": "send",
    "shoot": "send",
    "compose": "send",
    "drop": "send",
    "summarize": "summarise",
    "summarise": "summarise",
    "summary": "summarise",
    "summarization": "summarise",
    "tldr": "summarise",
    "gist": "summarise",
    "brief": "summarise",
    "highlights": "summarise",
    "overview": "summarise",
    "rundown": "summarise",
    "recap": "summarise",
    "sum": "summarise",
    "say": "summarise",
    "says": "summarise",
    "write": "send",
    "open": "read",
    "show": "list",
    "list": "list",
    "display": "list",
    "see": "list",
    "view": "list",
    "check": "list",
    "get": "list",
    "fetch": "list",
    "grab": "list",
    "what": "list",
    "which": "list",
    "any": "list",
    "how": "list",
    "search": "search",
    "find": "search",
    "look": "search",
    "mark": "mark",
    "flag": "mark",
}

MAIL_NOUNS = frozenset(
    [
        "메일",
        "메일들",
        "이메일",
        "편지",
        "메시지",
        "메세지",
        "것",
        "거",
        "건",
        "mail",
        "mails",
        "email",
        "emails",
        "e-mail",
        "e-mails",
        "message",
        "messages",
        "letter",
        "letters",
        "newsletter",
        "newsletters",
        "뉴스레터",
        "inbox",
        "ones",
        "one",
        "it",
        "them",
    ]
)
ORDERS: dict[str, Order] = {
    "최근": "newest",
    "최신": "newest",
    "최근에": "newest",
    "새로": "newest",
    "방금": "newest",
    "newest": "newest",
    "latest": "newest",
    "recent": "newest",
    "last": "newest",
    "최신순": "newest",
    "마지막": "newest",
    "마지막으로": "newest",
    "최근순": "newest",
    "오래된순": "oldest",
    "오래된": "oldest",
    "예전": "oldest",
    "옛날": "oldest",
    "처음": "oldest",
    "oldest": "oldest",
    "earliest": "oldest",
    "recently": "newest",
    "older": "oldest",
}
STATES: dict[str, State] = {
    "읽은": "read",
    "읽었던": "read",
    "unread": "unread",
    "안읽은": "unread",
    "새": "unread",
    "new": "unread",
    "unopened": "unread",
}
NEGATIONS = frozenset({"안", "않은", "읽지", "not"})
MARK_STATES: dict[str, State] = {
    "읽음": "read",
    "안읽음": "unread",
    "읽음으로": "read",
    "않음": "unread",
    "읽었다고": "read",
}
FOLDERS: dict[str, FolderWord] = {
    "받은": "inbox",
    "받은편지함": "inbox",
    "받은메일함": "inbox",
    "메일함": "inbox",
    "인박스": "inbox",
    "inbox": "inbox",
    "보낸": "sent",
    "보낸편지함": "sent",
    "보낸메일함": "sent",
    "sent": "sent",
    "outbox": "sent",
    "휴지통": "trash",
    "삭제된": "trash",
    "삭제한": "trash",
    "지운": "trash",
    "지워진": "trash",
    "버린": "trash",
    "trash": "trash",
    "bin": "trash",
    "deleted": "trash",
    "wastebasket": "trash",
}
DEIXIS_ITEM = frozenset(
    {"이", "이거", "이것", "그", "열어둔", "열린", "this", "current", "opened", "it"}
)
# Job titles and honorific nouns after a name: "정민호 팀장님" is 정민호.
TITLES = frozenset(
    [
        "팀장",
        "과장",
        "부장",
        "차장",
        "대리",
        "사원",
        "실장",
        "대표",
        "이사",
        "상무",
        "전무",
        "본부장",
        "매니저",
        "선배",
        "선생",
        "교수",
        "책임",
        "선임",
        "수석",
        "주임",
        "프로",
        "씨",
    ]
)
DEIXIS_SELECTED = frozenset(
    {"선택한", "선택된", "체크한", "고른", "selected", "these", "those", "checked", "chosen"}
)
ALL_WORDS = frozenset(
    {"모든", "전부", "다", "모두", "전체", "싹", "몽땅", "죄다", "all", "every", "everything"}
)
SUPERLATIVES = frozenset({"가장", "제일", "젤", "most", "마지막", "마지막으로", "방금"})
# Nouns that say "more than one": "the email" is one mail, "the emails" are several.
PLURAL_NOUNS = frozenset({"mails", "emails", "e-mails", "messages", "letters", "ones", "메일들"})
SINGULAR_NOUNS = frozenset({"mail", "email", "e-mail", "message", "letter", "one"})
# Things that are not mail: a request about them is out of scope even with a mail verb.
NOT_MAIL = frozenset(
    [
        "app",
        "apps",
        "phone",
        "computer",
        "laptop",
        "video",
        "videos",
        "hotel",
        "taxi",
        "택시",
        "그래프",
        "앱",
        "파일",
        "사진",
        "캘린더",
        "달력",
        "일정",
        "연락처",
        "문서",
        "노래",
        "음악",
        "회의실",
        "비밀번호",
        "주식",
        "시세",
        "날씨",
        "환율",
        "메뉴",
        "농담",
        "번역",
        "카톡",
        "카카오톡",
        "문자",
        "슬랙",
        "예약",
        "file",
        "files",
        "photo",
        "photos",
        "picture",
        "pictures",
        "calendar",
        "contact",
        "contacts",
        "document",
        "documents",
        "pdf",
        "music",
        "song",
        "songs",
        "flight",
        "flights",
        "restaurant",
        "restaurants",
        "weather",
        "web",
        "internet",
        "joke",
        "jokes",
        "slack",
        "whatsapp",
        "sms",
        "kakao",
        "teams",
        "time",
        "password",
        "stock",
        "stocks",
    ]
)
CHANNELS = frozenset(
    ["카톡", "카카오톡", "문자", "슬랙", "slack", "whatsapp", "sms", "kakao", "teams"]
)
WORDS_MARKERS_KO = frozenset(
    {"관련", "관련된", "관한", "대한", "포함", "포함된", "들어간", "들어있는", "키워드"}
)
WORDS_MARKERS_EN = frozenset(
    {"about", "regarding", "containing", "mentioning", "titled", "subject", "with", "re"}
)
BODY_MARKERS_EN = frozenset({"saying", "says", "telling", "body", "message", "text"})
SENDER_PARTICLES = frozenset({"에게서", "한테서", "로부터", "으로부터"})
SENT_BY_PARTICLES = frozenset({"이", "가", "님이", "께서", "님께서", "에서"})
RECIPIENT_PARTICLES = frozenset({"에게", "한테", "께", "님께", "님에게", "님한테"})
ADDRESS_PARTICLES = RECIPIENT_PARTICLES | {"로", "으로", "에"}
QUOTE_BODY_PARTICLES = frozenset({"라고", "이라고"})
KOREAN_SUBJECT_WORDS = frozenset({"제목", "제목은", "제목:"})
KOREAN_BODY_WORDS = frozenset({"내용", "본문", "내용은", "본문은"})
SENT_BY_WORDS = frozenset(
    {
        "보낸",
        "온",
        "받은",
        "보내신",
        "보내준",
        "보내주신",
        "주신",
        "보냈던",
        "보내온",
        "왔던",
        "받았던",
    }
)
# Words that may stand between a possessive and its mail noun ("김철수의 안 읽은 최근 메일").
MAIL_MODIFIERS = frozenset(
    ALL_WORDS | set(ORDERS) | set(STATES) | NEGATIONS | {"가장", "제일", "the", "all"}
)
FILLERS = frozenset(
    [
        "the",
        "a",
        "an",
        "my",
        "me",
        "i",
        "please",
        "can",
        "could",
        "would",
        "you",
        "to",
        "of",
        "in",
        "for",
        "and",
        "some",
        "all",
        "좀",
        "주세요",
        "줘",
        "해줘",
        "해주세요",
        "ones",
        "제",
        "내",
        "나",
        "저",
        "에",
        "있는",
        "중",
        "중에서",
        "가장",
        "제일",
        "젤",
        "that",
        "are",
        "is",
        "do",
        "have",
        "just",
        "now",
        "also",
        "thanks",
        "지금",
        "바로",
        "부탁해",
        "부탁해요",
        "부탁드립니다",
        "부탁드려요",
        "부탁",
        "줄래",
        "줄래요",
        "주실래요",
        "주실",
        "수",
        "있나요",
        "혹시",
        "그냥",
        "얼른",
        "빨리",
        "다시",
        "거",
        "것",
        "중",
        "중에",
        "중에서",
        "실수로",
        "한번",
        "pls",
        "plz",
        "most",
        "bring",
        "give",
        "tell",
        "who",
        "help",
        "뭐",
        "뭔",
        "무슨",
        "어떤",
        "혹시나",
        "걸로",
        "것으로",
        "실수",
        "써",
        "줄",
        "순",
        "순서",
        "received",
        "got",
        "라는",
        "이라는",
        "단어",
        "folder",
        "mailbox",
        "box",
        "i've",
        "i'd",
        "i'm",
        "뭐지",
        "뭔지",
        "뭐야",
        "뭐예요",
        "간단히",
        "간단하게",
        "원래대로",
        "마지막으로",
        "her",
        "his",
        "their",
        "him",
        "she",
        "he",
        "they",
        "set",
        "many",
        "anything",
        "something",
        "quick",
        "note",
        "line",
        "kindly",
        "quickly",
        "hey",
        "hi",
        "thank",
        "want",
        "need",
        "like",
        "will",
        "mind",
        "ok",
        "okay",
        "right",
        "away",
        "asap",
        "real",
        "quick",
        "if",
        "there",
        "was",
        "did",
        "does",
        "has",
        "what's",
        "go",
        "ahead",
        "up",
        "out",
        "here",
        "see",
        "let",
        "know",
    ]
)

KNOWN_WORDS = frozenset(
    set(MAIL_NOUNS)
    | set(ORDERS)
    | set(STATES)
    | set(MARK_STATES)
    | set(FOLDERS)
    | DEIXIS_ITEM
    | DEIXIS_SELECTED
    | ALL_WORDS
    | WORDS_MARKERS_KO
    | NEGATIONS
    | SENT_BY_WORDS
    | KOREAN_SUBJECT_WORDS
    | KOREAN_BODY_WORDS
    | {"읽지", "않은", "않음", "안읽음", "읽음", "다른", "순"}
)


ENGLISH_VOCABULARY = frozenset(
    set(ENGLISH_VERBS)
    | {w for w in KNOWN_WORDS | FILLERS if w.isascii()}
    | WORDS_MARKERS_EN
    | BODY_MARKERS_EN
    | {
        "summarize", "summarise", "selected", "saying", "subject", "newest", "oldest", "unread",
        "from", "about", "message", "messages", "emails", "please", "recent", "latest", "trash",
        "inbox", "restore", "delete", "remove", "search", "show", "mark", "send", "read", "mails",
        "anything", "something", "everything", "titled", "unopened", "deleted", "earliest",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
        "order", "orders", "folder", "office",
        "there", "their", "these", "those", "them", "then", "than", "that", "this", "what",
    }
)  # fmt: skip
# Stems a one-letter Korean typo is mended towards ("삭졔" → "삭제", "요얙" → "요약").
KOREAN_STEMS: tuple[str, ...] = tuple(
    sorted(
        {stem for stem, _ in KOREAN_VERB_STEMS if len(stem) >= 2}
        | {"메일", "휴지통", "읽음", "선택한", "받은편지함", "보낸편지함"},
        key=len,
        reverse=True,
    )
)
# Pieces that start a new word when a Korean request is typed without spaces.
GLUE_PIECES: tuple[str, ...] = (
    "메일", "삭제", "지워", "복구", "요약", "보여", "찾아", "읽음", "표시", "처리", "보내",
    "휴지통", "알려", "정리",
)  # fmt: skip


# Stems distinctive enough to count inside a longer word ("원상복구", "일괄삭제").
_INNER_STEMS: tuple[tuple[str, Verb], ...] = (
    ("삭제", "delete"),
    ("복구", "restore"),
    ("복원", "restore"),
    ("요약", "summarise"),
)


def korean_verb(word: str) -> Verb | None:
    for stem, verb in KOREAN_VERB_STEMS:
        if word.startswith(stem):
            return verb
    for stem, verb in _INNER_STEMS:
        if stem in word:
            return verb
    return None


# Words that never carry a slot's value and never change what a request asks: pronouns,
# auxiliaries, politeness, adverbs of manner and time-filler. They are not reported as "not
# understood" (the words that are — a date, a tenant — would change the action).
_IGNORABLE_WORDS = """
    i me my myself we us our ours you your yours he him his she her hers they their theirs
    am is are was were be been being have has had having do does did doing would should could
    can will shall may might must just also too very really so then now please kindly thanks
    thank ok okay hey hi hello there here up out off over again still already soon right away
    quickly quick asap maybe perhaps actually basically go ahead let lets let's want wanna need
    like i'd i'm i've i'll you're it's that's what's there's mind help if whether how when where
    why because but or at on into onto while once both more other such only own same than
    anyway everything's kinda sorta sure fine bit little thing things stuff for
    좀 쫌 그냥 빨리 얼른 한번 한 번 다시 지금 바로 혹시 제발 이제 일단 당장 꼭 잠깐 어서 음 아
    저기 제가 내가 나한테 저한테 저에게 나에게 우리 조금 대충 쭉 한꺼번에 한번에 부탁 부탁해
    부탁해요 부탁합니다 부탁드립니다 부탁드려요 고마워 고마워요 주세요 줘요 줘 해줘 해주세요
    할래 할래요 해줄래 해줄래요 가능해 가능할까 가능할까요 있을까 있을까요 싶어 싶어요 싶은데
    mistake accidentally accident 몇 실수 ㄱㄱ ㄱ ㅇㅇ ㅎㅎ ㅋㅋ ㅠㅠ 상태 make turn change flip
    deletion removal anyone anybody someone somebody 지난번 지난번에 예전에 전에 원상 일괄
    순서대로 순서로 순으로 간략하게 간략히 짧게 간단하게 자세히 pull
    """
IGNORABLE = frozenset(_IGNORABLE_WORDS.split())
