"""What a mail request asks for: the intent and its slots, read off normalised tokens.

The grammar is small and explicit. Verbs decide the intent (with a fixed precedence, so
"읽음으로 표시" is a mark and not a read); the slots are read from role markers: Korean
particles ("김철수에게서" → sender, "김철수에게" → recipient, "'예산'이라는" → words) and English
prepositions ("from", "to", "about", "saying").
"""

from dataclasses import dataclass
from typing import Literal

from aura.agent.llm.offline import fillers as fw
from aura.agent.llm.offline import lexicon as lx
from aura.agent.llm.offline.composing import compose
from aura.agent.llm.offline.english import english_slots
from aura.agent.llm.offline.korean import korean_slots
from aura.agent.llm.offline.normalising import normalise
from aura.agent.llm.offline.numbers import parse_number
from aura.agent.llm.offline.readings import (
    about_mail,
    asked_sender,
    bare_korean_sender,
    dictates_a_mail,
    implied_count,
    not_mail,
    sent_to_trash,
)
from aura.agent.llm.offline.slots import (
    ARTICLES,
    PRONOUNS,
    Deixis,
    Slots,
    is_plain,
    without_title,
)
from aura.agent.llm.offline.tokens import Token, tokenize

IntentKind = Literal[
    "list", "search", "read", "summarise", "mark", "delete", "restore", "send", "unknown"
]
_PREPOSITIONS = frozenset({"in", "of", "for", "at", "on", "with", "to"})
_SUBJECTS = frozenset({"who", "has", "have", "did", "i", "you", "he", "she", "they", "just"})
# Words read with the unplaced word after them: "in tenant acme", "this week".
_LEADS = _PREPOSITIONS | {"this", "last", "next", "이번", "지난", "다음"}
_PERIODS = frozenset({"week", "month", "year", "morning", "afternoon", "evening", "weekend"})
_AS_STATE = frozenset({"걸로", "것으로", "거로", "상태로", "상태"})
_MARKING = frozenset({"mark", "make", "set", "turn", "change", "flag"})


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
    unparsed: tuple[str, ...] = ()
    """Words the grammar could not place (a qualifier it does not know), as written."""

    @property
    def has_filter(self) -> bool:
        return bool(self.sender or self.words or self.state)


def _read_words(tokens: list[Token], slots: Slots) -> None:
    for index, token in enumerate(tokens):
        word = token.text
        previous = tokens[index - 1].text if index else ""
        if token.kind == "word":
            _read_word(tokens, index, word, previous, slots)
            if word == "read":
                slots.used.add(index)
        elif token.is_number and slots.count is None:
            slots.count = token.number
        if token.kind == "word" and slots.count is None and _next_is_mail(tokens, index):
            # "선택한 두 메일": an attributive numeral right before the noun counts too.
            number = parse_number(word, before_counter=True)
            if number is not None:
                slots.count = number
                slots.used.add(index)
        if token.kind == "word" and word in lx.MAIL_NOUNS:
            slots.mail_noun = True


