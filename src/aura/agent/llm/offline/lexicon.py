"""The planner's vocabulary: which normalised words mean what, in Korean and English."""

from typing import Literal

from aura.agent.llm.offline.fillers import FILLERS

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
    ("가져", "list"),
    ("빼줘", "restore"),
    ("빼주", "restore"),
    ("빼내", "restore"),
    ("보내", "send"),
    ("전송", "send"),
    ("발송", "send"),
    ("전해", "send"),
    ("전달", "send"),
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
    "throw": "delete",
    "nuke": "delete",
    "scrap": "delete",
    "junk": "delete",
    "clear": "delete",
    "wipe": "delete",
    "purge": "delete",
    "move": "move",
    "take": "move",
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
    "fire": "send",
    "ping": "send",
    "drop": "send",
    "summarize": "summarise",
    "summarise": "summarise",
    "summary": "summarise",
    "summarization": "summarise",
    "tldr": "summarise",
    "gist": "summarise",
    "brief": "summarise",
    "highlights": "summarise",
    "skim": "summarise",
    "explain": "summarise",
    "catch": "summarise",
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
    "old": "oldest",
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
    {
        "선택",
        "them",
        "선택한",
        "선택된",
        "체크한",
        "고른",
        "selected",
        "these",
        "those",
        "checked",
        "chosen",
    }
)
ALL_WORDS = frozenset(
    {"모든", "전부", "다", "모두", "전체", "싹", "몽땅", "죄다", "all", "every", "everything"}
)
SUPERLATIVES = frozenset({"가장", "제일", "젤", "most", "마지막", "마지막으로", "방금"})
# Nouns that say "more than one": "the email" is one mail, "the emails" are several.
PLURAL_NOUNS = frozenset({"mails", "emails", "e-mails", "messages", "letters", "ones", "메일들"})
SINGULAR_NOUNS = frozenset(
    [
        *("mail", "email", "e-mail", "message", "letter", "one", "newsletter", "notice"),
        *("invoice", "receipt", "announcement", "invitation"),
    ]
)
WORDS_MARKERS_KO = frozenset(
    {"관련", "관련된", "관한", "대한", "포함", "포함된", "들어간", "들어있는", "키워드"}
)
WORDS_MARKERS_EN = frozenset(
    {"about", "regarding", "containing", "mentioning", "titled", "subject", "with", "re"}
    | {"mention", "mentions", "contain", "contains"}
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


# Kinds of mail named by what they are: "the security notices", "invoices", "뉴스레터". They point
# at mail and say what it is about, so the kind (with the words before it) becomes the topic.
MAIL_KINDS = frozenset(
    [
        *("notice", "notices", "invoice", "invoices", "newsletter", "newsletters", "receipt"),
        *("receipts", "announcement", "announcements", "invitation", "invitations", "뉴스레터"),
    ]
)
