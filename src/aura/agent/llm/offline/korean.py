"""Korean role markers: particles that make a word the sender ("에게서", "님이 보낸", "의"), and
the topic words before "관련", "포함", "들어간"."""

from aura.agent.llm.offline import fillers as fw
from aura.agent.llm.offline import lexicon as lx
from aura.agent.llm.offline.slots import Slots, is_name_part, is_plain, name_of
from aura.agent.llm.offline.tokens import Token


def _next_content(tokens: list[Token], index: int) -> Token | None:
    """The next token past modifiers: "박지현님이 (가장 최근에 / 마지막으로) 보낸"."""
    for token in tokens[index + 1 : index + 4]:
        if token.text not in lx.MAIL_MODIFIERS and token.text not in fw.FILLERS:
            return token
    return None


def korean_slots(tokens: list[Token], slots: Slots) -> None:
    for index, token in enumerate(tokens):
        following = _next_content(tokens, index)
        named = token.kind == "email" or is_plain(token)
        if (
            (named and token.particle in lx.SENDER_PARTICLES)
            or (
                named
                and following is not None
                and following.text in lx.SENT_BY_WORDS
                and (
                    token.particle in lx.SENT_BY_PARTICLES
                    # "X한테 온/받은" came from X; "X한테 보낸" went to X
                    or (
                        token.particle in lx.RECIPIENT_PARTICLES
                        and not following.text.startswith(("보내", "보낸", "보냈"))
                    )
                )
            )
            or (
                named
                and token.particle in ("의", "님")
                and _owns_mail(tokens, index + 1)
                and (token.particle == "님" or not _follows_plain(tokens, index))
            )
        ):
            if slots.sender is None:
                # "클라우드호스트 청구팀에서": the plain words before the marked one are the name.
                start = index
                while start > 0 and is_name_part(tokens[start - 1]):
                    start -= 1
                slots.sender = " ".join(name_of(t) for t in tokens[start : index + 1])
                slots.used.update(range(start, index + 1))
        elif token.kind == "quote":
            slots.words.append(token.text)
            slots.used.add(index)
        elif following is not None and following.text in lx.WORDS_MARKERS_KO and named:
            slots.words.append(_topic(tokens, index, slots.used))


def _follows_plain(tokens: list[Token], index: int) -> bool:
    """ "acme 테넌트의 메일": the possessor is a phrase the grammar cannot read, not a sender."""
    return index > 0 and is_plain(tokens[index - 1]) and not tokens[index - 1].particle


def _owns_mail(tokens: list[Token], start: int) -> bool:
    """ "김철수의 (모든/최근 …) 메일": the words after a possessive lead to a mail noun."""
    for token in tokens[start:]:
        if token.text in lx.MAIL_NOUNS:
            return True
        if not (token.is_number or token.text in lx.MAIL_MODIFIERS):
            return False
    return False


def _topic(tokens: list[Token], end: int, used: set[int]) -> str:
    """Plain words ending at `end` ("분기 보고서 관련" → "분기 보고서")."""
    start = end
    while start > 0 and is_plain(tokens[start - 1]) and not tokens[start - 1].particle:
        start -= 1
    used.update(range(start, end + 1))
    return " ".join(name_of(token) for token in tokens[start : end + 1])
