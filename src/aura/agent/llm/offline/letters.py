"""The subject and body of a mail to send, read off the request exactly as it was written.

Tokens lose punctuation and the planner's typo mending would rewrite the text, so the parts a
person dictates are cut from the original request: labelled ("subject: …, body: …", "제목은 …
내용은 …", "제목 '…' 메시지 '…'"), separated by commas or slashes, quoted or not, "titled …,
saying …", "about … saying …", "…라고", a quote before the mail noun, or "a message: …". A label's
value ends at the next label, separator or the closing request words, so a subject never
swallows the body.
"""

import re
from dataclasses import dataclass

_Q = (
    r"(?:\"(?P<{0}dq>[^\"]+)\"|(?<![A-Za-z])'(?P<{0}sq>[^']+)'(?![A-Za-z])|“(?P<{0}cq>[^”]+)”"
    r"|「(?P<{0}kq>[^」]+)」)"
)
_SUBJECT_LABEL = r"(?:(?:with\s+)?(?:the\s+)?(?:subject(?:\s+line)?|title)(?![A-Za-z])|제목)"
_BODY_LABEL = (
    r"(?:(?:and\s+)?(?:with\s+)?(?:the\s+)?(?:body|message|text|content)(?![A-Za-z])"
    r"|내용|본문|메시지|메세지)"
)
_LABEL_TAIL = r"(?:\s*(?:은|는|이|을|를)?\s*[:=\-]?\s*)"
_ENDERS = (
    r"(?:\s*(?:(?:이)?라고|(?:으)?로)?\s*(?:메일|이메일|답장|메시지)?\s*(?:을|를|좀)?\s*"
    r"(?:보내|발송|전송|써|전해)\S*(?:\s+\S+)?\s*[.!?]?\s*$)"
)
_STOP = (
    rf"(?=\s*[,/;]|\.\s|\s+(?:and\s+)?{_BODY_LABEL}{_LABEL_TAIL}|\s+(?:saying|says)\b|{_ENDERS}|$)"
)


@dataclass(frozen=True)
class Letter:
    subject: str | None
    body: str | None


def _quoted(match: re.Match[str], prefix: str) -> str | None:
    for kind in ("dq", "sq", "cq", "kq"):
        value = match.groupdict().get(f"{prefix}{kind}")
        if value:
            return value
    return None


def _labelled(text: str, label: str, prefix: str) -> str | None:
    quoted = re.search(rf"{label}{_LABEL_TAIL}{_Q.format(prefix)}", text, re.I)
    if quoted:
        return _quoted(quoted, prefix)
    plain = re.search(rf"(?:^|[\s,./]){label}{_LABEL_TAIL}(?P<v>.+?){_STOP}", text, re.I)
    if plain and plain.start() == 0 and re.match(r"(?i)(?:message|text|e?mail)\b", text):
        return None  # "message kim@x.com that …" opens with the verb, not the body's label
    if plain:
        value = plain.group("v").strip(" ,/")
        return value or None
    return None


def _tidy(value: str | None) -> str | None:
    if value is None:
        return None
    value = re.sub(r"^(?:that|the following)\s+", "", value.strip(), flags=re.I)
    value = re.sub(rf"{_ENDERS}", "", value).strip(" ,")
    return value or None


def read_letter(prompt: str) -> Letter:
    """Subject and body as written; either may be None when the request does not give it."""
    text = prompt.strip()
    subject = _labelled(text, _SUBJECT_LABEL, "s")
    titled = re.search(
        rf"\b(?:titled|called|entitled)\s+(?:{_Q.format('t')}|(?P<v>.+?)(?=\s*[,;/]|\s+to\s+\S+@|\s+(?:that\s+)?"
        r"(?:saying|says)\b|$))",
        text,
        re.I,
    )
    if subject is None and titled:
        subject = _quoted(titled, "t") or (titled.group("v") or "").strip(" '\"") or None
    body = _labelled(text, _BODY_LABEL, "b")
    saying = re.search(
        r"\b(?:saying|says|reading|(?:and |to )?say(?: that)?|tell(?:ing)? (?:them|him|her))"
        r"\s*:?\s*(?P<v>.+)$",
        text,
        re.I,
    )
    if saying:
        body = _tidy(saying.group("v").strip(" '\""))
        about = re.search(
            r"\babout\s+(?:the\s+)?(?P<v>.+?)\s+(?:saying|says|telling (?:them|him|her))\b",
            text,
            re.I,
        )
        if subject is None and about:
            subject = about.group("v")
    said = re.search(rf"{_Q.format('r')}\s*(?:이)?라고", text)
    if body is None and said:
        body = _quoted(said, "r")
    before_noun = re.search(rf"{_Q.format('n')}\s*(?:메일|이메일|답장)", text)
    if body is None and before_noun:
        body = _quoted(before_noun, "n")
    before_verb = re.search(rf"{_Q.format('v')}\s*(?:을|를|좀)?\s*(?:보내|전송|발송|전해)", text)
    if body is None and before_verb:
        body = _quoted(before_verb, "v")  # "kim@x.com한테 '확인했습니다' 보내줘"
    told = re.search(
        r"(?:@\S+|\b[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:\s+by\s+e?mail)?\s+that\s+(?P<v>.+)$", text
    )
    if body is None and told:
        body = _tidy(told.group("v"))  # "message david@x.com that the build is green"
    colon = re.search(r"(?:\b(?:message|note|mail|email)|@[\w.-]+)\s*:\s*(?P<v>.+)$", text, re.I)
    if body is None and colon:
        body = _tidy(colon.group("v").strip(" '\"“”"))
    lone = [_quoted(m, "l") or "" for m in re.finditer(_Q.format("l"), text)]
    if body is None and len(lone) == 1 and lone[0] != subject:
        body = lone[0]  # 'to David Kim: "I'll be late today"': the one quote is what to say
    if body is None and subject is None:
        unquoted = re.search(r"(?:에게|한테|께|으로|로|에)\s+(?P<v>[^'\"]+?)(?:이)?라고\s", text)
        if unquoted:
            body = unquoted.group("v").strip()
    return Letter(_tidy(subject), body if body is None else body.strip())
