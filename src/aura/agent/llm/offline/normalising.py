"""Putting a request into the words the grammar knows: spacing, typos, shorthand.

People type fast: "최근메일3개삭제해줘" (no spaces), "삭졔해줘", "delte", "shwo", "tl;dr". Before
the request is tokenised, each word outside quotes and addresses is

- split where a known piece is glued to its neighbours (Korean written without spaces);
- corrected when it is one edit away from exactly one word of the vocabulary: one letter wrong,
  missing, extra or two letters swapped in English; in Korean one syllable whose letters (jamo)
  differ by one, so "졔" is near "제" but "해" is not near "회".

Words the vocabulary already knows, short words, names and numbers are left alone.
"""

import re
import unicodedata
from functools import cache

from aura.agent.llm.offline import fillers as fw
from aura.agent.llm.offline import lexicon as lx

_PROTECTED = re.compile(
    r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』|(?:(?<=\s)|^)'[^']*'(?![A-Za-z])|\S+@\S+"
)
_SHORTHAND = {
    "tl;dr": "tldr",
    "tl dr": "tldr",
    "pls": "please",
    "plz": "please",
    "u": "you",
    "un-delete": "undelete",
}
_LATIN = re.compile(r"^([A-Za-z]+)([^A-Za-z]*)$")
_FIRST, _LAST = 0xAC00, 0xD7A3


def _jamo(syllable: str) -> tuple[int, int, int] | None:
    code = ord(syllable) - _FIRST
    if not 0 <= code <= _LAST - _FIRST:
        return None
    return code // 588, (code % 588) // 28, code % 28


def _near_syllables(a: str, b: str) -> bool:
    """Two Hangul syllables that differ in one of their letters (initial, vowel or final)."""
    ja, jb = _jamo(a), _jamo(b)
    if ja is None or jb is None:
        return False
    return sum(x != y for x, y in zip(ja, jb, strict=True)) == 1


