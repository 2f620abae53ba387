"""Plan step titles and descriptions in Korean and English."""

from typing import Any

from aura.agent.language import Language

FOLDER_NAMES = {
    "ko": {"inbox": "받은 메일함", "sent": "보낸 메일함", "trash": "휴지통"},
    "en": {"inbox": "inbox", "sent": "sent folder", "trash": "trash"},
}


def describe_query(language: Language, values: dict[str, Any]) -> str:
    """The mails a query asks for, e.g. "받은 메일함에서 최근 메일 최대 3개"."""
    folder = FOLDER_NAMES[language][values.get("folder") or "inbox"]
    limit, order = values.get("limit"), values.get("order") or "newest"
    unread, sender, words = values.get("unread"), values.get("sender"), values.get("words")
    if language == "ko":
        parts = [f"{folder}에서"]
        if sender:
            parts.append(f"{sender}님이 보낸")
        if words:
            parts.append(f"'{words}' 관련")
        if unread is not None:
            parts.append("안 읽은" if unread else "읽은")
        parts.append("가장 오래된" if order == "oldest" else "최근")
        parts.append(f"메일 최대 {limit}개")
        return " ".join(parts)
    state = {True: "unread ", False: "read ", None: ""}[unread]
    adjective = "oldest" if order == "oldest" else "newest"
    if limit == 1:
        text = f"the {adjective} {state}mail"
    else:
        text = f"up to {limit} of the {adjective} {state}mails"
    if sender:
        text += f" from {sender}"
    if words:
        text += f" about '{words}'"
    return f"{text} in the {folder}"


def step_text(
    key: str, action: str, language: Language, *, needs_approval: bool, **values: Any
) -> tuple[str, str]:
    """A plan step's title and description; a step that waits for a person says so."""
    base = key.split("-")[0]
    ko = language == "ko"
    if base == "find":
        query = describe_query(language, values)
        return ("메일 찾기", f"{query}를 찾습니다.") if ko else ("Find mails", f"Find {query}.")
    if base == "open":
        found = key == "open-found"
        if ko:
            what = "찾은 메일" if found else f"메일 {values.get('id')}"
            return "메일 읽기", f"{what}의 본문을 엽니다."
        what = "the mail found" if found else f"mail {values.get('id')}"
        return "Read the mail", f"Open {what} and read its body."
    if base == "lookup":
        name = values.get("name")
        if ko:
            return "주소 찾기", f"{name}님이 보낸 메일에서 이메일 주소를 찾습니다."
        return "Find the address", f"Find {name}'s address in the mails they sent."
    title, description = _action_text(action, ko, values)
    if needs_approval:
        description += " (승인 필요)." if ko else " (needs approval)."
    else:
        description += "."
    return title, description


def _action_text(action: str, ko: bool, values: dict[str, Any]) -> tuple[str, str]:
    """Title and description (without its final stop) of a step that changes mail."""
    table = {
        "delete": (
            ("휴지통으로 이동", "찾은 메일을 휴지통으로 옮깁니다"),
            ("Move to trash", "Move the mails to the trash"),
        ),
        "restore": (
            ("메일 복구", "휴지통의 메일을 원래 메일함으로 되돌립니다"),
            ("Restore mails", "Move the mails from the trash back where they were"),
        ),
        "mark": (
            ("읽음 상태 변경", "메일의 읽음 상태를 바꿉니다"),
            ("Change read state", "Mark the mails as read or unread"),
        ),
        "send": (
            ("메일 보내기", f"{values.get('to')}에게 메일을 보냅니다"),
            ("Send the mail", f"Send the mail to {values.get('to')}"),
        ),
    }
    korean, english = table[action]
    return korean if ko else english
