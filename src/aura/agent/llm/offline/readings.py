"""Second readings of a request, once its words have filled the slots.

Some meaning lies in the whole request rather than in one word: a question about someone
("did Bob send me anything?") is a search, not a mail to send; "the newest mail" is one mail
though no number is given; a request about files or calendars is out of scope even when it uses
a mail verb.
"""

from aura.agent.llm.offline import lexicon as lx
from aura.agent.llm.offline.slots import PRONOUNS, Slots, is_plain, name_of
from aura.agent.llm.offline.tokens import Token

# "did Bob send me anything", "has Erin emailed me": the one named wrote, nothing is sent.
_ASKING = frozenset({"did", "has", "have", "does", "if", "whether"})
_SENT_VERBS = frozenset({"send", "sent", "email", "emailed", "mail", "mailed", "write", "wrote"})


def asked_sender(tokens: list[Token], used: set[int]) -> str | None:
    """ "did Bob send me anything?", "check if Erin Walsh emailed me": who is asked about."""
    for index, token in enumerate(tokens):
        if token.text not in _ASKING:
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


def not_mail(tokens: list[Token], slots: Slots, kind: str) -> bool:
    """A request about files, calendars, the weather...: out of scope, even with a mail verb."""
    words = {t.text for t in tokens if t.kind == "word"}
    if kind == "send" and words & lx.CHANNELS:
        return True
    nouns = {t.text for t in tokens} & (lx.MAIL_NOUNS - PRONOUNS)
    about_mail = nouns or slots.folder or any(t.kind == "email" for t in tokens)
    return bool(words & lx.NOT_MAIL) and not about_mail


def implied_count(tokens: list[Token], slots: Slots) -> int | None:
    """ "the newest mail", "가장 오래된 거", "the email from Priya": one mail, though no number."""
    words = {t.text for t in tokens}
    if slots.everything or words & {"any", "anything"}:
        return None
    if slots.order and words & lx.SUPERLATIVES:
        return 1
    singular = bool(words & lx.SINGULAR_NOUNS) and not words & (lx.MAIL_NOUNS - lx.SINGULAR_NOUNS)
    if singular and (slots.order or slots.sender or slots.words):
        return 1
    return None
