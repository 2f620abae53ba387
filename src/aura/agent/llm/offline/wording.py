"""How mails, counts and dates read in an answer, in Korean and English."""

from typing import Any

from aura.agent.language import Language
from aura.agent.llm.offline.summaries import key_sentences


def date_of(value: Any) -> str:
    """`2026-01-16T09:30:00Z` → `2026-01-16 09:30`."""
    text = str(value or "")
    return text[:16].replace("T", " ") if len(text) >= 16 else text


def mail_line(message: dict[str, Any], language: Language, with_state: bool = False) -> str:
    subject, sender = message.get("subject"), message.get("from")
    date = date_of(message.get("receivedAt"))
    if language == "ko":
        line = f"「{subject}」 — {sender}, {date}"
        if with_state and message.get("read") is False:
            line += " (안 읽음)"
        return line
    line = f'"{subject}" — {sender}, {date}'
    if with_state and message.get("read") is False:
        line += " (unread)"
    return line


def numbered(messages: list[dict[str, Any]], language: Language, with_state: bool) -> str:
    return "\n".join(
        f"{n}. {mail_line(m, language, with_state)}" for n, m in enumerate(messages, 1)
    )


def bulleted(messages: list[dict[str, Any]], language: Language) -> str:
    return "\n".join(f"- {mail_line(m, language)}" for m in messages)


def mails(count: int, language: Language) -> str:
    if language == "ko":
        return f"메일 {count}개"
    return f"{count} mail" if count == 1 else f"{count} mails"


def summary_of(message: dict[str, Any], language: Language) -> str:
    header = mail_line(message, language)
    sentences = key_sentences(str(message.get("body") or message.get("snippet") or ""))
    if not sentences:
        empty = "본문이 비어 있습니다." if language == "ko" else "The body is empty."
        return f"{header}\n{empty}"
    return header + "\n" + "\n".join(f"  • {sentence}" for sentence in sentences)


_HANGUL_FIRST, _HANGUL_LAST, _FINALS = 0xAC00, 0xD7A3, 28


def with_object(phrase: str) -> str:
    """`phrase` with the object particle its last syllable takes: 작업 → 작업을, 조회 → 조회를.

    A phrase that does not end in a Hangul syllable cannot be read for its final consonant, so
    it is marked with 것 ("… 것을") rather than the unsightly "을(를)".
    """
    last = ord(phrase[-1]) if phrase else 0
    if not _HANGUL_FIRST <= last <= _HANGUL_LAST:
        return f"{phrase} 것을"
    return phrase + ("을" if (last - _HANGUL_FIRST) % _FINALS else "를")
