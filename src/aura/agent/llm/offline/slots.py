"""The slots a request fills as it is read, and the word classes the readers share.

A plain word is one the grammar gives no role of its own: a name or a topic, which becomes a
slot's value only where a role marker (a particle, a preposition) or its position says so.
"""

from dataclasses import dataclass, field
from typing import Literal

from aura.agent.llm.offline import fillers as fw
from aura.agent.llm.offline import lexicon as lx
from aura.agent.llm.offline.tokens import Token

Deixis = Literal["item", "selected"]


@dataclass
class Slots:
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
    out_of_trash: bool = False
    """The trash named as where mails come from ("out of the trash", "휴지통에서")."""
    used: set[int] = field(default_factory=set)
    """Indices of the plain tokens read as a slot value (a sender, a topic)."""


ARTICLES = frozenset({"the", "a", "an", "my"})
PRONOUNS = frozenset({"it", "them", "one", "ones", "것", "거", "건"})


_ENDINGS = ("요", "줘", "래", "까", "니", "다", "세요", "해", "줄래", "나요", "어", "야")


_HELPERS = ("주", "줄", "드려", "드리", "해", "하", "부탁", "있", "없")


def is_auxiliary(text: str) -> bool:
    """ "줄래", "있어요", "주시겠어요": politeness and verb endings, never a slot's value."""
    if not text.endswith(_ENDINGS) or lx.korean_verb(text) is not None:
        return False
    return len(text) <= 4 or text.startswith(_HELPERS)


def is_plain(token: Token) -> bool:
    """A content word that carries no grammar of its own (a name, a topic)."""
    return (
        token.kind == "word"
        and not (token.text and "\uac00" <= token.text[0] <= "\ud7a3" and is_auxiliary(token.text))
        and token.text not in lx.KNOWN_WORDS
        and token.text not in fw.FILLERS
        and token.text not in fw.IGNORABLE
        and token.text not in lx.ENGLISH_VERBS
        and token.text not in lx.WORDS_MARKERS_EN
        and token.text not in lx.BODY_MARKERS_EN
        and token.text not in {"from", "by", "to", "as", "read", "unread"}
        and lx.korean_verb(token.text) is None
    )


def is_name_part(token: Token) -> bool:
    """A word that can open a multiword name: a plain word or an acronym ("IT 보안팀")."""
    acronym = token.raw.isascii() and token.raw.isupper() and len(token.raw) >= 2
    return (is_plain(token) or acronym) and not token.particle


def name_of(token: Token) -> str:
    text = token.text if token.kind == "email" else token.raw
    if token.kind == "word" and token.particle:
        text = token.raw[: len(token.raw) - len(token.particle)]
    for suffix in ("님", "'s", "’s"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    return text


def without_title(name: str) -> str:
    """ "정민호 팀장" / "정민호팀장" → "정민호": the mailbox knows people by name, not rank."""
    words = name.split()
    while len(words) > 1 and words[-1] in lx.TITLES:
        words.pop()
    last = words[-1] if words else ""
    for title in lx.TITLES:
        if last.endswith(title) and len(last) - len(title) >= 2 and not last.isascii():
            words[-1] = last[: -len(title)]
            break
    return " ".join(words) or name
