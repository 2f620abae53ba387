"""Which language a request is written in, so answers and approval messages match it.

The request's own wording decides, not the values inside it: quoted text, e-mail addresses and
names are data ("delete the mails from 김철수" is English). Korean grammar shows in particles and
verb endings attached to words, English grammar in its function words and verbs; a Hangul word
with neither (a bare name) counts for nothing. When the evidence ties, any Hangul decides.
"""

import re

from aura.agent.language import Language

_HANGUL_RANGES = (
    (0xAC00, 0xD7A3),  # syllables
    (0x1100, 0x11FF),  # jamo
    (0x3130, 0x318F),  # compatibility jamo
)
_QUOTED = re.compile(
    r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』|(?:(?<=\s)|^)'[^']*'(?![A-Za-z])"
)
_ADDRESS = re.compile(r"\S+@\S+")
_BRACKETED = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[A-Za-z']+|[\uac00-\ud7a3]+")

# Endings a Korean request's words carry: particles, verb and politeness endings.
_KOREAN_ENDINGS = (
    "줘", "줘요", "주세요", "세요", "해", "해요", "요", "다", "까", "니", "냐", "래", "지",
    "을", "를", "은", "는", "이", "가", "에", "에서", "에게", "께", "한테", "로", "으로", "와",
    "과", "도", "만", "의", "고", "서", "된", "한", "온", "난", "던",
)  # fmt: skip
_KOREAN_WORDS = frozenset(
    [
        "메일",
        "이메일",
        "편지",
        "메시지",
        "좀",
        "다",
        "전부",
        "모두",
        "최근",
        "가장",
        "제일",
        "안",
        "못",
        "이",
        "그",
        "저",
        "뭐",
        "어떤",
        "무슨",
        "몇",
        "개",
        "통",
        "건",
        "오늘",
        "내일",
        "어제",
        "지금",
        "제목",
        "내용",
        "본문",
        "휴지통",
        "받은",
        "보낸",
        "읽은",
        "선택한",
    ]
)
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "my",
        "me",
        "i",
        "you",
        "your",
        "please",
        "can",
        "could",
        "would",
        "will",
        "is",
        "are",
        "was",
        "do",
        "does",
        "did",
        "what",
        "which",
        "who",
        "when",
        "where",
        "how",
        "any",
        "all",
        "every",
        "some",
        "of",
        "to",
        "from",
        "in",
        "on",
        "for",
        "with",
        "about",
        "and",
        "or",
        "it",
        "this",
        "that",
        "these",
        "those",
        "them",
        "show",
        "list",
        "find",
        "search",
        "read",
        "open",
        "delete",
        "remove",
        "trash",
        "restore",
        "recover",
        "mark",
        "send",
        "email",
        "mail",
        "mails",
        "emails",
        "message",
        "messages",
        "inbox",
        "unread",
        "newest",
        "oldest",
        "latest",
        "last",
        "first",
        "summarize",
        "summarise",
        "summary",
        "tell",
        "give",
        "get",
        "check",
        "move",
        "put",
        "bring",
        "back",
        "saying",
        "subject",
        "body",
        "anything",
        "something",
        "new",
        "recent",
        "most",
        "as",
        "have",
        "has",
        "been",
        "by",
        "up",
        "out",
    ]
)


def is_hangul(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _HANGUL_RANGES)


def _korean_evidence(word: str) -> bool:
    if word in _KOREAN_WORDS:
        return True
    return len(word) >= 2 and word.endswith(_KOREAN_ENDINGS)


def detect_language(text: str) -> Language:
    """The language of the request's own words; Korean on a tie when it holds any Hangul."""
    wording = _BRACKETED.sub(" ", _ADDRESS.sub(" ", _QUOTED.sub(" ", text)))
    korean = english = 0
    for word in _WORD.findall(wording):
        if is_hangul(word[0]):
            korean += _korean_evidence(word)
        else:
            english += word.lower() in _ENGLISH_WORDS
    if korean != english:
        return "ko" if korean > english else "en"
    return "ko" if any(is_hangul(char) for char in text) else "en"
