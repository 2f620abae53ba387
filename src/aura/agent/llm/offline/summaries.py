"""Extractive summaries of a mail body: the informative sentences, as written.

Mail opens with a greeting ("Hi 김민준,", "김민준님 안녕하세요,") and closes with a sign-off and a
signature ("Thanks,\\nJane", "감사합니다.\\n김철수 드림"); neither says what the mail is about, so
both are left out before sentences are picked. Nothing is reworded: every bullet is a sentence
(or a line of a list) of the body, cut at `SENTENCE_CHARS`.
"""

import re

SUMMARY_SENTENCES = 3
SENTENCE_CHARS = 200
SIGNATURE_CHARS = 40

_PARAGRAPHS = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n+")
_LIST_NUMBER = re.compile(r"^\d{1,2}\.$")
_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^.!?\n,]{0,40}"
    r"|[^.!?\n,]{0,30}(?:님|께|여러분)\s*(?:안녕하세요|안녕하십니까)?"
    r"|안녕하(?:세요|십니까)(?:,?\s*[^.!?\n,]{0,20}(?:님|여러분))?)[,.!]?$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^(?:thanks|thank you|many thanks|best|best regards|kind regards|regards|warm regards"
    r"|cheers|sincerely|yours|all the best|감사합니다|고맙습니다|수고하세요|감사드립니다"
    r"|[^.!?\n]{1,30}\s드림)[,.!]*$",
    re.IGNORECASE,
)
_PLEASANTRY = re.compile(
    r"^(?:i hope (?:you are|you're|this finds you) (?:well|doing well)|hope you are well"
    r"|잘 지내(?:시죠|셨나요|시나요))[.!?]*$",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    r"\?|please|could you|can you|let me know|by |due|부탁|주세요|바랍니다|까지|요청", re.IGNORECASE
)


def _content_lines(body: str) -> list[str]:
    """The lines of the body between the greeting and the sign-off."""
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(body.strip()) if p.strip()]
    if len(paragraphs) > 1 and _GREETING.match(paragraphs[0]):
        paragraphs = paragraphs[1:]
    if len(paragraphs) > 1 and _is_signature(paragraphs[-1]):
        paragraphs = paragraphs[:-1]
    lines: list[str] = []
    for paragraph in paragraphs:
        for line in paragraph.splitlines():
            line = line.strip()
            if _SIGN_OFF.match(line):
                return lines
            if line:
                lines.append(line)
    return lines


def _is_signature(paragraph: str) -> bool:
    """A closing paragraph of a name alone ("Jane Lee", "인사팀"), with no sentence in it."""
    lines = paragraph.splitlines()
    return (
        len(lines) == 1
        and len(paragraph) <= SIGNATURE_CHARS
        and not re.search(r"[.!?:\d]", paragraph)
    )


def _split(text: str) -> list[str]:
    sentences: list[str] = []
    for piece in (s.strip() for s in _SENTENCE_END.split(text)):
        if sentences and _LIST_NUMBER.match(sentences[-1]):
            sentences[-1] += " " + piece  # "1. 생성형 AI …" is a list item, not "1." and a sentence
        elif piece:
            sentences.append(piece)
    return sentences


def _sentences(body: str) -> list[str]:
    sentences = _split("\n".join(_content_lines(body)))
    return [s for s in sentences if not _GREETING.match(s) and not _PLEASANTRY.match(s)]


def _weight(sentence: str) -> int:
    """Facts and requests are what a reader needs from a mail: figures, dates, asks."""
    return int(bool(re.search(r"\d", sentence))) + int(bool(_REQUEST.search(sentence)))


def key_sentences(body: str) -> list[str]:
    """Up to `SUMMARY_SENTENCES` sentences of the body, in the body's order.

    The lead sentence (what the mail is about) is always kept; the rest are the sentences with
    the most figures and requests, earlier ones first on a tie.
    """
    sentences = _sentences(body)
    if not sentences and body.strip():
        sentences = _split(body)
    if len(sentences) > SUMMARY_SENTENCES:
        rest = sorted(range(1, len(sentences)), key=lambda i: (-_weight(sentences[i]), i))
        keep = sorted([0, *rest[: SUMMARY_SENTENCES - 1]])
        sentences = [sentences[i] for i in keep]
    return [s if len(s) <= SENTENCE_CHARS else s[:SENTENCE_CHARS].rstrip() + "…" for s in sentences]