def _read_word(tokens: list[Token], index: int, word: str, previous: str, slots: Slots) -> None:
    if word in {"email", "mail", "message"} and _opens_request(tokens, index):
        slots.verbs.append("send")
    elif word in lx.ENGLISH_VERBS and not (
        word == "trash" and previous in {"to", "the", "in", "my", "from"}
    ):
        slots.verbs.append(lx.ENGLISH_VERBS[word])
    elif word == "read":
        _read_english_read(tokens, index, previous, slots)
    elif word == "tell" and _addressee_follows(tokens, index):
        slots.verbs.append("send")  # "tell erin@x.com that …"; "tell me …" asks for an answer
    elif word == "who" and any(t.text in {"emailed", "sent", "wrote", "mailed"} for t in tokens):
        slots.verbs.append("list")  # "who emailed me most recently?"
        slots.mail_noun = True
    elif (verb := _korean_verb(tokens[index], word)) is not None:
        slots.verbs.append(verb)
    elif word in {"내용", "본문"}:
        slots.verbs.append("summarise")  # "메일 내용 알려줘"; a mail to send outranks it
    if word in lx.ORDERS and not (previous == "to" and slots.order):
        slots.order = lx.ORDERS[word]  # "from oldest to newest": the first one says the order
    sent_by = word in lx.SENT_BY_WORDS and any(
        t.particle in (lx.SENT_BY_PARTICLES | lx.SENDER_PARTICLES | lx.RECIPIENT_PARTICLES)
        for t in _modified_by(tokens, index)
    )
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    # "who sent me the last email": a verb, not the sent folder.
    named_before = index > 0 and tokens[index - 1].raw[:1].isupper()  # "the emails Carol sent"
    sent_verb = word == "sent" and (
        previous in _SUBJECTS or following in {"me", "to", "by"} or named_before
    )
    if (
        word in lx.FOLDERS
        and slots.folder is None
        and not sent_by
        and not sent_verb
        and not (word == "bin" and previous not in {"the", "to", "in"})
    ):
        slots.folder = lx.FOLDERS[word]
        source = previous in {"from", "of"} or tokens[index].particle in {"에서", "에서는"}
        if source or (previous == "the" and index > 1 and tokens[index - 2].text in {"of", "from"}):
            slots.out_of_trash = slots.folder == "trash"
    negated = word in {"않은", "않음"} and previous in lx.NEGATIONS
    if (word in lx.STATES or negated) and following in _AS_STATE:
        # "안 읽은 걸로 표시", "읽지 않은 걸로 바꿔": the state to mark, not a filter
        slots.mark_as = "unread" if negated or previous in lx.NEGATIONS else lx.STATES[word]
        slots.verbs.append("mark")
        return
    last = all(t.text in fw.IGNORABLE or t.text in fw.FILLERS for t in tokens[index + 1 :])
    marking = any(t.text in _MARKING for t in tokens[:index])
    if word in lx.STATES and (previous in {"as", "to", "mark"} or (last and marking)):
        slots.mark_as = lx.STATES[word]  # "mark … as unread", "mark the selected email unread"
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
    elif word == "open" and previous in {"have", "is", "got", "currently"}:
        slots.deixis = "item"  # "the mail I have open"
    elif (
        word in lx.DEIXIS_ITEM
        and slots.deixis is None
        and tokens[index].raw != "IT"
        and following not in _PERIODS  # "this week" is a time, not the open mail
    ):
        slots.deixis = "item"
    if word in lx.ALL_WORDS:
        slots.everything = True


def _modified_by(tokens: list[Token], index: int) -> list[Token]:
    """The token before `index` and, past modifiers ("마지막으로"), the one before those."""
    before: list[Token] = []
    for token in reversed(tokens[max(index - 3, 0) : index]):
        before.append(token)
        if token.text not in lx.MAIL_MODIFIERS and token.text not in fw.FILLERS:
            break
    return before


def _korean_verb(token: Token, word: str) -> lx.Verb | None:
    """The verb of a Korean word, from its stem or as written ("뭐라고" splits as 뭐 + 라고)."""
    if word in lx.KNOWN_WORDS:
        return None
    return lx.korean_verb(word) or lx.korean_verb(token.raw)


_NOT_YET = frozenset({"haven't", "havent", "not", "didn't", "never", "hasn't", "yet"})
_OPENERS = frozenset({"please", "pls", "can", "could", "would", "you", "hey", "hi", "ok", "okay"})


def _addressee_follows(tokens: list[Token], index: int) -> bool:
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return following is not None and (following.kind == "email" or following.raw[:1].isupper())


def _next_is_mail(tokens: list[Token], index: int) -> bool:
    return index + 1 < len(tokens) and tokens[index + 1].text in lx.MAIL_NOUNS - PRONOUNS


def _opens_request(tokens: list[Token], index: int) -> bool:
    """ "email Kim …", "please message Kim …"; not "is there an email from …"."""
    return all(token.text in _OPENERS for token in tokens[:index])


def _read_english_read(tokens: list[Token], index: int, previous: str, slots: Slots) -> None:
    """ "read" is a verb at the start of a request, a state after "as" or before a noun."""
    before = [t.text for t in tokens[:index] if t.text not in fw.FILLERS]
    # "all read" is a state ("delete all read mails") unless a mark verb came first.
    set_to = previous == "to" and any(t.text in _MARKING for t in tokens[:index])
    if previous == "as" or set_to or any(verb == "mark" for verb in slots.verbs):
        slots.mark_as = "unread" if previous == "not" else "read"
        if "mark" not in slots.verbs:
            slots.verbs.append("mark")
    elif not before:
        slots.verbs.append("read")
    else:
        # "emails I haven't read": unread; "read mails": read
        slots.state = "unread" if previous in _NOT_YET else "read"


def _unparsed(tokens: list[Token], used: set[int]) -> tuple[str, ...]:
    """Runs of words no rule of the grammar read, as written ("in tenant acme" → "tenant acme")."""
    runs: list[list[str]] = []
    last = -2
    for index, token in enumerate(tokens):
        if index in used or not (is_plain(token) or token.kind in ("email", "quote")):
            continue
        # `last` starts at -2, so index 0 must not read tokens[-1] as the filler between runs.
        if runs and (
            index == last + 1 or (index == last + 2 and tokens[last + 1].text in fw.FILLERS)
        ):
            runs[-1].append(token.raw)
        elif index and tokens[index - 1].text in _LEADS and index - 1 not in used:
            runs.append([tokens[index - 1].raw, token.raw])  # "in tenant acme" reads whole
        else:
            runs.append([token.raw])
        last = index
    return tuple(" ".join(run) for run in runs)


