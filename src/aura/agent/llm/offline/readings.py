"""Second readings of a request, once its words have filled the slots.

Some meaning lies in the whole request rather than in one word: a question about someone
("did Bob send me anything?") is a search, not a mail to send; "the newest mail" is one mail
though no number is given; a request about files or calendars is out of scope even when it uses
a mail verb.
"""

from aura.agent.llm.offline import lexicon as lx
from aura.agent.llm.offline import scope
from aura.agent.llm.offline.slots import PRONOUNS, Slots, is_name_part, is_plain, name_of
from aura.agent.llm.offline.tokens import Token

# "did Bob send me anything", "has Erin emailed me": the one named wrote, nothing is sent.
_ASKING = frozenset({"did", "has", "have", "does", "if", "whether"})
_SENT_VERBS = frozenset(
    {"send", "sent", "email", "emailed", "mail", "mailed", "write", "wrote", "written", "say"}
    | {"said"}
)


def asked_sender(tokens: list[Token], used: set[int]) -> str | None:
    """ "did Bob send me anything?", "check if Erin Walsh emailed me": who is asked about."""
    for index, token in enumerate(tokens):
        if token.text not in _ASKING and not _names_a_writer(tokens, index):
            continue
        end = index + 1
        while (
            end < len(tokens)
            and end - index <= 3
            and tokens[end].text not in _SENT_VERBS
            and (is_plain(tokens[end]) or tokens[end].kind == "email")
        ):
            end += 1
        if end > index + 1 and end < len(tokens) and tokens[end].text in _SENT_VERBS:
            used.update(range(index + 1, end + 1))
            return " ".join(name_of(t) for t in tokens[index + 1 : end])
    return None


def _names_a_writer(tokens: list[Token], index: int) -> bool:
    """ "everything Erin Walsh sent me": a capitalised name right before "sent me"/"wrote"."""
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    return (
        tokens[index].text in _WRITINGS
        and after is not None
        and after.raw[:1].isupper()
        and any(t.text in _WROTE for t in tokens[index + 2 : index + 5])
    )


_WRITINGS = frozenset(
    {"everything", "anything", "all", "what", "mail", "mails", "email", "emails", "messages"}
)
_WROTE = frozenset({"sent", "emailed", "mailed", "wrote", "written"})


_DICTATION = frozenset(
    {"saying", "says", "say", "that", "body", "text", "message:", "내용", "본문"}
)


def _before_dictation(tokens: list[Token]) -> list[Token]:
    """The request up to the words it dictates ("… saying please print the report")."""
    for index, token in enumerate(tokens):
        if index and (token.text in _DICTATION or token.particle in lx.QUOTE_BODY_PARTICLES):
            return tokens[:index]
    return tokens


def not_mail(tokens: list[Token], slots: Slots, kind: str) -> bool:
    """A request about files, calendars, the weather...: out of scope, even with a mail verb."""
    tokens = _before_dictation(tokens)
    words = {t.text for t in tokens if t.kind == "word"}
    if any(
        t.text in scope.UNSUPPORTED or t.text.startswith(scope.UNSUPPORTED_STEMS) for t in tokens
    ):
        return True  # emptying the trash, deleting for good, printing: not something Aura does
    explicit_mail = words & {"mail", "mails", "email", "emails", "메일", "이메일"}
    if words & scope.CHANNELS and (kind == "send" or not explicit_mail):
        return True  # "슬랙 메시지 요약해줘": a Slack message is not a mail
    nouns = {t.text for t in tokens} & (lx.MAIL_NOUNS - PRONOUNS)
    about_mail = nouns or slots.folder or any(t.kind == "email" for t in tokens)
    return bool(words & scope.NOT_MAIL) and not about_mail


# "the email", "my latest email": one mail; a bare "mail from Carol" is mail in general.
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "my", "which", "your"})


def _determined(tokens: list[Token], index: int) -> bool:
    """ "the oldest unread message", "my latest email": a determiner before the adjectives."""
    before = index - 1
    while before >= 0 and (
        tokens[before].text in lx.ORDERS
        or tokens[before].text in lx.STATES
        or tokens[before].text in {"most", "deleted", "read"}
    ):
        before -= 1
    if before < 0:
        return False
    word = tokens[before]
    return word.text in _DETERMINERS or word.raw.endswith(("'s", "’s"))


def implied_count(tokens: list[Token], slots: Slots) -> int | None:
    """ "the newest mail", "가장 오래된 거", "the email from Priya": one mail, though no number."""
    words = {t.text for t in tokens}
    if slots.deixis == "selected":
        return None  # "방금 선택한 메일들": the selection says how many
    if slots.everything or words & {"any", "anything", "anyone", "anybody", "there"}:
        return None
    if slots.order and words & lx.SUPERLATIVES:
        return 1
    singular = not words & lx.PLURAL_NOUNS and any(
        t.text in lx.SINGULAR_NOUNS and _determined(tokens, i) for i, t in enumerate(tokens)
    )
    if singular and (slots.order or slots.sender or slots.words):
        return 1
    return None


