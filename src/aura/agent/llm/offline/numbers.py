"""Numbers as people type them in a mail request: digits, English words, Korean native numerals.

Korean native numerals have an attributive form used before a counter ("세 개", "두 통") and a
standalone form ("셋", "둘"). The attributive forms collide with ordinary words ("네" is also
"yes", "세" a syllable of many words), so they count only when a counter follows.
"""

import re

COUNTERS = ("개", "통", "건")

ENGLISH = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "fifty": 50,
    "hundred": 100,
    "couple": 2,
    "dozen": 12,
}

_UNITS_STANDALONE = {
    "하나": 1,
    "둘": 2,
    "셋": 3,
    "넷": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
    "아홉": 9,
}
_UNITS_ATTRIBUTIVE = {"한": 1, "두": 2, "세": 3, "석": 3, "네": 4, "넉": 4}
_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30}

_DIGITS = re.compile(r"^(\d{1,4})$")


def _korean(word: str, attributive: bool) -> int | None:
    units = {**_UNITS_STANDALONE, **(_UNITS_ATTRIBUTIVE if attributive else {})}
    if word in units:
        return units[word]
    for tens_word, tens in _TENS.items():
        if word == tens_word and (attributive or tens_word != "스무"):
            return tens
        if word.startswith(tens_word) and word[len(tens_word) :] in units:
            return tens + units[word[len(tens_word) :]]
    return None


def parse_number(word: str, before_counter: bool = False) -> int | None:
    """The value of one normalised word, or None when it is not a number."""
    match = _DIGITS.match(word)
    if match:
        return int(match.group(1))
    if word in ENGLISH:
        return ENGLISH[word]
    return _korean(word, attributive=before_counter)


def split_counter(word: str) -> tuple[int, str] | None:
    """`3개`, `세개`, `두통`, `열두건` → (number, counter)."""
    for counter in COUNTERS:
        if word.endswith(counter) and len(word) > len(counter):
            value = parse_number(word[: -len(counter)], before_counter=True)
            if value is not None:
                return value, counter
    return None
