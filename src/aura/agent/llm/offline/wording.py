"""How mails, counts and dates read in an answer, in Korean and English."""

import re
from typing import Any

from aura.agent.tools.base import Language

SUMMARY_SENTENCES = 3
SENTENCE_CHARS = 200
_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+|\n+")


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


def key_sentences(body: str) -> list[str]:
    """The first sentences of a body: an extractive summary that never invents anything."""
    sentences = [s.strip() for s in _SENTENCE_END.split(body) if s.strip()]
    picked = []
    for sentence in sentences[:SUMMARY_SENTENCES]:
        if len(sentence) > SENTENCE_CHARS:
            sentence = sentence[:SENTENCE_CHARS].rstrip() + "…"
        picked.append(sentence)
    return picked


def summary_of(message: dict[str, Any], language: Language) -> str:
    header = mail_line(message, language)
    sentences = key_sentences(str(message.get("body") or message.get("snippet") or ""))
    if not sentences:
        empty = "본문이 비어 있습니다." if language == "ko" else "The body is empty."
        return f"{header}\n{empty}"
    return header + "\n" + "\n".join(f"  • {sentence}" for sentence in sentences)