def dictates_a_mail(tokens: list[Token]) -> bool:
    """A subject and a body given for someone: a mail to send, whatever the verb."""
    labels = {t.text for t in tokens} & (lx.KOREAN_SUBJECT_WORDS | {"subject"})
    body = {t.text for t in tokens} & (lx.KOREAN_BODY_WORDS | {"body"})
    someone = any(t.kind == "email" or t.particle in lx.RECIPIENT_PARTICLES for t in tokens)
    quoted = any(t.kind == "quote" for t in tokens)
    noun = bool({t.text for t in tokens} & {"메일", "이메일", "mail", "email"})
    address = any(t.kind == "email" and t.particle in lx.RECIPIENT_PARTICLES for t in tokens)
    said = any(
        t.kind == "quote" and (t.particle or _next_text(tokens, i)) in lx.QUOTE_BODY_PARTICLES
        for i, t in enumerate(tokens)
    )
    return someone and (bool(labels and body) or said or (quoted and (noun or address)))


def _next_text(tokens: list[Token], index: int) -> str:
    return tokens[index + 1].text if index + 1 < len(tokens) else ""


def about_mail(tokens: list[Token], slots: Slots) -> bool:
    """Whether anything in the request points at mail: a mail noun, a folder, a filter, a page."""
    nouns = {t.text for t in tokens} & (lx.MAIL_NOUNS - PRONOUNS)
    return bool(
        nouns
        or slots.mail_noun
        or slots.folder
        or slots.sender
        or slots.words
        or slots.state
        or slots.deixis
        or any(t.kind in ("email", "quote") for t in tokens)
    )


def sent_to_trash(tokens: list[Token]) -> bool:
    """ "인사팀 메일 전부 휴지통으로": the trash as a destination, with no verb, is a delete."""
    korean = any(t.text == "휴지통" and t.particle in {"으로", "로"} for t in tokens)
    english = any(
        t.text in {"trash", "bin"} and (tokens[i - 1].text == "to" or _to_the(tokens, i))
        for i, t in enumerate(tokens)
        if i
    )
    return korean or english


def _to_the(tokens: list[Token], index: int) -> bool:
    """ "… to the trash": the two words before `index`."""
    return index >= 2 and [t.text for t in tokens[index - 2 : index]] == ["to", "the"]


# A bare word before a mail noun ("인사팀 메일", "박지현 메일") names the sender when it looks
# like a name: a team's name, or three syllables opening with a common Korean surname. Anything
# else ("출장비 메일", "Orion 메일") is a topic.
_TEAM_ENDINGS = (
    "팀", "부", "실", "센터", "님", "씨", "컨설팅", "회사", "은행", "카드", "그룹", "전자", "재단",
    "협회", "병원", "학교", "청구",
)  # fmt: skip
_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진"
)
_NOT_NAMES = frozenset({"이번주", "이번달", "지난주", "지난달", "오늘자", "어제자", "정산서"})


def looks_like_a_name(word: str, raw: str = "") -> bool:
    if raw[:1].isupper() and raw.isascii() and raw.isalpha():
        return True  # "Erin Walsh 메일"
    if word.endswith(_TEAM_ENDINGS) and len(word) >= 3:
        return True  # "IT보안팀", "한빛컨설팅"
    if word in _NOT_NAMES or not all("\uac00" <= ch <= "\ud7a3" for ch in word):
        return False
    # Three syllables opening with a surname is a person; five or more, a company's name.
    return (len(word) == 3 and word[0] in _SURNAMES) or len(word) >= 5


def bare_korean_sender(tokens: list[Token], slots: Slots) -> None:
    """ "인사팀 메일 지워줘": the name right before the mail noun, with no particle, sent them."""
    if slots.sender is not None:
        return
    for index, token in enumerate(tokens[:-1]):
        # "인사팀 최근 메일": an order or a read state may stand between the name and the noun.
        following = next(
            (t for t in tokens[index + 1 : index + 4] if t.text not in lx.MAIL_MODIFIERS), None
        )
        if (
            index not in slots.used
            and is_plain(token)
            and not token.particle
            and following is not None
            and following.text in lx.MAIL_NOUNS - PRONOUNS
            and looks_like_a_name(token.text, token.raw)
        ):
            start = index  # "클라우드호스트 청구팀 메일": the words before belong to the name
            while start > 0 and is_name_part(tokens[start - 1]):
                start -= 1
            slots.sender = " ".join(name_of(t) for t in tokens[start : index + 1])
            slots.used.update(range(start, index + 1))
            return
