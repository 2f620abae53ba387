"""Normalised tokens of a prompt.

Quoted text and e-mail addresses are lifted out first (they are values, never grammar); the
rest is split on spaces and punctuation, lower-cased, and Korean particles are split off the
word they are attached to ("김철수에게서" → "김철수" + "에게서"), so the grammar sees stems and
the role markers that follow them.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from aura.agent.llm.offline.numbers import COUNTERS, parse_number, split_counter

TokenKind = Literal["word", "quote", "email", "number"]

_QUOTES = re.compile(
    r"\"([^\"]+)\"|“([^”]+)”|‘([^’]+)’|「([^」]+)」|『([^』]+)』|(?:(?<=\s)|^)'([^']+)'(?![A-Za-z])"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PLACEHOLDER = re.compile(r"^\x00(\d+)\x00(.*)$")
_SEPARATORS = re.compile(r"[\s,.!?;:()\[\]{}~…/]+")

# Longest first: the first suffix that leaves a non-empty stem wins.
PARTICLES = tuple(
    sorted(
        [
            "으로부터",
            "이에요",
            "인가요",
            "이야",
            "예요",
            "인가",
            "인지",
            "이지",
            "에게서",
            "한테서",
            "로부터",
            "이라는",
            "이라고",
            "님에게",
            "님한테",
            "님께서",
            "에서는",
            "에서도",
            "님께",
            "님이",
            "님의",
            "님은",
            "님을",
            "님도",
            "님과",
            "에게",
            "한테",
            "께서",
            "에서",
            "으로",
            "라는",
            "라고",
            "이랑",
            "하고",
            "까지",
            "부터",
            "처럼",
            "보다",
            "에는",
            "에도",
            "께",
            "님",
            "로",
            "을",
            "를",
            "이",
            "가",
            "은",
            "는",
            "의",
            "에",
            "도",
            "만",
            "과",
            "와",
            "랑",
        ],
        key=len,
        reverse=True,
    )
)


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    """The stem, lower-cased for words; the value as written for quotes and addresses."""
    raw: str
    """The whole token as the user wrote it (particle included)."""
    particle: str = ""
    number: int | None = None
    counter: str = ""

    @property
    def is_number(self) -> bool:
        return self.number is not None


def _lift(pattern: re.Pattern[str], text: str, store: list[str], group_any: bool) -> str:
    def replace(match: re.Match[str]) -> str:
        value = next(g for g in match.groups() if g) if group_any else match.group(0)
        store.append(value)
        return f" \x00{len(store) - 1}\x00"

    return pattern.sub(replace, text)


def _split_particle(word: str, known: frozenset[str]) -> tuple[str, str]:
    for particle in PARTICLES:
        if not word.endswith(particle) or len(word) == len(particle):
            continue
        stem = word[: -len(particle)]
        # A one-syllable stem is more often a word that merely ends like a particle ("회의"),
        # unless the stem is a word of its own ("셋만", "이건").
        if len(stem) >= 2 or stem in known or parse_number(stem) is not None:
            return stem, particle
    return word, ""


def _word(raw: str, known: frozenset[str]) -> Token:
    word = raw.lower()
    if word in known:
        return Token("word", word, raw)
    counted = split_counter(word)
    if counted is None:
        stem, particle = _split_particle(word, known)
        counted = split_counter(stem)
        if counted is None:
            number = parse_number(stem)
            if stem in known or number is None:
                return Token("word", stem if stem in known or particle else word, raw, particle)
            return Token("number", stem, raw, particle, number=number)
        return Token("number", stem, raw, particle, number=counted[0], counter=counted[1])
    return Token("number", word, raw, number=counted[0], counter=counted[1])


def _bare_counter(raw: str) -> bool:
    """ "개", "개만", "통을": a counter standing alone, maybe with its particle."""
    return any(raw == c or (raw.startswith(c) and raw[len(c) :] in PARTICLES) for c in COUNTERS)


def tokenize(prompt: str, known: frozenset[str] = frozenset()) -> list[Token]:
    """Tokens of a prompt; `known` words are never split (they would lose a final syllable)."""
    values: list[str] = []
    text = unicodedata.normalize("NFC", prompt)
    text = _lift(_QUOTES, text, values, group_any=True)
    quoted = len(values)
    text = _lift(_EMAIL, text, values, group_any=False)
    tokens: list[Token] = []
    for raw in _SEPARATORS.split(text):
        if not raw:
            continue
        placeholder = _PLACEHOLDER.match(raw)
        if placeholder:
            index, rest = int(placeholder.group(1)), placeholder.group(2)
            kind: TokenKind = "quote" if index < quoted else "email"
            tokens.append(Token(kind, values[index], raw, particle=rest))
        elif _bare_counter(raw) and tokens and tokens[-1].kind == "word":
            # "세 개": the attributive numeral only counts because a counter follows it.
            value = parse_number(tokens[-1].text, before_counter=True)
            if value is not None:
                tokens[-1] = Token("number", tokens[-1].text, tokens[-1].raw, number=value)
            tokens.append(_word(raw, known))
        else:
            tokens.append(_word(raw, known))
    return _attach_counters(tokens)


def _attach_counters(tokens: list[Token]) -> list[Token]:
    """Fold a counter word ("개를") into the number before it."""
    folded: list[Token] = []
    for token in tokens:
        if (
            token.kind == "word"
            and _bare_counter(token.text)
            and folded
            and folded[-1].is_number
            and not folded[-1].counter
        ):
            previous = folded[-1]
            counter = next(c for c in COUNTERS if token.text.startswith(c))
            folded[-1] = Token(
                "number",
                previous.text,
                f"{previous.raw} {token.raw}",
                token.particle or token.text[len(counter) :],
                previous.number,
                counter,
            )
            continue
        folded.append(token)
    return folded
