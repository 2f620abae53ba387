"""English role markers: who sent the mails ("from", "by", possessives), what they are about
("about", "mentioning", "the invoice emails", "with invoice")."""

from aura.agent.llm.offline import lexicon as lx
from aura.agent.llm.offline.slots import ARTICLES, PRONOUNS, Slots, is_plain, name_of
from aura.agent.llm.offline.tokens import Token

_TIMES = frozenset(
    """yesterday today tomorrow tonight morning afternoon evening week month year monday
    tuesday wednesday thursday friday saturday sunday""".split()  # noqa: SIM905
)
# "with the word budget": the value follows these.
_WORD_NOUNS = frozenset({"word", "words", "keyword", "keywords", "term", "phrase"})
_NOT_OWNERS = frozenset({"what", "it", "that", "there", "here", "who", "this", "let", "where"})


def english_phrase(
    tokens: list[Token], start: int, used: set[int], articles: bool = True, limit: int = 4
) -> str | None:
    """Plain words from `start`, as written: the value after "from", "about", ..."""
    taken: list[str] = []
    while articles and start < len(tokens) and tokens[start].text in ARTICLES | _WORD_NOUNS:
        start += 1  # "about the budget": the article is not part of the value
    for index, token in enumerate(tokens[start : start + limit], start):
        if token.kind in ("email", "quote"):
            if taken:
                break
            used.add(index)
            return token.text
        acronym = token.raw.isupper() and token.raw.isalpha() and len(token.raw) >= 2
        if not (is_plain(token) or acronym) or token.particle:
            if token.kind == "word" and token.particle and is_plain(token):
                used.add(index)
                taken.append(name_of(token))
            break
        used.add(index)
        taken.append(name_of(token))
    return " ".join(taken) or None


def _noun_modifiers(tokens: list[Token], slots: Slots) -> None:
    """ "the invoice emails", "show me emails with invoice": English topic words at the noun."""
    for index, token in enumerate(tokens):
        if token.text in lx.MAIL_NOUNS - PRONOUNS and token.raw.isascii():
            start = index
            while start > 0 and start - 1 not in slots.used and _modifier(tokens[start - 1]):
                start -= 1
            if start < index:
                modifiers = tokens[start:index]
                phrase = " ".join(t.raw for t in modifiers)
                if all(t.raw[:1].isupper() for t in modifiers) and slots.sender is None:
                    slots.sender = phrase  # "the Acme IT Security emails": who sent them
                else:
                    slots.words.append(phrase)
                slots.used.update(range(start, index))
        elif token.text == "with" and index and tokens[index - 1].text in lx.MAIL_NOUNS:
            value = english_phrase(tokens, index + 1, slots.used)
            if value:
                slots.words.append(value)


def _modifier(token: Token) -> bool:
    acronym = token.raw.isascii() and token.raw.isupper() and token.raw.isalpha()
    return _english_plain(token) or (acronym and len(token.raw) >= 2)


def _english_plain(token: Token) -> bool:
    return is_plain(token) and token.raw.isascii() and not token.particle and token.raw.isalpha()


def english_slots(tokens: list[Token], slots: Slots) -> None:
    _english_roles(tokens, slots)
    _noun_modifiers(tokens, slots)


def _english_roles(tokens: list[Token], slots: Slots) -> None:
    for index, token in enumerate(tokens):
        word = token.text if token.kind == "word" else ""
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        previous = tokens[index - 1].text if index else ""
        after = tokens[index + 2].text if following in ARTICLES and index + 2 < len(tokens) else ""
        from_folder = following in lx.FOLDERS or after in lx.FOLDERS or following == after == ""
        if (word in {"from", "by"} and not from_folder) or (
            word == "of" and previous in lx.MAIL_NOUNS  # "mails of Alice": Alice sent them
        ):
            if slots.sender is None:
                # "mails of the company" names no sender; "mails of Alice" does.
                taken = set(slots.used)
                sender = english_phrase(tokens, index + 1, taken, word != "of")
                if sender and sender.lower() not in _TIMES:  # "from yesterday": not a person
                    slots.sender = sender
                    slots.used |= taken
        elif word in lx.WORDS_MARKERS_EN - {"with", "subject"}:
            phrase = english_phrase(tokens, index + 1, slots.used)
            if phrase:
                slots.words.append(phrase)
        elif (
            token.kind == "word"
            and token.text.endswith(("'s", "’s"))
            and is_plain(token)
            and name_of(token).lower() not in _NOT_OWNERS
            and slots.sender is None
        ):
            # "Tech Weekly's": the capitalised words before the possessive are the name too.
            start = index
            while (
                start > 0
                and tokens[start - 1].raw[:1].isupper()
                and _english_plain(tokens[start - 1])
            ):
                start -= 1
            slots.sender = " ".join([*(t.raw for t in tokens[start:index]), name_of(token)])
            slots.used.update(range(start, index + 1))
