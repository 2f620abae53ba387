"""What a mail request asks for: the intent and its slots, read off normalised tokens.

The grammar is small and explicit. Verbs decide the intent (with a fixed precedence, so
"읽음으로 표시" is a mark and not a read); the slots are read from role markers: Korean
particles ("김철수에게서" → sender, "김철수에게" → recipient, "'예산'이라는" → words) and English
prepositions ("from", "to", "about", "saying").
"""

from dataclasses import dataclass, field
from typing import Literal

from aura.agent.llm.offline import lexicon as lx
from aura.agent.llm.offline.composing import compose
from aura.agent.llm.offline.tokens import Token, tokenize

IntentKind = Literal[
    "list", "search", "read", "summarise", "mark", "delete", "restore", "send", "unknown"
]
Deixis = Literal["item", "selected"]


@dataclass(frozen=True)
class Intent:
    kind: IntentKind
    count: int | None = None
    order: lx.Order | None = None
    state: lx.State | None = None
    folder: lx.FolderWord | None = None
    sender: str | None = None
    words: str | None = None
    deixis: Deixis | None = None
    everything: bool = False
    mark_as: lx.State = "read"
    recipients: tuple[str, ...] = ()
    recipient_names: tuple[str, ...] = ()
    subject: str | None = None
    body: str | None = None

    @property
    def has_filter(self) -> bool:
        return bool(self.sender or self.words or self.state)


@dataclass
class _Slots:
    verbs: list[lx.Verb] = field(default_factory=list)
    count: int | None = None
    order: lx.Order | None = None
    state: lx.State | None = None
    mark_as: lx.State | None = None
    folder: lx.FolderWord | None = None
    sender: str | None = None
    words: list[str] = field(default_factory=list)
    deixis: Deixis | None = None
    everything: bool = False
    mail_noun: bool = False


def _is_plain(token: Token) -> bool:
    """A content word that carries no grammar of its own (a name, a topic)."""
    return (
        token.kind == "word"
        and token.text not in lx.KNOWN_WORDS
        and token.text not in lx.FILLERS
        and token.text not in lx.ENGLISH_VERBS
        and token.text not in lx.WORDS_MARKERS_EN
        and token.text not in lx.BODY_MARKERS_EN
        and token.text not in {"from", "by", "to", "as"}
        and lx.korean_verb(token.text) is None
    )