def _kind(slots: Slots) -> IntentKind:
    verbs = slots.verbs
    for verb in ("mark", "send", "restore", "delete"):
        if verb in verbs:
            return verb  # type: ignore[return-value]
    if "move" in verbs:
        into_trash = slots.folder == "trash" and not slots.out_of_trash
        return "delete" if into_trash else "restore"
    for verb in ("summarise", "read", "search"):
        if verb in verbs:
            return verb  # type: ignore[return-value]
    about_mail = bool(slots.mail_noun or slots.sender or slots.words or slots.state or slots.folder)
    if about_mail and (
        "list" in verbs or slots.mail_noun or slots.sender or slots.state or slots.folder
    ):
        return "search" if slots.sender or slots.words else "list"
    return "unknown"


def _nothing_about_mail(tokens: list[Token], slots: Slots, kind: IntentKind) -> bool:
    """ "find my keys", "delete the meeting on friday": a verb that mail also uses, about
    something that is not mail. Marking and summarising can only mean mail."""
    if kind in ("mark", "summarise", "read", "send"):
        return False
    leftover = bool(_unparsed(tokens, slots.used))
    if about_mail(tokens, slots):
        # "order new office chairs": a read state alone is weak evidence beside unknown words.
        strong = slots.mail_noun or slots.folder or slots.sender or slots.words or slots.deixis
        return kind in ("list", "search") and leftover and not strong
    return kind in ("list", "search") or leftover


_HELPERS = ("해", "하", "주", "줄", "부탁", "있", "없", "드려", "드리")
_ASKING_ENDINGS = ("해줘", "해", "해주세요", "해줄래", "해줄래요", "하세요", "해요", "해봐", "해라")


def _unknown_action(tokens: list[Token], slots: Slots) -> bool:
    """ "이 메일 번역해줘", "translate this email": an action on mail that Aura does not know."""
    if any(verb != "list" for verb in slots.verbs) and slots.verbs:
        return False
    for index, token in enumerate(tokens):
        raw = token.raw
        if index in slots.used or token.kind != "word" or raw.isascii() or raw.startswith(_HELPERS):
            continue
        if (
            raw.endswith(_ASKING_ENDINGS)
            and lx.korean_verb(raw) is None
            and raw not in fw.IGNORABLE
        ):
            return True
    opening = next((i for i, t in enumerate(tokens) if t.text not in fw.IGNORABLE), None)
    if opening is None or slots.verbs:
        return False
    first = tokens[opening]
    return (
        opening not in slots.used
        and first.kind == "word"
        and first.raw.isascii()
        and first.raw.islower()
        and is_plain(first)
        and first.text not in lx.MAIL_KINDS
    )


def _only_pronoun_points(tokens: list[Token], slots: Slots) -> bool:
    pointing = {t.text for t in tokens if t.text in lx.DEIXIS_ITEM}
    qualified = slots.order or slots.sender or slots.words or slots.state or slots.count
    return pointing <= {"it"} and bool(qualified)


def _kinds_of_mail(tokens: list[Token], slots: Slots) -> None:
    """ "delete all the security notices", "unread newsletters": mail, about that kind."""
    for index, token in enumerate(tokens):
        if token.text not in lx.MAIL_KINDS or index in slots.used:
            continue
        slots.mail_noun = True
        start = index
        while start > 0 and start - 1 not in slots.used and is_plain(tokens[start - 1]):
            start -= 1
        if start == index and (slots.sender or slots.words):
            slots.used.add(index)
            return  # "the newsletters from Tech Weekly": the sender already says which
        slots.words.append(" ".join(t.raw for t in tokens[start : index + 1]))
        slots.used.update(range(start, index + 1))
        return


_ORGANISATIONS = ("컨설팅", "회사", "은행", "카드", "그룹", "전자", "재단", "협회")


def _person(sender: str) -> str:
    """ "한빛컨설팅 이지은" → "이지은": the mailbox names the person, the company in brackets."""
    parts = sender.split()
    if len(parts) > 1 and parts[0].endswith(_ORGANISATIONS):
        return " ".join(parts[1:])
    return sender


def _singular(words: str) -> str:
    """ "invoices" → "invoice": the search matches parts of words, so the stem finds both."""
    last = words.rsplit(" ", 1)[-1]
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is"))
    if last.isascii() and last.isalpha() and last.islower() and len(last) > 4 and plural:
        return words[:-1]
    return words


