"""The parts of a mail to send, read off a request: recipients, subject, body.

Korean: "김철수에게 '내일 회의는 취소입니다'라고 메일 보내줘", "kim@x.com으로 제목 '예산' 내용
'검토 부탁드립니다' 메일 보내줘", "김철수에게 내일 회의 취소 메일 보내줘" (the words between the
recipient and the mail noun become the subject and the body). English: "send an email to
x@y.com saying ...", "email Kim about the budget saying ...", "subject '...'".
"""

from dataclasses import dataclass

from aura.agent.llm.offline import fillers as fw
from aura.agent.llm.offline import lexicon as lx
from aura.agent.llm.offline.letters import read_letter
from aura.agent.llm.offline.slots import is_name_part
from aura.agent.llm.offline.tokens import Token

SUBJECT_WORDS = 8
_ADDRESSING = frozenset({"to", "email", "send", "message", "shoot", "mail", "write", "text"})


@dataclass(frozen=True)
class Composition:
    addresses: tuple[str, ...]
    names: tuple[str, ...]
    subject: str | None
    body: str | None
    used: frozenset[int]
    """Indices of the tokens read as a recipient, the subject or the body."""


def _stem(token: Token) -> str:
    if token.kind in ("quote", "email"):
        return token.text
    raw = token.raw
    return raw[: len(raw) - len(token.particle)] if token.particle else raw


def _recipients(tokens: list[Token], used: set[int]) -> tuple[list[str], list[str], int]:
    """Addresses and names the mail goes to, and where the recipient phrase ends."""
    addresses: list[str] = []
    names: list[str] = []
    end = -1
    for index, token in enumerate(tokens):
        previous = tokens[index - 1].text if index else ""
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        # A label ends the recipients ("message Carol ..." opens with the verb, and "a message
        # to Carol" names the mail, not its body).
        if (
            index
            and token.text in lx.BODY_MARKERS_EN | {"saying", "about", "subject"}
            and not (previous in {"a", "an", "the"} and following in {"to", "for"})
        ):
            break
        if (
            token.kind == "email"
            and (
                token.particle in lx.ADDRESS_PARTICLES or previous in {"to", "email", "mail", "and"}
            )
        ) or (token.kind == "email" and not token.particle and not addresses):
            addresses.append(token.text)
            end = index
            used.add(index)
        elif token.kind == "word" and token.particle in lx.RECIPIENT_PARTICLES:
            # "정민호 과장님께": the name may come before a title that carries the particle.
            start = index
            while start > 0 and start - 1 not in used and is_name_part(tokens[start - 1]):
                start -= 1
            parts = [_stem(t) for t in tokens[start:index]] + [_stem(token).removesuffix("님")]
            names.append(" ".join(parts))
            end = index
            used.update(range(start, index + 1))
        elif token.kind == "word" and previous in _ADDRESSING and _is_name(token):
            name = [_stem(token)]
            used.add(index)
            # "Carol Nguyen", "David Kim": the capitalised words that follow belong to the name.
            for later in range(index + 1, min(index + 3, len(tokens))):
                nxt = tokens[later]
                if nxt.kind != "word" or not nxt.raw[:1].isupper() or not _is_name(nxt):
                    break
                name.append(_stem(nxt))
                used.add(later)
            names.append(" ".join(name))
            end = index
    return addresses, names, end


def _is_name(token: Token) -> bool:
    word = token.text
    return (
        word not in lx.MAIL_NOUNS
        and word not in fw.FILLERS
        and word not in fw.IGNORABLE
        and word not in lx.ENGLISH_VERBS
        and word not in lx.BODY_MARKERS_EN
        and word not in lx.WORDS_MARKERS_EN
    )


def _span(tokens: list[Token]) -> str | None:
    text = " ".join(_stem(token) for token in tokens).strip()
    return text or None


def _until_marker(tokens: list[Token], start: int) -> list[Token]:
    taken: list[Token] = []
    for token in tokens[start:]:
        if token.text in lx.BODY_MARKERS_EN | lx.KOREAN_BODY_WORDS | {"saying"}:
            break
        taken.append(token)
    return taken


def _english_parts(tokens: list[Token], used: set[int]) -> tuple[str | None, str | None]:
    subject: str | None = None
    body: str | None = None
    for index, token in enumerate(tokens):
        word = token.text if token.kind == "word" else ""
        if word in {"saying", "says", "telling"} or (word == "body" and body is None):
            rest = tokens[index + 1 :]
            if rest and rest[0].text in {"that", "them", "him", "her", "is"}:
                rest = rest[1:]
            body = _span(rest)
            used.update(range(index, len(tokens)))
            break
        if word in {"about", "regarding", "titled", "subject"} and subject is None:
            taken = _until_marker(tokens, index + 1)
            subject = _span(taken)
            used.update(range(index, index + 1 + len(taken)))
    return subject, body


def _korean_parts(tokens: list[Token], after: int, used: set[int]) -> tuple[str | None, str | None]:
    subject: str | None = None
    body: str | None = None
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.text in lx.KOREAN_SUBJECT_WORDS and following is not None:
            subject = following.text if following.kind == "quote" else _stem(following)
            used.add(index + 1)
        elif token.text in lx.KOREAN_BODY_WORDS and following is not None:
            body = following.text if following.kind == "quote" else _stem(following)
            used.add(index + 1)
        elif token.particle in lx.QUOTE_BODY_PARTICLES and body is None:
            if token.kind == "quote":
                body = token.text
                used.add(index)
            else:
                body = _span(tokens[after + 1 : index + 1])
                used.update(range(after + 1, index + 1))
    if subject is None and body is None:
        words = [
            t
            for t in tokens[after + 1 :]
            if t.text not in lx.MAIL_NOUNS
            and t.text not in fw.FILLERS
            and lx.korean_verb(t.text) is None
        ]
        subject = body = _span(words)
        used.update(range(after + 1, len(tokens)))
    return subject, body


def compose(tokens: list[Token], prompt: str) -> Composition:
    """`prompt` is the request as written: the subject and body are cut from it verbatim."""
    used: set[int] = set()
    addresses, names, end = _recipients(tokens, used)
    letter = read_letter(prompt)
    korean = any(token.particle for token in tokens) or any(
        token.text in lx.KOREAN_SUBJECT_WORDS | lx.KOREAN_BODY_WORDS for token in tokens
    )
    if letter.subject or letter.body:
        subject, body = letter.subject, letter.body
        used.update(range(len(tokens)))
    elif korean:
        subject, body = _korean_parts(tokens, end, used)
    else:
        subject, body = _english_parts(tokens, used)
    if body is None and subject is not None:
        body = subject
    if subject is None and body is not None:
        words = body.split()
        subject = " ".join(words[:SUBJECT_WORDS]) + ("…" if len(words) > SUBJECT_WORDS else "")
    return Composition(tuple(addresses), tuple(names), subject, body, frozenset(used))
