"""How an evaluation case says what must happen, in terms of the demo mailbox.

Mail ids are written symbolically, since the demo seed names them by digest: `Ref("inbox", 0)`
is the newest inbox mail, `FOUND` the ids the run's last search or listing returned, `FIRST` the
first of them. A case lists every tool call the request must make, in order, with its exact
arguments; the approvals it must ask for follow from the tools' policies in the registry.
"""

from dataclasses import dataclass, field
from typing import Any, Literal

Category = Literal["delete", "search", "summarise", "send", "restore", "mark", "out_of_scope"]
CATEGORIES: tuple[Category, ...] = (
    "delete",
    "search",
    "summarise",
    "send",
    "restore",
    "mark",
    "out_of_scope",
)
KOREAN_MAILBOX = "user123"
ENGLISH_MAILBOX = "alice"


@dataclass(frozen=True)
class Ref:
    folder: Literal["inbox", "sent", "trash"]
    index: int


@dataclass(frozen=True)
class Found:
    first_only: bool = False


FOUND = Found()
FIRST = Found(first_only=True)
GONE = "msg-does-not-exist"


@dataclass(frozen=True)
class Call:
    tool: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class Case:
    category: Category
    language: Literal["ko", "en"]
    """The language the request is written in (its own wording, not the names inside it)."""
    prompt: str
    calls: tuple[Call, ...]
    page: dict[str, Any] = field(default_factory=dict)
    mailbox: str = KOREAN_MAILBOX
    unclear: tuple[str, ...] = ()
    """Words the planner must say it did not understand (they would change the action)."""


def case(
    category: Category,
    language: Literal["ko", "en"],
    prompt: str,
    *calls: Call,
    page: dict[str, Any] | None = None,
    mailbox: str | None = None,
    unclear: tuple[str, ...] = (),
) -> Case:
    default = KOREAN_MAILBOX if language == "ko" else ENGLISH_MAILBOX
    return Case(category, language, prompt, calls, page or {}, mailbox or default, unclear)


def find(folder: str = "inbox", limit: int = 10, order: str = "newest", **extra: Any) -> Call:
    tool = "search_messages" if "sender" in extra or "words" in extra else "list_messages"
    return Call(tool, {"folder": folder, "limit": limit, "order": order, **extra})


def lookup(name: str) -> Call:
    return Call("search_messages", {"sender": name, "folder": "inbox", "limit": 1})


def open_page(ref: Ref | str) -> Call:
    return Call("read_message", {"id": ref, "missing_ok": True})


def open_mail(ref: Ref | Found = FIRST) -> Call:
    return Call("read_message", {"id": ref})


def delete(*ids: Ref | Found) -> Call:
    return Call("delete_messages", {"ids": list(ids) or [FOUND]})


def restore(*ids: Ref | Found) -> Call:
    return Call("restore_messages", {"ids": list(ids) or [FOUND]})


def mark(*ids: Ref | Found, read: bool = True) -> Call:
    return Call("mark_read", {"ids": list(ids) or [FOUND], "read": read})


def send(to: list[str], subject: str, body: str) -> Call:
    return Call("send_message", {"to": to, "subject": subject, "body": body})


def item(folder: Literal["inbox", "sent", "trash"] = "inbox", index: int = 0) -> dict[str, Any]:
    return {"itemId": Ref(folder, index), "activeApp": "mail"}


def selected(*indexes: int, folder: Literal["inbox", "sent", "trash"] = "inbox") -> dict[str, Any]:
    return {"selectedItemIds": [Ref(folder, i) for i in indexes], "activeApp": "mail"}