def one_edit(word: str, target: str) -> bool:
    """One substitution, insertion, deletion or swap of neighbours (Damerau, distance 1)."""
    if word == target:
        return False
    if len(word) == len(target):
        diffs = [i for i, (x, y) in enumerate(zip(word, target, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and word[diffs[0]] == target[diffs[1]]
            and word[diffs[1]] == target[diffs[0]]
        )
    if abs(len(word) - len(target)) != 1:
        return False
    short, long = (word, target) if len(word) < len(target) else (target, word)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@cache
def _english_vocabulary() -> frozenset[str]:
    return frozenset(w for w in lx.ENGLISH_VOCABULARY if w.isalpha() and len(w) >= 4)


def _correct_english(word: str) -> str:
    lower = word.lower()
    if lower in lx.ENGLISH_VOCABULARY or len(lower) < 3 or not lower.isalpha():
        return word
    if len(lower) == 3 and any(vowel in lower for vowel in "aeiou"):
        return word  # "set", "bet", "yet" are words; a three-letter typo drops its vowel ("snd")
    matches = {
        target
        for target in _english_vocabulary()
        if target[0] == lower[0] and one_edit(lower, target)
    }
    return matches.pop() if len(matches) == 1 else word


def _correct_korean(word: str) -> str:
    """A word whose first syllables are one letter away from a known stem gets the stem."""
    if word in lx.KNOWN_WORDS or word in fw.FILLERS or lx.korean_verb(word) is not None:
        return word
    for stem in lx.KOREAN_STEMS:
        size = len(stem)
        if len(word) < size or size < 2:
            continue
        head = word[:size]
        mismatched = [i for i in range(size) if head[i] != stem[i]]
        # A two-syllable stem is mended only in its second syllable: "제일" is not "메일".
        if size == 2 and mismatched == [0]:
            continue
        if len(mismatched) == 1 and _near_syllables(head[mismatched[0]], stem[mismatched[0]]):
            return stem + word[size:]
    return word


def _unglue(word: str) -> str:
    """Spaces back into a Korean run: "최근메일3개삭제해줘" → "최근 메일 3개 삭제해줘"."""
    if word in lx.KNOWN_WORDS or len(word) < 4:
        return word
    if any(word.startswith(stem) for stem, _ in lx.KOREAN_VERB_STEMS):
        return word  # "되찾아줘" is one verb, not "되" + "찾아줘"
    pieces = sorted(lx.GLUE_PIECES, key=len, reverse=True)
    out = word
    for piece in pieces:
        start = out.find(piece, 1)
        # "이메일" is one word (e-mail), not "이 메일" (this mail).
        if start > 0 and out[start - 1] != " " and not out[: start + 1].endswith("이메"):
            out = out[:start] + " " + out[start:]
    out = re.sub(r"(?<=[\uac00-\ud7a3])(?=\d)", " ", out)
    return out


def _word(word: str) -> str:
    latin = _LATIN.match(word)
    if latin:
        return _correct_english(latin.group(1)) + latin.group(2)
    if any(_FIRST <= ord(ch) <= _LAST for ch in word):
        return " ".join(_correct_korean(piece) for piece in _unglue(word).split())
    return word


def _plain(text: str) -> str:
    lowered = text
    for short, long in _SHORTHAND.items():
        lowered = re.sub(rf"(?<![\w;]){re.escape(short)}(?![\w;])", long, lowered, flags=re.I)
    words = " ".join(_word(word) for word in lowered.split(" ") if word)
    lead = " " if text.startswith(" ") and words else ""
    return lead + words + (" " if text.endswith(" ") else "")


# "이지은 (한빛컨설팅)님", "Jordan Blake (Northwind)": the organisation names no one else.
_ORGANISATION = re.compile(r"\s*\([^()\"']*\)")


# "박지현 님이", "박지현 씨한테", "박지현씨가": one honorific, attached to the name it follows.
_SPACED_HONORIFIC = re.compile(
    r"(?<=[\uac00-\ud7a3A-Za-z])\s+(?:님|씨)(?=[\uac00-\ud7a3]{0,3}(?:\s|$|[?.!,]))"
)
_NAME_SSI = re.compile(
    r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{3})씨(?=[\uac00-\ud7a3]{0,3}(?:\s|$|[?.!,]))"
)


# "세 줄 요약", "3줄로 정리": how long the summary should be, which the planner does not vary.
_SUMMARY_LENGTH = re.compile(
    r"(?:\d+|한|두|세|네|다섯)\s*(?:줄|문장|단어)(?:으로|로)?\s*(?=요약|정리)"
)
# "하나도 빠짐없이": every one. "비우지 말고", "삭제하지 말고": an action declined, not asked.
_EVERY_ONE = re.compile(r"(?:하나도\s*)?빠짐\s*없이")
_NOT_THIS = re.compile(r"\S+지\s*말고\s*")


# "지금 보고 있는 메일", "열려 있는 메일": the mail open on the page.
_ON_SCREEN = re.compile(
    r"(?:보고\s*있는|열려\s*있는|열어\s*놓은|띄워\s*놓은|(?<=지금 )보는|보는(?=\s*(?:메일|이메일)))"
)


# "보낸 편지함", "받은 메일함": the folder's name, written with a space.
_SPACED_FOLDER = re.compile(r"(보낸|받은)\s+(편지함|메일함)")
# "원래 자리로", "제자리로": back where they were, which is what restoring does.
_BACK_IN_PLACE = re.compile(r"(?:원래|제)\s*자리로(?:\s*(?:돌려|옮겨|보내)\S*)?")
# "맨 위에 있는 메일": the list shows the newest first, so the top is the newest.
_TOP = re.compile(r"맨\s*(?:위|앞)(?:에\s*있는|의)?")
_BOTTOM = re.compile(r"맨\s*(?:아래|밑|뒤)(?:에\s*있는|의)?")
# "the mail I'm reading": the one open on the page.
_BEING_READ = re.compile(
    r"\bthe (e?mails?|messages?) (?:that |which )?I(?:'m| am) (?:reading|looking at|viewing)\b",
    re.I,
)


def normalise(prompt: str) -> str:
    """The request with its grammar words mended; quoted text and addresses exactly as written."""
    text = unicodedata.normalize("NFC", prompt)
    text = _ORGANISATION.sub("", text)
    text = _NAME_SSI.sub(r"\1님", _SPACED_HONORIFIC.sub("님", text))
    text = _SUMMARY_LENGTH.sub("", text)
    text = _ON_SCREEN.sub("열린", text)
    text = _TOP.sub("가장 최근", _BOTTOM.sub("가장 오래된", text))
    text = _SPACED_FOLDER.sub(r"\1\2", text)
    text = _BACK_IN_PLACE.sub("복구해", text)
    text = _NOT_THIS.sub("", _EVERY_ONE.sub("전부", text))
    text = _BEING_READ.sub(r"this \1", text)
    parts: list[str] = []
    last = 0
    for match in _PROTECTED.finditer(text):
        parts.append(_plain(text[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_plain(text[last:]))
    return "".join(parts)