def _object_topic(tokens: list[Token], slots: Slots) -> None:
    """ "restore all invoices from the trash": with a folder named and no mail noun, the plain
    word the verb acts on is what the mails are about."""
    if slots.folder is None or slots.mail_noun or slots.words or slots.sender:
        return
    for index, token in enumerate(tokens):
        if index not in slots.used and is_plain(token) and token.raw.isascii():
            previous = tokens[index - 1].text if index else ""
            if previous in lx.ALL_WORDS | ARTICLES | set(lx.ENGLISH_VERBS):
                slots.words.append(token.raw)
                slots.used.add(index)
                return


def parse_request(prompt: str) -> Intent:
    """The intent of a prompt; `unknown` when it is not a mail request this grammar knows."""
    tokens = tokenize(normalise(prompt), lx.KNOWN_WORDS | fw.FILLERS | fw.IGNORABLE)
    slots = Slots()
    _read_words(tokens, slots)
    english_slots(tokens, slots)
    korean_slots(tokens, slots)
    if "delete" in slots.verbs and any(t.text.startswith("취소") for t in tokens):
        slots.verbs = ["restore"]  # "삭제 취소해줘": undo the delete
    bare_korean_sender(tokens, slots)
    _object_topic(tokens, slots)
    _kinds_of_mail(tokens, slots)
    if sent_to_trash(tokens) and set(slots.verbs) <= {"send"}:
        slots.verbs = ["move"]  # "휴지통으로 보내줘": into the trash, not a mail to send
    kind = _kind(slots)
    if set(slots.verbs) <= {"list", "summarise"} and dictates_a_mail(tokens):
        kind = "send"  # "kim@x.com한테 메일: 제목 …, 내용 …" needs no verb
    if kind == "read" and slots.folder and not slots.mail_noun and not slots.deixis:
        kind = "list"  # "휴지통 좀 열어봐": open the folder, not a mail in it
    if slots.out_of_trash and any(t.text.startswith("가져") for t in tokens):
        kind = "restore"  # "휴지통에서 다시 가져와"
    words = {t.text for t in tokens}
    if kind == "unknown" and slots.deixis == "item" and words & {"what", "what's", "뭐", "무슨"}:
        kind = "summarise"  # "what's this about?" with a mail open
    asks_what = bool(words & {"what", "what's"}) and slots.order and not slots.mail_noun
    inside = bool(words & {"what", "what's"}) and "in" in words and slots.mail_noun
    if kind in ("list", "search") and (asks_what or (inside and not slots.folder)):
        kind = "summarise"  # "what's the latest from Tech Weekly?": read it
    if slots.deixis == "item" and _only_pronoun_points(tokens, slots):
        slots.deixis = None  # "restore the oldest email … restore it": "it" is that mail
    asker = asked_sender(tokens, slots.used)
    if asker is not None:
        if kind in ("send", "list", "search", "unknown"):  # "did Bob send …" sends nothing
            kind = "summarise" if any(t.text in {"what", "뭐"} for t in tokens) else "search"
        slots.sender = slots.sender or asker
    if not_mail(tokens, slots, kind) or _nothing_about_mail(tokens, slots, kind):
        return Intent(kind="unknown")
    if kind not in ("send", "mark") and _unknown_action(tokens, slots):
        return Intent(kind="unknown")
    ends_with_about = bool(tokens) and tokens[-1].text == "about"
    if kind in ("list", "search") and (slots.deixis == "item" or ends_with_about):
        kind = "summarise"  # "what's this email about?": the open mail, read
    if kind == "send":
        mail = compose(tokens, prompt)
        return Intent(
            kind="send",
            recipients=mail.addresses,
            recipient_names=tuple(without_title(name) for name in mail.names),
            subject=mail.subject,
            body=mail.body,
            unparsed=_unparsed(tokens, slots.used | mail.used),
        )
    folder = slots.folder
    if kind == "delete" and slots.out_of_trash:
        return Intent(kind="unknown")  # mails in the trash cannot be deleted for good here
    if kind == "delete" and folder == "trash":
        folder = None  # "휴지통으로 옮겨" names where the mails go, not where they are
    if kind == "restore":
        folder = "trash"
    return Intent(
        kind=kind,
        count=slots.count if slots.count is not None else implied_count(tokens, slots),
        order=slots.order,
        state=slots.state if kind != "mark" or slots.state != slots.mark_as else None,
        folder=folder,
        sender=_person(without_title(slots.sender)) if slots.sender else None,
        words=" ".join(dict.fromkeys(_singular(w) for w in slots.words)) or None,
        deixis=slots.deixis,
        everything=slots.everything,
        mark_as=slots.mark_as or "read",
        unparsed=_unparsed(tokens, slots.used) if kind != "unknown" else (),
    )
