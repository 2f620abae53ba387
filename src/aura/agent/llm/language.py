"""Which language a prompt is written in, so answers and approval messages match it."""

from aura.agent.tools.base import Language

_HANGUL_RANGES = (
    (0xAC00, 0xD7A3),  # syllables
    (0x1100, 0x11FF),  # jamo
    (0x3130, 0x318F),  # compatibility jamo
)


def is_hangul(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _HANGUL_RANGES)


def detect_language(text: str) -> Language:
    """Korean as soon as the text holds any Hangul; English otherwise."""
    return "ko" if any(is_hangul(char) for char in text) else "en"
