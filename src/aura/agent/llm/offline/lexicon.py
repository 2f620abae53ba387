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
    ("이동", "move"),
    ("복구", "restore"),
    ("복원", "restore"),
    ("되살려", "restore"),
    ("되돌려", "restore"),
    ("살려", "restore"),
    ("보내", "send"),
    ("전송", "send"),
    ("발송", "send"),
    ("요약", "summarise"),
    ("정리해", "summarise"),
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
)

ENGLISH_VERBS: dict[str, Verb] = {
    "delete": "delete",
    "remove": "delete",
    "trash": "delete",
    "erase": "delete",
    "discard": "delete",
    "bin": "delete",
    "move": "move",
    "put": "move",
    "restore": "restore",
    "recover": "restore",
    "undelete": "restore",
    "retrieve": "restore",
    "send": "send",
    "write": "send",
    "summarize": "summarise",
    "summarise": "summarise",
    "summary": "summarise",
    "summarization": "summarise",
    "tldr": "summarise",
    "open": "read",
    "show": "list",
    "list": "list",
    "display": "list",
    "see": "list",
    "view": "list",
    "check": "list",
    "get": "list",
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
    "오래된": "oldest",
    "예전": "oldest",
    "옛날": "oldest",
    "처음": "oldest",
    "oldest": "oldest",
    "earliest": "oldest",
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
MARK_STATES: dict[str, State] = {"읽음": "read", "안읽음": "unread", "읽음으로": "read"}
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
DEIXIS_ITEM = frozenset({"이", "이거", "이것", "그", "this", "current", "opened"})
DEIXIS_SELECTED = frozenset(
    {"선택한", "선택된", "체크한", "고른", "selected", "these", "those", "checked", "chosen"}
)
ALL_WORDS = frozenset({"모든", "전부", "다", "모두", "전체", "all", "every", "everything"})
WORDS_MARKERS_KO = frozenset(
    {"관련", "관련된", "관한", "대한", "포함", "포함된", "들어간", "들어있는", "키워드"}
)
WORDS_MARKERS_EN = frozenset(
    {"about", "regarding", "containing", "mentioning", "titled", "subject", "with", "re"}
)
BODY_MARKERS_EN = frozenset({"saying", "says", "telling", "body", "message", "text"})
SENDER_PARTICLES = frozenset({"에게서", "한테서", "로부터", "으로부터"})
SENT_BY_PARTICLES = frozenset({"이", "가", "님이", "께서", "에서"})
RECIPIENT_PARTICLES = frozenset({"에게", "한테", "께", "님께", "님에게", "님한테"})
ADDRESS_PARTICLES = RECIPIENT_PARTICLES | {"로", "으로"}
QUOTE_BODY_PARTICLES = frozenset({"라고", "이라고"})
KOREAN_SUBJECT_WORDS = frozenset({"제목", "제목은", "제목:"})
KOREAN_BODY_WORDS = frozenset({"내용", "본문", "내용은", "본문은"})
SENT_BY_WORDS = frozenset({"보낸", "온", "받은"})
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
    | {"읽지", "않은", "않음", "안읽음", "읽음", "다른"}
)


def korean_verb(word: str) -> Verb | None:
    for stem, verb in KOREAN_VERB_STEMS:
        if word.startswith(stem):
            return verb
    return None