def _name(token: Token) -> str:
    text = token.text if token.kind == "email" else token.raw
    if token.kind == "word" and token.particle:
        text = token.raw[: len(token.raw) - len(token.particle)]
    for suffix in ("님", "'s", "’s"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    return text


def _english_phrase(tokens: list[Token], start: int, limit: int = 4) -> str | None:
    """Plain words from `start`, as written: the value after "from", "about", ..."""
    taken: list[str] = []
    for token in tokens[start : start + limit]:
        if token.kind in ("email", "quote"):
            return token.text if not taken else " ".join(taken)
        if not _is_plain(token) or token.particle:
            if token.kind == "word" and token.particle and _is_plain(token):
                taken.append(_name(token))
            break
        taken.append(_name(token))
    return " ".join(taken) or None


def _read_words(tokens: list[Token], slots: _Slots) -> None:
    for index, token in enumerate(tokens):
        word = token.text
        previous = tokens[index - 1].text if index else ""
        if token.kind == "word":
            _read_word(tokens, index, word, previous, slots)
        elif token.is_number and slots.count is None:
            slots.count = token.number
        if token.kind == "word" and word in lx.MAIL_NOUNS:
            slots.mail_noun = True


def _read_word(tokens: list[Token], index: int, word: str, previous: str, slots: _Slots) -> None:
    if word in {"email", "mail"} and _opens_request(tokens, index):
        slots.verbs.append("send")
    elif word in lx.ENGLISH_VERBS and not (word == "trash" and previous in {"to", "the", "in"}):
        slots.verbs.append(lx.ENGLISH_VERBS[word])
    elif word == "read":
        _read_english_read(tokens, index, previous, slots)
    elif (verb := lx.korean_verb(word)) is not None and word not in lx.KNOWN_WORDS:
        slots.verbs.append(verb)
    if word in lx.ORDERS:
        slots.order = lx.ORDERS[word]
    sent_by = (
        word in lx.SENT_BY_WORDS
        and index
        and tokens[index - 1].particle in (lx.SENT_BY_PARTICLES | lx.SENDER_PARTICLES)
    )
    if (
        word in lx.FOLDERS
        and slots.folder is None
        and not sent_by
        and not (word == "bin" and previous not in {"the", "to", "in"})
    ):
        slots.folder = lx.FOLDERS[word]
    if word in lx.STATES and previous == "as":
        slots.mark_as = lx.STATES[word]
        slots.verbs.append("mark")
    elif word in lx.MARK_STATES:
        slots.mark_as = "unread" if previous in lx.NEGATIONS else lx.MARK_STATES[word]
        slots.verbs.append("mark")
    elif word in {"읽은", "않은"} and previous in lx.NEGATIONS:
        slots.state = "unread"
    elif word in lx.STATES:
        slots.state = lx.STATES[word]
    if word in lx.DEIXIS_SELECTED:
        slots.deixis = "selected"
    elif word in lx.DEIXIS_ITEM and slots.deixis is None:
        slots.deixis = "item"
    if word in lx.ALL_WORDS:
        slots.everything = True


def _opens_request(tokens: list[Token], index: int) -> bool:
    return all(token.text in lx.FILLERS for token in tokens[:index])


def _read_english_read(tokens: list[Token], index: int, previous: str, slots: _Slots) -> None:
    """ "read" is a verb at the start of a request, a state after "as" or before a noun."""
    before = [t.text for t in tokens[:index] if t.text not in lx.FILLERS]
    if previous in {"as", "all"} or any(verb == "mark" for verb in slots.verbs):
        slots.mark_as = "unread" if previous == "not" else "read"
        if "mark" not in slots.verbs:
            slots.verbs.append("mark")
    elif not before:
        slots.verbs.append("read")
    else:
        slots.state = "read"


def _english_slots(tokens: list[Token], slots: _Slots) -> None:
    for index, token in enumerate(tokens):
        word = token.text if token.kind == "word" else ""
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if word in {"from", "by"} and following not in lx.FOLDERS and following != "the":
            slots.sender = slots.sender or _english_phrase(tokens, index + 1)
        elif word in lx.WORDS_MARKERS_EN - {"with", "subject"}:
            phrase = _english_phrase(tokens, index + 1)
            if phrase:
                slots.words.append(phrase)
        elif token.kind == "word" and token.text.endswith(("'s", "’s")) and _is_plain(token):
            slots.sender = slots.sender or _name(token)


def _korean_slots(tokens: list[Token], slots: _Slots) -> None:
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        named = token.kind == "email" or _is_plain(token)
        if (
            (named and token.particle in lx.SENDER_PARTICLES)
            or (
                named
                and following is not None
                and following.text in lx.SENT_BY_WORDS
                and token.particle in lx.SENT_BY_PARTICLES
            )
            or (
                named
                and token.particle in ("의", "님")
                and following
                and following.text in (lx.MAIL_NOUNS)
            )
        ):
            slots.sender = slots.sender or _name(token)
        elif token.kind == "quote":
            slots.words.append(token.text)
        elif following is not None and following.text in lx.WORDS_MARKERS_KO and named:
            slots.words.append(_topic(tokens, index))


def _topic(tokens: list[Token], end: int) -> str:
    """Plain words ending at `end` ("분기 보고서 관련" → "분기 보고서")."""
    start = end
    while start > 0 and _is_plain(tokens[start - 1]) and not tokens[start - 1].particle:
        start -= 1
    return " ".join(_name(token) for token in tokens[start : end + 1])


def _kind(slots: _Slots) -> IntentKind:
    verbs = slots.verbs
    for verb in ("mark", "send", "restore", "delete"):
        if verb in verbs:
            return verb  # type: ignore[return-value]
    if "move" in verbs:
        return "delete" if slots.folder == "trash" else "restore"
    for verb in ("summarise", "read", "search"):
        if verb in verbs:
            return verb  # type: ignore[return-value]
    about_mail = bool(slots.mail_noun or slots.sender or slots.words or slots.state or slots.folder)
    if about_mail and ("list" in verbs or slots.mail_noun or slots.sender or slots.state):
        return "search" if slots.sender or slots.words else "list"
    return "unknown"


def parse_request(prompt: str) -> Intent:
    """The intent of a prompt; `unknown` when it is not a mail request this grammar knows."""
    tokens = tokenize(prompt, lx.KNOWN_WORDS)
    slots = _Slots()
    _read_words(tokens, slots)
    _english_slots(tokens, slots)
    _korean_slots(tokens, slots)
    kind = _kind(slots)
    if kind == "send":
        mail = compose(tokens)
        return Intent(
            kind="send",
            recipients=mail.addresses,
            recipient_names=mail.names,
            subject=mail.subject,
            body=mail.body,
        )
    folder = slots.folder
    if kind == "delete" and folder == "trash":
        folder = None  # "휴지통으로 옮겨" names where the mails go, not where they are
    if kind == "restore":
        folder = "trash"
    return Intent(
        kind=kind,
        count=slots.count,
        order=slots.order,
        state=slots.state if kind != "mark" or slots.state != slots.mark_as else None,
        folder=folder,
        sender=slots.sender,
        words=" ".join(slots.words) or None,
        deixis=slots.deixis,
        everything=slots.everything,
        mark_as=slots.mark_as or "read",
    )
